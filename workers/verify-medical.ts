// Job type `verify-medical`: asks medical security which months each declared employee's medical insurance
// was paid by the employer in the review year, and completes with those facts per employee. The counting
// rules decide what they mean.
import type { MedicalClient } from '../connectors/medical/client.ts';
import { MAX_ID_NUMBERS_PER_QUERY, type MedicalRecord } from '../connectors/medical/schema.ts';
import type { Db } from '../platform/db.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../platform/department-http.ts';
import { compileSchema } from '../platform/schema.ts';
import { findFiling, type StoredFiling } from '../server/filings/filing-store.ts';
import { bpmnError, complete, fail, failForGood, type JobHandler } from './job-outcome.ts';

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
  properties: {
    // filings.id is a uuid; anything else could only fail in the database, again on every retry.
    filingId: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
  },
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
  return async (job) => {
    const checked = checkVariables(job.variables);
    if (!checked.ok) {
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: ${checked.issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
    }
    const { filingId } = checked.value;

    let filing: StoredFiling | undefined;
    try {
      filing = await findFiling(deps.db, filingId);
    } catch (error) {
      return fail(`${JOB_TYPE}: cannot read filing ${filingId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!filing) return bpmnError('FILING_NOT_FOUND', `${JOB_TYPE}: no filing ${filingId}`);
    const { employer, employees, year } = filing.declaration;

    // Each person once, even when declared twice (the duplicate rule is decided elsewhere).
    const idNumbers = [...new Set(employees.map((e) => e.idNumber))];
    if (idNumbers.length > MAX_ID_NUMBERS_PER_QUERY) {
      return failForGood(`${JOB_TYPE}: ${idNumbers.length} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);
    }

    let records: MedicalRecord[] = [];
    if (idNumbers.length > 0) {
      try {
        // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
        records = await deps.client.query({ uscc: employer.uscc, year, idNumbers }, `${filingId}:${JOB_TYPE}`);
      } catch (error) {
        // Unavailable: worth retrying later. Rejected: our request is wrong; an incident shows it to an operator.
        if (error instanceof DepartmentUnavailable || error instanceof DepartmentRejected) return fail(error.message);
        if (error instanceof DepartmentBadAnswer) return bpmnError('DEPARTMENT_BAD_DATA', error.message);
        return fail(`${JOB_TYPE}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    const byPerson = monthsByPerson(records);
    const medical = employees.map((employee, index): MedicalFacts => {
      const months = byPerson.get(employee.idNumber);
      return { index, paidMonths: [...(months?.paid ?? [])].sort(), unpaidMonths: [...(months?.unpaid ?? [])].sort() };
    });
    return complete({ medical });
  };
}
