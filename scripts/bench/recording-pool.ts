// A database pool that notes every statement run through it, with its parameters and time: to find, in-process, the
// statement behind a slow page and show its plan (EXPLAIN (ANALYZE, BUFFERS) needs the statement and its values).
import type { Db } from '../../platform/db.ts';

export interface RecordedStatement {
  text: string;
  values: unknown[];
  ms: number;
}

export function recordingPool(db: Db, into: RecordedStatement[]): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return async (text: unknown, values?: unknown[]) => {
        const t = performance.now();
        const result = await (target.query as (t: unknown, v?: unknown[]) => Promise<unknown>)(text, values);
        if (typeof text === 'string') into.push({ text, values: values ?? [], ms: performance.now() - t });
        return result;
      };
    },
  }) as Db;
}
