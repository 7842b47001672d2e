// A department job's answer is evidence about the filing: it is kept with the filing in PostgreSQL, not carried
// in process variables (which the engine would copy into its history, and which should hold no personal data).
// Wraps a verify-* handler: its completed variables are stored under the filing and source, and only the
// variables the diagram routes on go back to the engine. A task handed out again after its answer was kept (the worker
// or the engine died before the completion reached the engine) completes from what was kept: the department is asked
// once per task, whatever dies when. An answer whose storing failed (PostgreSQL away for a moment) is held in this
// process until the task comes back to it, stored then: the department is not asked again for a database's restart.
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { evidenceOfTask, saveEvidence, type EvidenceSource } from '../review/review-store.ts';
import { complete, fail, type JobHandler } from './job-outcome.ts';

/** Answers not yet stored, by source and external task: few (only while PostgreSQL is away), bounded all the same. */
const UNSTORED_LIMIT = 1_000;
const unstored = new Map<string, object>();

function holdUnstored(key: string, variables: object): void {
  if (unstored.size >= UNSTORED_LIMIT) unstored.delete(unstored.keys().next().value!);
  unstored.set(key, variables);
}

export function storingEvidence<Out extends object, Kept extends keyof Out = never>(
  db: Db,
  source: EvidenceSource,
  handler: JobHandler<unknown, Out>,
  keep: readonly Kept[] = [],
): JobHandler<unknown, Pick<Out, Kept>> {
  const routedOn = (variables: Out): Pick<Out, Kept> => {
    const kept = {} as Pick<Out, Kept>;
    for (const name of keep) kept[name] = variables[name];
    return kept;
  };
  const store = async (filingId: string, variables: Out, taskKey: string, unstoredKey: string) => {
    try {
      await saveEvidence(db, filingId, source, variables, taskKey);
      unstored.delete(unstoredKey);
      return complete(routedOn(variables));
    } catch (error) {
      holdUnstored(unstoredKey, variables);
      return fail(`${source}: 部门答复未能保存 / could not store the answer: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return async (job) => {
    const unstoredKey = `${source}:${job.key}`;
    const given = (job.variables as { filingId?: unknown }).filingId;
    if (typeof given === 'string' && isUuid(given)) {
      try {
        const answered = await evidenceOfTask(db, given, source, job.key);
        if (answered) {
          unstored.delete(unstoredKey);
          return complete(routedOn(answered as Out));
        }
      } catch (error) {
        return fail(`${source}: 部门答复未能读取 / could not read the kept answer: ${error instanceof Error ? error.message : String(error)}`);
      }
      const held = unstored.get(unstoredKey);
      if (held) return store(given, held as Out, job.key, unstoredKey);
    }
    const outcome = await handler(job);
    if (outcome.kind !== 'complete') return outcome;
    // The handler has checked its variables and found the filing: the id is a filing's.
    const filingId = (job.variables as { filingId?: unknown }).filingId;
    if (typeof filingId !== 'string' || !isUuid(filingId)) return fail(`${source}: completed without a filing id`);
    return store(filingId, outcome.variables, job.key, unstoredKey);
  };
}
