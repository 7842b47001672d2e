// Job type `record-filing-status`: the diagram says which status a filing has reached (and which step, by whom,
// with what note); this records it in the filing's status history and moves its status. Idempotent: the task
// handed out again after a worker died records its entry once.
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { FILING_STATUSES, recordStatusChange, type FilingStatus } from '../filings/filing-store.ts';
import { departmentJob, filingIdSchema, invalidVariables, jobVariables } from './department-job.ts';
import { bpmnError, complete, failForGood, type JobHandler } from './job-outcome.ts';
import template from './element-templates/record-filing-status.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'record-filing-status';

export interface RecordFilingStatusVariables {
  filingId: string;
  status: FilingStatus;
  /** The step's name in the diagram, e.g. "acceptance". */
  step: string;
  /** Who decided, for a person's step; the system otherwise. */
  actor?: string | null;
  note?: string | null;
}

export type RecordFilingStatusResult = Record<string, never>;

const SYSTEM_ACTOR = 'system';
const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

const checkVariables = compileSchema<RecordFilingStatusVariables>({
  type: 'object',
  required: ['filingId', 'status', 'step'],
  properties: {
    filingId: filingIdSchema,
    status: { enum: [...FILING_STATUSES] },
    step: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
    actor: { type: ['string', 'null'], maxLength: 200 },
    note: { type: ['string', 'null'], maxLength: 2000 },
  },
});

export function createRecordFilingStatusHandler(db: Db): JobHandler<RecordFilingStatusVariables, RecordFilingStatusResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    // `status` and `step` are the task's settings (extension properties); `actor` and `note` come from the process.
    const vars = jobVariables(JOB_TYPE, checkVariables, { ...(job.variables as object), ...job.properties });
    if (job.businessKey && job.businessKey !== vars.filingId) {
      invalidVariables(JOB_TYPE, [{ path: '/filingId', code: 'MISMATCH', params: { businessKey: job.businessKey } }]);
    }
    try {
      await recordStatusChange(db, {
        filingId: vars.filingId,
        status: vars.status,
        step: vars.step,
        actor: vars.actor?.trim() || SYSTEM_ACTOR,
        note: vars.note?.trim() || null,
        sourceTaskId: job.key,
      });
    } catch (error) {
      // The history row references its filing: no filing, no row (one statement fewer than asking first).
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return bpmnError('FILING_NOT_FOUND', `${JOB_TYPE}: no filing ${vars.filingId}`);
      // Only one filing per unit and year may be under way: this one ended (returned, withdrawn) and another took
      // its place, so it cannot come back to life. A person must look at why its process went on.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        return failForGood(`${JOB_TYPE}: 该单位本年度已有另一份在办申报，本申报（${vars.filingId}）不能再改为“${vars.status}” / another filing of the unit and year is under way`);
      }
      throw error;
    }
    return complete({});
  });
}

export const recordFilingStatusTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'status', 'step', 'actor', 'note'],
  department: null,
  template,
  handler: ({ db }) => createRecordFilingStatusHandler(db),
});
