// The operators' incident list and retry: what stopped, in which step and department, holding up which filing;
// one incident, or all of one cause, set going again — each retry audited. The province reads, operators act.
import { Router, type Request } from 'express';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { compileSchema } from '../platform/schema.ts';
import { audit } from '../platform/http/audit.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { checked, identityOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { INCIDENT_READERS, INCIDENT_RETRIERS, retryIncidentsSchema, type RetryIncidentsRequest } from '../api/operations.ts';
import { openIncidents, retryIncidents } from './incidents.ts';

export interface IncidentRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine?: EngineRest;
}

const checkRetryBody = compileSchema<RetryIncidentsRequest>(retryIncidentsSchema);

const incidentMessages = createFieldMessages({
  root: ['请求内容', 'the request'],
  labels: { incidentIds: ['要重试的故障', 'incidents to retry'] },
  listItems: { incidentIds: ['第 {n} 个故障编号', 'incident id {n}'] },
  formatHints: { incidentIds: ['应为流程引擎的故障编号', 'must be an incident id of the engine'] },
});

async function withEngine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw engineProblem(error);
  }
}

export function incidentRouter({ db, sessions, engine }: IncidentRoutesOptions): Router {
  const router = Router();

  router.get('/api/operations/incidents', authenticate(sessions, INCIDENT_READERS), async (_req, res) => {
    const incidents = await withEngine(() => openIncidents(db, requireEngine(engine)));
    res.json({ incidents });
  });

  router.post('/api/operations/incidents/retry', authenticate(sessions, INCIDENT_RETRIERS), async (req: Request, res) => {
    const who = identityOf(req);
    const { incidentIds } = checked(req, checkRetryBody, req.body, incidentMessages);
    const outcome = await withEngine(() => retryIncidents(db, requireEngine(engine), incidentIds));
    for (const incident of outcome.retried) {
      await audit(db, who, 'incident.retry', incident.filing ? { type: 'filing', id: incident.filing.id } : { type: 'incident', id: incident.id }, {
        incidentId: incident.id,
        step: incident.step.id,
      });
    }
    res.json({ retried: outcome.retried.map((i) => i.id), gone: outcome.gone, notRetryable: outcome.notRetryable });
  });

  return router;
}
