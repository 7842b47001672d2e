// The entry of this project's worker threads (impact-preview/preview-pool.ts, platform/off-thread.ts), in plain
// JavaScript. A worker does not inherit the tsx loader the server runs under (on Node 20 a Worker's execArgv
// `--import tsx` is not applied either: nodejs/node#47747), and under vitest no transform reaches a worker at all:
// so the worker registers tsx itself, then imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
