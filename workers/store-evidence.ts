// A department job's answer is evidence about the filing: it is kept with the filing in PostgreSQL, not carried
// in process variables (which the engine would copy into its history, and which should hold no personal data).
// Wraps a verify-* handler: its completed variables are stored under the filing and source, and only the
// variables the diagram routes on go back to the engine. A task handed out again after its answer was kept (the worker
// or the engine died before the completion reached the engine) completes from what was kept: the department is asked
// once per task, whatever dies when.
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { evidenceOfTask, saveEvidence, type EvidenceSource } from '../review/review-store.ts';
import { complete, fail, type JobHandler } from './job-outcome.ts';

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
  return async (job) => {
    const given = (job.variables as { filingId?: unknown }).filingId;
    if (typeof given === 'string' && isUuid(given)) {
      try {
        const answered = await evidenceOfTask(db, given, source, job.key);
        if (answered) return complete(routedOn(answered as Out));
      } catch (error) {
        return fail(`${source}: 部门答复未能读取 / could not read the kept answer: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const outcome = await handler(job);
    if (outcome.kind !== 'complete') return outcome;
    // The handler has checked its variables and found the filing: the id is a filing's.
    const filingId = (job.variables as { filingId?: unknown }).filingId;
    if (typeof filingId !== 'string' || !isUuid(filingId)) return fail(`${source}: completed without a filing id`);
    try {
      await saveEvidence(db, filingId, source, outcome.variables, job.key);
    } catch (error) {
      return fail(`${source}: 部门答复未能保存 / could not store the answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    return complete(routedOn(outcome.variables));
  };
}
