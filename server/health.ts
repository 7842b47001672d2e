// GET /api/health: 200 only when every part the procedure needs is ready (CONTRACTS.md §1), 503 before.
import { Router } from 'express';
import type { Db } from '../platform/db.ts';

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

/**
 * The workflow engine. No engine can run on this installation yet (see README, "Workflow engine"), so the
 * check reports it plainly instead of pretending: health stays 503 until an engine is wired in.
 */
export const engineCheck: HealthCheck = {
  name: 'engine',
  check: async () => ({ state: 'unavailable', detail: 'no workflow engine is configured on this installation' }),
};

export function healthRouter(checks: HealthCheck[]): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => ({ name: c.name, ...(await c.check()) })));
    const ready = results.every((r) => r.state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  return router;
}
