// The external-task workers as a supervised part (scripts/workers.ts, what `npm run workers` runs). Their SIGTERM
// waits for the long poll to return and finishes the tasks in hand (up to WORKER_LOCK_MS), so they are given that.
import type { Config } from '../../platform/config.ts';
import type { PartSpec } from './child-process-supervisor.ts';
import { nodePart } from './node-child.ts';

export interface WorkersFacts {
  workerId: string;
  topics: string[];
  engineUrl: string;
  /** WORKER_METRICS_PORT, when the process serves its figures. */
  metricsPort?: number;
}

export function workersStopGraceMs(config: Config): number {
  return config.workerLockMs + config.workerLongPollMs + 10_000;
}

export function workersPart(config: Config, env: () => NodeJS.ProcessEnv, args: string[]): PartSpec<WorkersFacts> {
  return nodePart<WorkersFacts>('workers', 'scripts/workers.ts', workersStopGraceMs(config), env, args);
}
