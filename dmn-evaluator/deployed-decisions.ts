// The decisions deployed to the engine, read back to be evaluated here: the engine's deployment is the single
// source of the rules. A decision definition's id names one immutable version, so its model is cached by id.
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { readDeployedDecisionModel, type DecisionModel } from './decision-model.ts';

export interface DeployedDecision {
  key: string;
  id: string;
  version: number;
  model: DecisionModel;
  /** The DMN file the model was read from: what another thread reads its own model from (a preview's workers). */
  xml: string;
}

interface EngineDecisionDefinition {
  id: string;
  key: string;
  version: number;
}

export class DecisionNotDeployed extends Error {
  constructor(readonly key: string) {
    super(`决策 ${key} 尚未部署到流程引擎 / decision ${key} is not deployed`);
    this.name = 'DecisionNotDeployed';
  }
}

export interface DeployedDecisions {
  /** The latest deployed version of each key, asked of the engine in one query. */
  latest(keys: readonly string[]): Promise<DeployedDecision[]>;
  /** That exact version (a filing already judged under it). */
  byId(id: string): Promise<DeployedDecision>;
}

const MAX_CACHED_MODELS = 50;

export function deployedDecisions(engine: EngineRest): DeployedDecisions {
  const models = new Map<string, Promise<DeployedDecision>>();

  const load = (definition: EngineDecisionDefinition): Promise<DeployedDecision> => {
    let cached = models.get(definition.id);
    if (!cached) {
      cached = engine
        .get<{ dmnXml: string }>(`/decision-definition/${encodeURIComponent(definition.id)}/xml`)
        .then(async ({ dmnXml }) => ({ key: definition.key, id: definition.id, version: definition.version, model: await readDeployedDecisionModel(dmnXml), xml: dmnXml }));
      if (models.size >= MAX_CACHED_MODELS) models.clear();
      models.set(definition.id, cached);
      cached.catch(() => models.delete(definition.id)); // a failed read is tried again next time
    }
    return cached;
  };

  return {
    async latest(keys) {
      const found = await engine.get<EngineDecisionDefinition[]>('/decision-definition', { keysIn: [...new Set(keys)].join(','), latestVersion: 'true' });
      return Promise.all(
        keys.map((key) => {
          const definition = found.find((d) => d.key === key);
          if (!definition) throw new DecisionNotDeployed(key);
          return load(definition);
        }),
      );
    },
    async byId(id) {
      let definition: EngineDecisionDefinition;
      try {
        definition = await engine.get<EngineDecisionDefinition>(`/decision-definition/${encodeURIComponent(id)}`);
      } catch (error) {
        // The version a filing was judged under was removed from the engine: no retry brings it back.
        if (error instanceof EngineError && error.status === 404) throw new DecisionNotDeployed(id);
        throw error;
      }
      return load(definition);
    },
  };
}
