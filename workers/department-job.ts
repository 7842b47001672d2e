// The shape every department job shares, written once: check the job's variables, load the filing it is
// about, call the department, and turn each kind of failure into the outcome the engine needs.
import { findFiling, type StoredFiling } from '../filings/filing-store.ts';
import type { Db } from '../platform/db.ts';
import { isUuid, UUID_PATTERN } from '../platform/ids.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../platform/department-http.ts';
import type { Checked, FieldIssue } from '../platform/schema.ts';
import { bpmnError, fail, type Job, type JobBpmnError, type JobFail, type JobHandler, type JobOutcome } from './job-outcome.ts';
import type { TopicIdentity } from './topic-module.ts';

/** Thrown inside a job body to end the job with this outcome. */
class JobEnded extends Error {
  constructor(readonly outcome: JobFail | JobBpmnError) {
    super(outcome.message);
  }
}

/** Ends the job with a BPMN error naming every bad variable. */
export function invalidVariables(jobType: string, issues: FieldIssue[]): never {
  const list = issues.map((i) => `${i.path} ${i.code}`).join('; ');
  throw new JobEnded(bpmnError('INVALID_VARIABLES', `${jobType}: invalid job variables: ${list}`));
}

/** The job's variables, checked; anything else ends the job with INVALID_VARIABLES. */
export function jobVariables<T>(jobType: string, check: (data: unknown) => Checked<T>, variables: unknown): T {
  const checked = check(variables);
  if (!checked.ok) invalidVariables(jobType, checked.issues);
  return checked.value;
}

/** The JSON Schema of a job's `filingId`, for the variable schemas of jobs about one filing. */
export const filingIdSchema = { type: 'string', pattern: UUID_PATTERN } as const;

/**
 * The stored filing the job is about; an unknown id ends the job with FILING_NOT_FOUND. Personal numbers never
 * travel as process variables: handlers read them from here.
 */
export async function filingOf(db: Db, jobType: string, filingId: string): Promise<StoredFiling> {
  // filings.id is a uuid; anything else could only fail in the database, again on every retry.
  if (!isUuid(filingId)) invalidVariables(jobType, [{ path: '/filingId', code: 'FORMAT' }]);
  const filing = await findFiling(db, filingId);
  if (!filing) throw new JobEnded(bpmnError('FILING_NOT_FOUND', `${jobType}: no filing ${filingId}`));
  return filing;
}

/**
 * Wraps a job body so that every path ends in an outcome: what the body returns; a department that is
 * unavailable or refuses us → fail (the engine retries, then raises an incident); a malformed department
 * answer → DEPARTMENT_BAD_DATA, which the diagram handles; anything unforeseen → fail, never a crash.
 */
export function departmentJob<Out extends object>(
  { topic: jobType, department }: TopicIdentity,
  body: (job: Job) => Promise<JobOutcome<Out>>,
): JobHandler<unknown, Out> {
  return async (job) => {
    try {
      return await body(job);
    } catch (error) {
      if (error instanceof JobEnded) return error.outcome;
      // What an operator reads in Cockpit's incident: which department, what to do, in Chinese, then the detail.
      const who = department?.service ?? jobType;
      if (error instanceof DepartmentUnavailable) {
        return fail(`${who}暂时无法访问（已自动重试）。请确认其恢复后在 Cockpit 中重试 / ${jobType}: ${error.message}`);
      }
      if (error instanceof DepartmentRejected) {
        return fail(`${who}拒绝了本系统的请求，请核对接口账号、配置和数据后在 Cockpit 中重试 / ${jobType}: ${error.message}`);
      }
      if (error instanceof DepartmentBadAnswer) {
        return bpmnError('DEPARTMENT_BAD_DATA', `${who}返回的数据不符合接口约定，需人工核对 / ${jobType}: ${error.message}`);
      }
      return fail(`${jobType}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
