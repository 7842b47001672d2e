// The operators' dashboard (/operations): running filings by step with the stuck first, each department's health from
// the workers' figures, the outbox and the worker processes, and the tasks due today or overdue. Operators and the
// province read it; retrying incidents is operations/incident-routes.ts (operators only).
import { Router } from 'express';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { compileSchema } from '../platform/schema.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { checked, identityOf } from '../platform/http/http.ts';
import { FILING_READERS } from '../api/access-policy.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { outboxBacklog } from '../outbox/outbox-backlog.ts';
import {
  departmentHealthQuerySchema,
  OPERATIONS_DASHBOARD_READERS,
  runningFilingsQuerySchema,
  type DepartmentHealthQuery,
  type RunningFilingsQuery,
} from '../api/operations.ts';
import { departmentHealth } from './department-health.ts';
import { runningFilings } from './running-filings.ts';
import { keptTaskDeadlines } from './kept-task-deadlines.ts';
import { workerProcesses } from './workers-alive.ts';
import { shareBackStates } from '../share-back/employment-shares.ts';

export interface DashboardRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine?: EngineRest;
  /** OPERATIONS_STUCK_WORKING_DAYS: the default of `stuckAfter`. */
  stuckAfterWorkingDays: number;
}

/** The window of the departments' figures when none is asked for. */
const DEFAULT_WINDOW_MINUTES = 15;

const checkRunningQuery = compileSchema<RunningFilingsQuery>(runningFilingsQuerySchema);
const checkDepartmentQuery = compileSchema<DepartmentHealthQuery>(departmentHealthQuerySchema);

const queryMessages = createFieldMessages({
  root: ['查询条件', 'the query'],
  labels: {
    status: ['环节', 'step'],
    page: ['页码', 'page'],
    pageSize: ['每页条数', 'page size'],
    stuckAfter: ['停滞工作日数', 'working days without progress'],
    minutes: ['统计分钟数', 'window in minutes'],
  },
  formatHints: {
    page: ['应为 1 至 500 的整数', 'must be a whole number from 1 to 500'],
    pageSize: ['应为 1 至 100 的整数', 'must be a whole number from 1 to 100'],
    stuckAfter: ['应为 1 至 60 的整数', 'must be a whole number from 1 to 60'],
    minutes: ['应为 1 至 1440 的整数', 'must be a whole number from 1 to 1440'],
  },
});

export function dashboardRouter({ db, sessions, engine, stuckAfterWorkingDays }: DashboardRoutesOptions): Router {
  const router = Router();
  const readers = authenticate(sessions, OPERATIONS_DASHBOARD_READERS);
  const deadlines = engine ? keptTaskDeadlines(db, engine) : undefined;

  router.get('/api/operations/running-filings', readers, async (req, res) => {
    const q = checked(req, checkRunningQuery, { ...req.query }, queryMessages);
    const calendar = await loadCalendar(db);
    res.set('Cache-Control', 'no-store').json(
      await runningFilings(db, engine, calendar, {
        ...(q.status ? { status: q.status } : {}),
        page: Number(q.page ?? 1),
        pageSize: Number(q.pageSize ?? 20),
        stuckAfterWorkingDays: q.stuckAfter ? Number(q.stuckAfter) : stuckAfterWorkingDays,
        // Names of units to those who read filings at all (the province reads every county's), not to operators.
        unitNames: FILING_READERS[identityOf(req).role] !== undefined,
      }),
    );
  });

  router.get('/api/operations/departments', readers, async (req, res) => {
    const q = checked(req, checkDepartmentQuery, { ...req.query }, queryMessages);
    res.set('Cache-Control', 'no-store').json(await departmentHealth(db, { minutes: q.minutes ? Number(q.minutes) : DEFAULT_WINDOW_MINUTES }));
  });

  router.get('/api/operations/workers', readers, async (_req, res) => {
    const [outbox, workers] = await Promise.all([outboxBacklog(db), workerProcesses(db)]);
    res.set('Cache-Control', 'no-store').json({ outbox, workers });
  });

  router.get('/api/operations/share-back', readers, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ years: await shareBackStates(db) });
  });

  router.get('/api/operations/deadlines', readers, async (_req, res) => {
    // No engine configured: refused as the engine's routes are (no keeper is made without one).
    if (!deadlines) throw requireEngine(engine);
    try {
      res.set('Cache-Control', 'no-store').json(await deadlines());
    } catch (error) {
      throw engineProblem(error);
    }
  });

  return router;
}
