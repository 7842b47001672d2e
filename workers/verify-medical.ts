// Job type `verify-medical`: asks medical security which months each declared employee's medical insurance
// was paid by the employer in the review year, and completes with those facts per employee. The counting
// rules decide what they mean.
import { createMedicalClient, type MedicalClient } from '../connectors/medical/client.ts';
import template from '../connectors/medical/element-template.json' with { type: 'json' };
import { MAX_ID_NUMBERS_PER_QUERY } from '../connectors/medical/schema.ts';
import { queryDeclared } from '../connectors/person-month-query/declared.ts';
import { paidMonthsByPerson, type PaidMonths } from '../connectors/person-month-query/months.ts';
import type { Db } from '../platform/db.ts';
import { filingCheckTopic, filingJob, type FilingJobVariables } from './filing-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import type { Department } from './topic-module.ts';
import type { MedicalFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-medical';

const DEPARTMENT: Department = { name: '医疗保障（医疗保险）', service: '医保缴费接口', reviewCheck: true };

export interface VerifyMedicalResult {
  medical: MedicalFacts[];
}

export interface VerifyMedicalDeps {
  db: Db;
  client: Pick<MedicalClient, 'query'>;
}

export function createVerifyMedicalHandler(deps: VerifyMedicalDeps): JobHandler<FilingJobVariables, VerifyMedicalResult> {
  return filingJob({ topic: JOB_TYPE, department: DEPARTMENT }, deps.db, async ({ filing, idempotencyKey }) => {
    const answer = await queryDeclared((query) => deps.client.query(query, idempotencyKey), filing.declaration);
    if (!answer.ok) return failForGood(`${JOB_TYPE}: ${answer.people} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);

    const monthsOf = paidMonthsByPerson(answer.records);
    const medical = filing.declaration.employees.map((employee, index): MedicalFacts => ({ index, ...monthsOf(employee.idNumber) }));
    return complete({ medical });
  });
}

export const verifyMedicalTopic = filingCheckTopic({
  topic: JOB_TYPE,
  department: DEPARTMENT,
  template,
  evidence: 'medical',
  client: createMedicalClient,
  handler: createVerifyMedicalHandler,
});
