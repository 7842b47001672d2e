// The deadlines view kept behind the requests: counting and breaking down the tasks due asks the engine for up to
// DEADLINE_TASKS_READ tasks and their filings (about a second at a season's size), too slow to do per request. The
// answer is kept; a request is answered from it and, when it is older than KEEP_MS, asks again behind the request
// (one asking at a time). The first request of a China day waits for a fresh answer (yesterday's "today" is not
// today's); with the engine away, the last answer is kept and a request with none kept fails as the engine does.
import { chinaDayNumber } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { taskDeadlines, type TaskDeadlines } from './task-deadlines.ts';

const KEEP_MS = 10_000;

export function keptTaskDeadlines(db: Db, engine: EngineRest, now: () => Date = () => new Date()): () => Promise<TaskDeadlines> {
  let kept: { at: number; day: number; value: TaskDeadlines } | undefined;
  let asking: Promise<TaskDeadlines> | undefined;

  function ask(): Promise<TaskDeadlines> {
    asking ??= (async () => {
      const at = now();
      try {
        const value = await taskDeadlines(db, engine, { now: at });
        kept = { at: at.getTime(), day: chinaDayNumber(at), value };
        return value;
      } finally {
        asking = undefined;
      }
    })();
    return asking;
  }

  return async () => {
    const at = now();
    if (!kept || kept.day !== chinaDayNumber(at)) return ask();
    if (at.getTime() - kept.at >= KEEP_MS && !asking) void ask().catch(() => undefined);
    return kept.value;
  };
}
