import { expect } from 'vitest';

/** Awaits `call` and returns what it threw; fails the test if it resolved. */
export async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => expect.fail(`expected a failure, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}
