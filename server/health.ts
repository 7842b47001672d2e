// GET /api/health: 200 only when every part the procedure needs is ready (docs/contracts.md §1), 503 before.
import { Router } from 'express';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';

export type CheckState = 'up' | 'down' | 'unavailable';

/** One named readiness check. */
export interface HealthCheck {
  name: string;
  check: () => Promise<{ state: CheckState; detail?: string }>;
}

export function databaseCheck(db: Db): HealthCheck {
  return {
    name: 'database',
    check: async () => {
      try {
        await db.query('select 1');
        return { state: 'up' };
      } catch (error) {
        return { state: 'down', detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The engine answers our service account. */
export function engineCheck(engine: EngineRest | undefined): HealthCheck {
  return {
    name: 'engine',
    check: async () => {
      if (!engine) return { state: 'unavailable', detail: 'no engine is configured' };
      try {
        await engine.get('/process-definition/count');
        return { state: 'up' };
      } catch (error) {
        return { state: 'down', detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The processes every filing needs are deployed. */
export function deploymentCheck(engine: EngineRest | undefined, processKeys: readonly string[]): HealthCheck {
  return {
    name: 'deployment',
    check: async () => {
      if (!engine) return { state: 'unavailable', detail: 'no engine is configured' };
      const missing: string[] = [];
      try {
        for (const key of processKeys) {
          const found = await engine.get<unknown[]>('/process-definition', { key, latestVersion: true });
          if (found.length === 0) missing.push(key);
        }
      } catch (error) {
        return { state: 'down', detail: error instanceof Error ? error.message : String(error) };
      }
      return missing.length ? { state: 'down', detail: `not deployed: ${missing.join(', ')}` } : { state: 'up' };
    },
  };
}

/** What the worker runtime reports of itself; `external` when workers run in other processes (WORKERS=off). */
export interface WorkerStatus {
  external: boolean;
  topics: readonly string[];
  /** The last fetch failed with this message; undefined when it worked. */
  lastError: string | undefined;
  /** Outcomes reported since start (completed, failed, BPMN errors, reports repeated after a conflict, …). */
  counts?: Readonly<Record<string, number>>;
}

export function workersCheck(status: () => WorkerStatus | undefined): HealthCheck {
  return {
    name: 'workers',
    check: async () => {
      const s = status();
      if (!s) return { state: 'unavailable', detail: 'no workers are running' };
      if (s.external) return { state: 'up', detail: 'run in separate processes (WORKERS=off)' };
      if (s.lastError) return { state: 'down', detail: s.lastError };
      const counts = s.counts ? `; since start ${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ')}` : '';
      return { state: 'up', detail: `${s.topics.length} topics: ${s.topics.join(', ')}${counts}` };
    },
  };
}

export function healthRouter(checks: HealthCheck[]): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => ({ name: c.name, ...(await c.check()) })));
    const ready = results.every((r) => r.state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  return router;
}
