// Job type `record-dispute`: the employer disputed the automatic result of some declared employees (`confirm-result`
// answered `dispute`). Stores the dispute — which employees, why, who filed it — and gives the diagram the employees
// to review in one spelling ("1,3": distinct, ascending, ASCII commas) with their number, for the multi-instance
// manual review. Idempotent: the task handed out again stores its dispute once.
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { saveDispute } from '../review/manual-review-store.ts';
import { normalisedNumbers, parseEmployeeNumbers } from '../review/typed-numbers.ts';
import { departmentJob, filingIdSchema, filingOf, invalidVariables, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/record-dispute.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'record-dispute';

export interface RecordDisputeVariables {
  filingId: string;
  /** The employees' 1-based positions in the declaration as the employer typed them ("1，3"). */
  disputedEmployees: string;
  disputeReason: string;
  /** Who completed `confirm-result` (the tasks API sets it). */
  confirmResultCompletedBy: string;
}

export interface RecordDisputeResult {
  disputedEmployees: string;
  disputedCount: number;
}

const checkVariables = compileSchema<RecordDisputeVariables>({
  type: 'object',
  required: ['filingId', 'disputedEmployees', 'disputeReason', 'confirmResultCompletedBy'],
  properties: {
    filingId: filingIdSchema,
    disputedEmployees: { type: 'string', minLength: 1, maxLength: 2000 },
    disputeReason: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' },
    confirmResultCompletedBy: { type: 'string', minLength: 1, maxLength: 200 },
  },
});

export function createRecordDisputeHandler(db: Db): JobHandler<RecordDisputeVariables, RecordDisputeResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const vars = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const numbers = parseEmployeeNumbers(vars.disputedEmployees);
    if (!numbers) invalidVariables(JOB_TYPE, [{ path: '/disputedEmployees', code: 'FORMAT' }]);
    const filing = await filingOf(db, JOB_TYPE, vars.filingId);
    // The tasks API checked these against the declaration; a number outside it here means the check was bypassed.
    const count = filing.declaration.employees.length;
    const outside = numbers.filter((n) => n < 1 || n > count);
    if (outside.length > 0) {
      invalidVariables(JOB_TYPE, [{ path: '/disputedEmployees', code: 'EMPLOYEE_NUMBER_RANGE', params: { numbers: outside, max: count } }]);
    }
    const disputed = normalisedNumbers(numbers);
    const indexes = disputed.split(',').map((n) => Number(n) - 1);
    await saveDispute(db, {
      filingId: filing.id,
      employeeIndexes: indexes,
      reason: vars.disputeReason.trim(),
      filedBy: vars.confirmResultCompletedBy,
      sourceTaskId: job.key,
    });
    return complete({ disputedEmployees: disputed, disputedCount: indexes.length });
  });
}

export const recordDisputeTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'disputedEmployees', 'disputeReason', 'confirmResultCompletedBy'],
  department: null,
  template,
  handler: ({ db }) => createRecordDisputeHandler(db),
});
