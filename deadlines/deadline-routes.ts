// The working-day deadlines as the deployed diagram sets them, for the pages that state them (issue 18): the window
// telling a unit when an incomplete filing will be accepted, the employer told how long a manual review takes.
import { Router } from 'express';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { readableFiling } from '../filings/filing-routes.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { DeployedDeadlineReader } from './deployed-deadlines.ts';

export interface DeadlineRoutesOptions {
  db: Db;
  sessions: Sessions;
  engine: EngineRest | undefined;
}

export function deadlineRouter({ db, sessions, engine }: DeadlineRoutesOptions): Router {
  const router = Router();
  let cached: DeployedDeadlineReader | undefined;
  // One reader for the app's life: its cache of parsed diagrams is what makes a page's read cheap.
  const reader = () => (cached ??= new DeployedDeadlineReader(requireEngine(engine)));

  // The latest deployed version's: what a filing made now will be held to. Deadlines are no secret: every role.
  router.get('/api/deadlines', authenticate(sessions), async (_req, res, next) => {
    try {
      res.json(await reader().latest());
    } catch (error) {
      next(engineProblem(error));
    }
  });

  // The version this filing runs on, for those who may read the filing.
  router.get('/api/filings/:id/deadlines', authenticate(sessions), async (req, res, next) => {
    try {
      const filing = await readableFiling(db, req);
      res.json(await reader().ofFiling(filing.id));
    } catch (error) {
      next(engineProblem(error));
    }
  });

  return router;
}
