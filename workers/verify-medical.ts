// Job type `verify-medical`: asks medical security which months each declared employee's medical insurance
// was paid by the employer in the review year, and completes with those facts per employee. The counting
// rules decide what they mean.
import type { MedicalClient } from '../connectors/medical/client.ts';
import { MAX_ID_NUMBERS_PER_QUERY } from '../connectors/medical/schema.ts';
import { queryDeclared } from '../connectors/person-month-query/declared.ts';
import { paidMonthsByPerson, type PaidMonths } from '../connectors/person-month-query/months.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import type { MedicalFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-medical';

export interface VerifyMedicalVariables {
  filingId: string;
}

export interface VerifyMedicalResult {
  medical: MedicalFacts[];
}

export interface VerifyMedicalDeps {
  db: Db;
  client: Pick<MedicalClient, 'query'>;
}

// Personal numbers never travel as process variables: the handler reads them from the stored declaration.
const checkVariables = compileSchema<VerifyMedicalVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: filingIdSchema },
});

export function createVerifyMedicalHandler(deps: VerifyMedicalDeps): JobHandler<VerifyMedicalVariables, VerifyMedicalResult> {
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);
    // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
    const answer = await queryDeclared((query) => deps.client.query(query, `${filingId}:${JOB_TYPE}`), filing.declaration);
    if (!answer.ok) return failForGood(`${JOB_TYPE}: ${answer.people} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);

    const monthsOf = paidMonthsByPerson(answer.records);
    const medical = filing.declaration.employees.map((employee, index): MedicalFacts => ({ index, ...monthsOf(employee.idNumber) }));
    return complete({ medical });
  });
}
