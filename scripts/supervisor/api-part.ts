// The API as a supervised part (scripts/api.ts): it migrates, deploys and serves; it reports what the start-up
// banner shows. Its SIGTERM finishes the requests in flight, so it is given time before it is killed.
import type { PartSpec } from './child-process-supervisor.ts';
import { nodePart } from './node-child.ts';

export interface ApiFacts {
  apiUrl: string;
  deployment: { created: boolean; definitions: string[]; resources: string[] };
  signIn: { issuer: string; discoveryUrl: string; embedded: boolean; development: boolean };
  /** Topics of workers running inside the API (WORKERS=on there); 0 under `npm start`, which runs them apart. */
  workerTopics: number;
}

/** Above the API's own limit for finishing requests in flight. */
export const API_STOP_GRACE_MS = 45_000;

export function apiPart(env: () => NodeJS.ProcessEnv, args: string[]): PartSpec<ApiFacts> {
  return nodePart<ApiFacts>('api', 'scripts/api.ts', API_STOP_GRACE_MS, env, args);
}
