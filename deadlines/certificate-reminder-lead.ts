// How many days before a post certificate ends the city is reminded: the `remindDaysBefore` setting of the
// remind-expiring-certificates task in the deployed `staff-certificate-reminders` diagram. The staff register and the
// workbench's banner call a certificate "expiring" by the same count, so a lead changed in the modeler is the one
// people read.
import { DEPLOYMENT_POLICY } from '../deployment/policy/deployment-policy.ts';
import { EngineError, EngineUnavailable, type EngineRest } from '../platform/engine-rest.ts';
import { attribute, descendants, readXmlTree, XmlReadError } from '../platform/xml-tree.ts';
import { wholeDays } from '../workers/sweep-settings.ts';
import { JOB_TYPE as REMIND_EXPIRING_CERTIFICATES } from '../workers/remind-expiring-certificates.ts';

export const STAFF_REMINDERS_PROCESS_KEY = 'staff-certificate-reminders';
const SETTING = 'remindDaysBefore';

const { bpmn: BPMN_NAMESPACE, operaton: OPERATON_NAMESPACE } = DEPLOYMENT_POLICY.bpmn.namespaces as { bpmn: string; operaton: string };

/** The reminder lead the BPMN `xml` sets (the first remind-expiring-certificates task's); null when none is valid. */
export function certificateReminderLead(xml: string): number | null {
  for (const task of descendants(readXmlTree(xml))) {
    if (task.uri !== BPMN_NAMESPACE || task.local !== 'serviceTask' || attribute(task, OPERATON_NAMESPACE, 'topic') !== REMIND_EXPIRING_CERTIFICATES) continue;
    const property = [...descendants(task)].find((e) => e.uri === OPERATON_NAMESPACE && e.local === 'property' && attribute(e, '', 'name') === SETTING);
    return wholeDays(property && attribute(property, '', 'value'));
  }
  return null;
}

/** Reads the latest deployed version's lead, each version parsed once (a deployed definition never changes). */
export class CertificateReminderLeadReader {
  readonly #engine: EngineRest | undefined;
  readonly #byDefinition = new Map<string, Promise<number | null>>();

  constructor(engine: EngineRest | undefined) {
    this.#engine = engine;
  }

  /** Days, or null when the diagram is not deployed, sets no valid lead, or the engine cannot be asked now. */
  async days(): Promise<number | null> {
    if (!this.#engine) return null;
    const engine = this.#engine;
    try {
      const { id } = await engine.get<{ id: string }>(`/process-definition/key/${STAFF_REMINDERS_PROCESS_KEY}`);
      let lead = this.#byDefinition.get(id);
      if (!lead) {
        lead = engine.get<{ bpmn20Xml: string }>(`/process-definition/${encodeURIComponent(id)}/xml`).then(({ bpmn20Xml }) => certificateReminderLead(bpmn20Xml));
        this.#byDefinition.set(id, lead);
        lead.catch(() => this.#byDefinition.delete(id));
      }
      return await lead;
    } catch (error) {
      // Not deployed, or the engine away for a moment: the register still answers, without the count.
      if (error instanceof EngineError && error.status === 404) return null;
      if (error instanceof EngineUnavailable || error instanceof XmlReadError) return null;
      throw error;
    }
  }
}
