// The engine's open incidents as operators read them — the step by its name in the diagram, the department it
// asks, the filing and unit it holds up — and retrying them, one or many, as Cockpit's retry does. A step that
// failed for good (a department down, a deadline the calendar could not count) resumes where it stopped.
import type { Incident } from '../api/operations.ts';
import type { Db } from '../platform/db.ts';
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { readXmlTree, type XmlElement } from '../platform/xml-tree.ts';
import { departmentOfTopic } from '../workers/department-of-topic.ts';
import { incidentCause } from './incident-cause.ts';

/** At most this many incidents are listed: more means an outage, and the oldest ones tell the story. */
export const INCIDENT_LIST_LIMIT = 1000;

interface EngineIncident {
  id: string;
  incidentTimestamp: string;
  incidentType: string;
  activityId: string | null;
  processInstanceId: string | null;
  processDefinitionId: string | null;
  configuration: string | null;
  incidentMessage: string | null;
}

/** One open incident as GET /api/operations/incidents answers it (its fields are described in the contract). */
export type OpenIncident = Incident;

// A definition never changes once deployed: its element names are read once.
const namesOfDefinition = new Map<string, Map<string, string>>();

async function elementNames(engine: EngineRest, definitionId: string): Promise<Map<string, string>> {
  const known = namesOfDefinition.get(definitionId);
  if (known) return known;
  const names = new Map<string, string>();
  try {
    const { bpmn20Xml } = await engine.get<{ bpmn20Xml: string }>(`/process-definition/${encodeURIComponent(definitionId)}/xml`);
    const walk = (element: XmlElement) => {
      const id = element.attributes.find((a) => a.uri === '' && a.local === 'id')?.value;
      const name = element.attributes.find((a) => a.uri === '' && a.local === 'name')?.value;
      if (id && name) names.set(id, name.replace(/\s+/g, ' ').trim());
      element.children.forEach(walk);
    };
    walk(readXmlTree(bpmn20Xml));
  } catch {
    // Without the diagram the step is named by its id: the list still serves.
    return names;
  }
  namesOfDefinition.set(definitionId, names);
  return names;
}

const RETRYABLE = new Set(['failedExternalTask', 'failedJob']);

interface LoadedIncident {
  incident: OpenIncident;
  /** The external task or job a retry sets going again. */
  target: string | null;
}

/** The open incidents, oldest first, each with its step, department and filing. */
export async function openIncidents(db: Db, engine: EngineRest): Promise<OpenIncident[]> {
  return (await loadIncidents(db, engine)).map((l) => l.incident);
}

async function loadIncidents(db: Db, engine: EngineRest): Promise<LoadedIncident[]> {
  const incidents = await engine.get<EngineIncident[]>('/incident', { sortBy: 'incidentTimestamp', sortOrder: 'asc', maxResults: INCIDENT_LIST_LIMIT });
  if (incidents.length === 0) return [];

  const externalTaskIds = incidents.filter((i) => i.incidentType === 'failedExternalTask' && i.configuration).map((i) => i.configuration!);
  const topics = new Map<string, string>();
  if (externalTaskIds.length > 0) {
    const tasks = await engine.post<{ id: string; topicName: string }[]>('/external-task', { externalTaskIdIn: externalTaskIds });
    for (const task of tasks) topics.set(task.id, task.topicName);
  }

  const instanceIds = [...new Set(incidents.map((i) => i.processInstanceId).filter((id): id is string => id !== null))];
  const instances = await engine.post<{ id: string; businessKey: string | null }[]>('/process-instance', { processInstanceIds: instanceIds });
  const filingOfInstance = new Map(instances.filter((p) => p.businessKey).map((p) => [p.id, p.businessKey!]));
  const filingIds = [...new Set(filingOfInstance.values())].filter((key) => /^[0-9a-f-]{36}$/i.test(key));
  const { rows } = await db.query<{ id: string; year: number; name: string; handling_region_code: string }>(
    `select f.id, f.year, e.name, f.handling_region_code from filings f join employers e on e.uscc = f.employer_uscc where f.id = any($1::uuid[])`,
    [filingIds],
  );
  const filings = new Map(rows.map((r) => [r.id, { id: r.id, year: r.year, unitName: r.name, handlingRegionCode: r.handling_region_code }]));

  const listed: LoadedIncident[] = [];
  for (const incident of incidents) {
    const names = incident.processDefinitionId ? await elementNames(engine, incident.processDefinitionId) : new Map<string, string>();
    const topic = incident.configuration ? topics.get(incident.configuration) : undefined;
    const filingId = incident.processInstanceId ? filingOfInstance.get(incident.processInstanceId) : undefined;
    const retryable = RETRYABLE.has(incident.incidentType) && incident.configuration !== null;
    const department = topic ? (departmentOfTopic(topic) ?? null) : null;
    listed.push({
      target: incident.configuration,
      incident: {
        id: incident.id,
        at: incident.incidentTimestamp,
        kind: incident.incidentType,
        step: { id: incident.activityId, name: (incident.activityId && names.get(incident.activityId)) || incident.activityId || '（未知步骤）' },
        department,
        message: incident.incidentMessage ?? '',
        cause: incidentCause(incident.incidentMessage ?? '', department),
        filing: (filingId && filings.get(filingId)) || null,
        retryable,
      },
    });
  }
  return listed;
}

export interface RetryOutcome {
  /** Set going again: the step runs once more, and becomes an incident again if it fails again. */
  retried: OpenIncident[];
  /** No longer open (retried or resolved by someone else meanwhile). */
  gone: string[];
  /** Open, but not something a retry sets going (only in Cockpit). */
  notRetryable: string[];
}

/** Gives each named incident's job or external task one more try. */
export async function retryIncidents(db: Db, engine: EngineRest, ids: readonly string[]): Promise<RetryOutcome> {
  const open = new Map((await loadIncidents(db, engine)).map((l) => [l.incident.id, l]));
  const outcome: RetryOutcome = { retried: [], gone: [], notRetryable: [] };
  for (const id of new Set(ids)) {
    const loaded = open.get(id);
    if (!loaded) {
      outcome.gone.push(id);
      continue;
    }
    const { incident, target } = loaded;
    if (!incident.retryable || !target) {
      outcome.notRetryable.push(id);
      continue;
    }
    const path = incident.kind === 'failedExternalTask' ? `/external-task/${encodeURIComponent(target)}/retries` : `/job/${encodeURIComponent(target)}/retries`;
    try {
      await engine.put(path, { retries: 1 });
      outcome.retried.push(incident);
    } catch (error) {
      // Resolved between our list and this call (the task completed or the instance ended): nothing left to retry.
      if (error instanceof EngineError && error.status === 404) outcome.gone.push(id);
      else throw error;
    }
  }
  return outcome;
}
