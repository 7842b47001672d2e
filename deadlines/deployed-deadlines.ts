// The deadlines of the annual-review diagram as the engine has it deployed: the latest version for a filing not yet
// under way (the window's intake page), the filing's own version for one that is (a change deployed later does not
// move its deadlines). A deployed definition never changes, so each is read and parsed once.
import { diagramDeadlines, type DiagramDeadlines } from './diagram-deadlines.ts';
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { Problem } from '../platform/problem.ts';
import { ANNUAL_REVIEW_PROCESS_ID } from '../filings/filing-store.ts';

export interface DeployedDeadlines {
  /** The engine's id of the process definition the deadlines come from, and its version. */
  definitionId: string;
  version: number;
  deadlines: DiagramDeadlines;
}

interface Definition {
  id: string;
  version: number;
}

interface HistoricInstance {
  processDefinitionId: string;
  processDefinitionVersion: number;
}

export class DeployedDeadlineReader {
  readonly #engine: EngineRest;
  readonly #byDefinition = new Map<string, Promise<DiagramDeadlines>>();

  constructor(engine: EngineRest) {
    this.#engine = engine;
  }

  /** The latest deployed version's deadlines: what a filing started now runs on. */
  async latest(): Promise<DeployedDeadlines> {
    let definition: Definition;
    try {
      definition = await this.#engine.get<Definition>(`/process-definition/key/${ANNUAL_REVIEW_PROCESS_ID}`);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) throw new Problem(503, '年审流程尚未部署', 'annual-review is not deployed');
      throw error;
    }
    return this.#of(definition.id, definition.version);
  }

  /** The deadlines of the version the filing's process runs (or ran) on; the latest when it has not started yet. */
  async ofFiling(filingId: string): Promise<DeployedDeadlines> {
    const [instance] = await this.#engine.get<HistoricInstance[]>('/history/process-instance', {
      processInstanceBusinessKey: filingId,
      processDefinitionKey: ANNUAL_REVIEW_PROCESS_ID,
      sortBy: 'startTime',
      sortOrder: 'desc',
      maxResults: 1,
    });
    return instance ? this.#of(instance.processDefinitionId, instance.processDefinitionVersion) : this.latest();
  }

  async #of(definitionId: string, version: number): Promise<DeployedDeadlines> {
    let parsed = this.#byDefinition.get(definitionId);
    if (!parsed) {
      parsed = this.#engine
        .get<{ bpmn20Xml: string }>(`/process-definition/${encodeURIComponent(definitionId)}/xml`)
        .then(({ bpmn20Xml }) => diagramDeadlines(bpmn20Xml));
      this.#byDefinition.set(definitionId, parsed);
      // A failed read (the engine away for a moment) is tried again next time, not remembered.
      parsed.catch(() => this.#byDefinition.delete(definitionId));
    }
    return { definitionId, version, deadlines: await parsed };
  }
}
