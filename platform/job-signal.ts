// The abort signal of the job a piece of code runs for, without threading it through every client's signature: the
// worker runtime runs each handler inside `withJobSignal`, and the department HTTP client (department-http.ts) reads
// it to abandon a call whose task is no longer ours (its lock lost, the worker stopping past its grace).
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<AbortSignal>();

export function withJobSignal<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  return current.run(signal, run);
}

/** The signal of the job being run here; undefined outside a job (an API request, a script). */
export function jobSignal(): AbortSignal | undefined {
  return current.getStore();
}
