// Job type `verify-medical`: asks medical security which months each declared employee's medical insurance
// was paid by the employer (a dispatched employee's: by the agency) in the review year, and completes with those facts per employee. The counting
// rules decide what they mean.
import { createMedicalClient, type MedicalClient } from '../connectors/medical/client.ts';
import template from '../connectors/medical/element-template.json' with { type: 'json' };
import { MAX_ID_NUMBERS_PER_QUERY, type MedicalRecord } from '../connectors/medical/schema.ts';
import { perEmployee, queryDeclared } from '../connectors/person-month-query/declared.ts';
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
    // Under the unit that pays: a dispatched employee's months are the agency's (connectors/person-month-query/declared.ts).
    const answer = await queryDeclared((query, key) => deps.client.query(query, key), filing.declaration, idempotencyKey);
    if (!answer.ok) return failForGood(`${JOB_TYPE}: ${answer.people} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);

    const months = perEmployee<MedicalRecord, PaidMonths>(filing.declaration, answer.byPayer, paidMonthsByPerson);
    const medical = months.map((paid, index): MedicalFacts => ({ index, ...paid }));
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
