// Job type `verify-medical`: asks medical security which months each declared employee's medical insurance
// was paid by the employer in the review year, and completes with those facts per employee. The counting
// rules decide what they mean.
import type { MedicalClient } from '../connectors/medical/client.ts';
import { MAX_ID_NUMBERS_PER_QUERY, type MedicalRecord } from '../connectors/medical/schema.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';

export const JOB_TYPE = 'verify-medical';

export interface VerifyMedicalVariables {
  filingId: string;
}

/** What medical security says about one declared employee; no personal numbers, keyed by position in the declaration. */
export interface MedicalFacts {
  index: number;
  /** Sorted YYYY-MM months with a paid contribution. */
  paidMonths: string[];
  /** Sorted months recorded as due and not paid. A month in neither list has no record at all. */
  unpaidMonths: string[];
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

interface Months {
  paid: Set<string>;
  unpaid: Set<string>;
}

function monthsByPerson(records: readonly MedicalRecord[]): Map<string, Months> {
  const byPerson = new Map<string, Months>();
  for (const record of records) {
    let months = byPerson.get(record.idNumber);
    if (!months) {
      months = { paid: new Set(), unpaid: new Set() };
      byPerson.set(record.idNumber, months);
    }
    (record.paid ? months.paid : months.unpaid).add(record.month);
  }
  return byPerson;
}

export function createVerifyMedicalHandler(deps: VerifyMedicalDeps): JobHandler<VerifyMedicalVariables, VerifyMedicalResult> {
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);
    const { employer, employees, year } = filing.declaration;

    // Each person once, even when declared twice (the duplicate rule is decided elsewhere).
    const idNumbers = [...new Set(employees.map((e) => e.idNumber))];
    if (idNumbers.length > MAX_ID_NUMBERS_PER_QUERY) {
      return failForGood(`${JOB_TYPE}: ${idNumbers.length} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);
    }

    let records: MedicalRecord[] = [];
    if (idNumbers.length > 0) {
      // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
      records = await deps.client.query({ uscc: employer.uscc, year, idNumbers }, `${filingId}:${JOB_TYPE}`);
    }

    const byPerson = monthsByPerson(records);
    const medical = employees.map((employee, index): MedicalFacts => {
      const months = byPerson.get(employee.idNumber);
      return { index, paidMonths: [...(months?.paid ?? [])].sort(), unpaidMonths: [...(months?.unpaid ?? [])].sort() };
    });
    return complete({ medical });
  });
}
