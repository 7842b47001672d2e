// Job type `record-manual-decision`: a reviewer decided about one disputed employee (`review-employee`, form
// `manual-review`): count, count some months, or not count, with a reason. Stores the decision (months as YYYY-MM of
// the filing's year); the next `count-employees` applies the latest decision per employee in place of the automatic
// result. Sets no process variables: in a parallel multi-instance they would overwrite each other. Idempotent: the
// task handed out again stores its decision once.
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { saveManualDecision } from '../review/manual-review-store.ts';
import { MANUAL_DECISIONS, type ManualDecisionKind } from '../review/review-result.ts';
import { monthKeys, parseMonthList } from '../review/typed-numbers.ts';
import { departmentJob, filingIdSchema, filingOf, invalidVariables, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/record-manual-decision.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'record-manual-decision';

export interface RecordManualDecisionVariables {
  filingId: string;
  /** The employee's 1-based position in the declaration: the multi-instance element, as text ("3"). */
  employeeNumber: string | number;
  manualDecision: ManualDecisionKind;
  /** "1-6,9": read only for a `months` decision (a variable left from another employee's review is ignored). */
  countedMonths?: string | null;
  manualReason: string;
  /** Who completed `review-employee` (the tasks API sets it). */
  reviewEmployeeCompletedBy: string;
}

export type RecordManualDecisionResult = Record<string, never>;

const checkVariables = compileSchema<RecordManualDecisionVariables>({
  type: 'object',
  required: ['filingId', 'employeeNumber', 'manualDecision', 'manualReason', 'reviewEmployeeCompletedBy'],
  properties: {
    filingId: filingIdSchema,
    employeeNumber: { oneOf: [{ type: 'string', pattern: '^[1-9][0-9]{0,3}$' }, { type: 'integer', minimum: 1, maximum: 9999 }] },
    manualDecision: { enum: [...MANUAL_DECISIONS] },
    countedMonths: { type: ['string', 'null'], maxLength: 200 },
    manualReason: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' },
    reviewEmployeeCompletedBy: { type: 'string', minLength: 1, maxLength: 200 },
  },
});

export function createRecordManualDecisionHandler(db: Db): JobHandler<RecordManualDecisionVariables, RecordManualDecisionResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const vars = jobVariables(JOB_TYPE, checkVariables, job.variables);
    let countedMonths: string[] = [];
    const filing = await filingOf(db, JOB_TYPE, vars.filingId);
    const number = Number(vars.employeeNumber);
    const count = filing.declaration.employees.length;
    if (number > count) invalidVariables(JOB_TYPE, [{ path: '/employeeNumber', code: 'EMPLOYEE_NUMBER_RANGE', params: { numbers: [number], max: count } }]);
    if (vars.manualDecision === 'months') {
      // The tasks API checked the months; anything else here means that check was bypassed.
      const months = parseMonthList(vars.countedMonths ?? '');
      if (!months.ok) invalidVariables(JOB_TYPE, [{ path: '/countedMonths', code: months.problem === 'format' ? 'FORMAT' : 'MONTH_RANGE', params: { parts: months.parts } }]);
      countedMonths = monthKeys(filing.year, months.months);
    }
    await saveManualDecision(db, {
      filingId: filing.id,
      employeeIndex: number - 1,
      decision: vars.manualDecision,
      countedMonths,
      reason: vars.manualReason.trim(),
      reviewer: vars.reviewEmployeeCompletedBy,
      sourceTaskId: job.key,
    });
    return complete({});
  });
}

export const recordManualDecisionTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'employeeNumber', 'manualDecision', 'countedMonths', 'manualReason', 'reviewEmployeeCompletedBy'],
  department: null,
  template,
  handler: ({ db }) => createRecordManualDecisionHandler(db),
});
