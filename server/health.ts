// GET /api/health (anyone: ready or not, per part, nothing more — docs/contracts.md §1) and GET /api/operations/health
// (operators: why a part is down, which department cannot be reached, the outbox's backlog, the engine's incidents,
// the workers' counts, the database pool). Both answer from the health monitor's last result (server/health-monitor.ts).
import { Router } from 'express';
import { OPERATIONS_HEALTH_READERS } from '../api/operations.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import {
  databaseCheck,
  departmentReachability,
  deploymentCheck,
  engineCheck,
  openIncidentCount,
  outboxBacklog,
  workersCheck,
  type DepartmentReachability,
  type OutboxBacklog,
  type WorkerStatus,
} from './health-checks.ts';
import { HealthMonitor } from './health-monitor.ts';
import type { Log } from '../platform/log.ts';

export type { WorkerStatus } from './health-checks.ts';

/** What operators are told besides the checks; a part that could not be found out now is null. */
export interface OperatorDetails {
  departments: DepartmentReachability[] | null;
  outbox: OutboxBacklog | null;
  incidents: { open: number } | null;
  workers: { external: boolean; topics: readonly string[]; lastPollError: string | null; counts: Readonly<Record<string, number>> } | null;
}

export type SystemHealth = HealthMonitor<OperatorDetails>;

export interface SystemHealthOptions {
  config: Config;
  db: Db;
  engine: EngineRest | undefined;
  workerStatus: () => WorkerStatus | undefined;
  /** The processes every filing needs deployed. */
  processKeys: readonly string[];
  log?: Log;
}

const orNull = <T>(work: () => Promise<T>): Promise<T | null> => work().catch(() => null);

export function systemHealth({ config, db, engine, workerStatus, processKeys, log }: SystemHealthOptions): SystemHealth {
  return new HealthMonitor<OperatorDetails>({
    checks: [databaseCheck(db), engineCheck(engine), deploymentCheck(engine, processKeys), workersCheck(workerStatus)],
    refreshMs: config.healthRefreshMs,
    ...(log ? { log } : {}),
    details: async () => {
      const [departments, outbox, open] = await Promise.all([
        orNull(() => departmentReachability(config)),
        orNull(() => outboxBacklog(db)),
        engine ? orNull(() => openIncidentCount(engine)) : Promise.resolve(null),
      ]);
      const w = workerStatus();
      return {
        departments,
        outbox,
        incidents: open === null ? null : { open },
        workers: w ? { external: w.external, topics: w.topics, lastPollError: w.lastError ?? null, counts: w.counts ?? {} } : null,
      };
    },
  });
}

/** Anyone: ready or not, and each part's state — no message, no detail (those are the operators'). */
export function healthRouter(health: SystemHealth): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const snapshot = await health.current();
    res
      .status(snapshot.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: snapshot.ready ? 'ready' : 'not_ready', checks: snapshot.checks.map(({ name, state }) => ({ name, state })) });
  });
  return router;
}

/** Operators: the same result with every detail, and the database pool as it is this moment. */
export function operationsHealthRouter({ health, sessions, db }: { health: SystemHealth; sessions: Sessions; db: Db }): Router {
  const router = Router();
  router.get('/api/operations/health', authenticate(sessions, OPERATIONS_HEALTH_READERS), async (_req, res) => {
    const snapshot = await health.current();
    res.set('Cache-Control', 'no-store').json({
      status: snapshot.ready ? 'ready' : 'not_ready',
      checkedAt: snapshot.checkedAt,
      checks: snapshot.checks,
      ...snapshot.details,
      databasePool: { total: db.totalCount, idle: db.idleCount, waiting: db.waitingCount },
    });
  });
  return router;
}
