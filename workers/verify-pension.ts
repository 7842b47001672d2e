// Job type `verify-pension`: asks HRSS which months each declared employee's pension was paid by the employer
// in the review year, and completes with those facts per employee. The counting rules decide what they mean.
import type { PensionClient } from '../connectors/hrss/client.ts';
import { MAX_ID_NUMBERS_PER_QUERY, PENSION_SOURCES, type PensionRecord, type PensionSource } from '../connectors/hrss/schema.ts';
import type { Employee } from '../domain/filing/filing.ts';
import { isZhejiang } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../platform/department-http.ts';
import { compileSchema } from '../platform/schema.ts';
import { findFiling, type StoredFiling } from '../server/filings/filing-store.ts';
import { bpmnError, complete, fail, failForGood, type JobHandler, type JobOutcome } from './job-outcome.ts';

export const JOB_TYPE = 'verify-pension';

export interface VerifyPensionVariables {
  filingId: string;
}

/** What HRSS says about one declared employee; no personal numbers, keyed by position in the declaration. */
export interface PensionFacts {
  index: number;
  /** Which interface answered for this employee. */
  source: PensionSource;
  /** Sorted YYYY-MM months with a paid contribution. */
  paidMonths: string[];
  /** Sorted months recorded as due and not paid. A month in neither list has no record at all. */
  unpaidMonths: string[];
}

export interface VerifyPensionResult {
  pension: PensionFacts[];
}

export interface VerifyPensionDeps {
  db: Db;
  client: Pick<PensionClient, 'query'>;
}

// Personal numbers never travel as process variables: the handler reads them from the stored declaration.
const checkVariables = compileSchema<VerifyPensionVariables>({
  type: 'object',
  required: ['filingId'],
  properties: {
    // filings.id is a uuid; anything else could only fail in the database, again on every retry.
    filingId: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
  },
});

const outsideZhejiang = (code: string | undefined): boolean => code !== undefined && !isZhejiang(code);

/** A person whose hukou or declared insurance lies outside Zhejiang is known only to the national interface. */
export function pensionSourceOf(employee: Pick<Employee, 'hukouRegionCode' | 'socialInsurance'>): PensionSource {
  return outsideZhejiang(employee.hukouRegionCode) || outsideZhejiang(employee.socialInsurance?.insuredRegionCode)
    ? 'national'
    : 'zhejiang';
}

interface Months {
  paid: Set<string>;
  unpaid: Set<string>;
}

function monthsByPerson(records: readonly PensionRecord[]): Map<string, Months> {
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

// A bad answer first: no retry cures it. Unavailable: retry later. Rejected: our request is wrong; an incident shows it.
function outcomeOfError(errors: unknown[]): JobOutcome<VerifyPensionResult> {
  const bad = errors.find((e) => e instanceof DepartmentBadAnswer);
  if (bad) return bpmnError('DEPARTMENT_BAD_DATA', bad.message);
  const error = errors[0];
  if (error instanceof DepartmentUnavailable || error instanceof DepartmentRejected) return fail(error.message);
  return fail(`${JOB_TYPE}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
}

export function createVerifyPensionHandler(deps: VerifyPensionDeps): JobHandler<VerifyPensionVariables, VerifyPensionResult> {
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

    const sources = employees.map(pensionSourceOf);
    // Each person once per interface, even when declared twice (the duplicate rule is decided elsewhere).
    const idNumbersBySource = new Map<PensionSource, Set<string>>(PENSION_SOURCES.map((s) => [s, new Set()]));
    employees.forEach((employee, index) => idNumbersBySource.get(sources[index]!)!.add(employee.idNumber));
    const asked = PENSION_SOURCES.filter((source) => idNumbersBySource.get(source)!.size > 0);

    for (const source of asked) {
      const count = idNumbersBySource.get(source)!.size;
      if (count > MAX_ID_NUMBERS_PER_QUERY) {
        return failForGood(
          `${JOB_TYPE}: ${count} people for the ${source} pension interface, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`,
        );
      }
    }

    // At most one call per interface, both at once; keyed by filing so a retried job is the same question.
    const idempotencyKey = `${filingId}:${JOB_TYPE}`;
    const settled = await Promise.allSettled(
      asked.map((source) =>
        deps.client.query(source, { uscc: employer.uscc, year, idNumbers: [...idNumbersBySource.get(source)!] }, idempotencyKey),
      ),
    );
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (errors.length > 0) return outcomeOfError(errors);

    const answers = new Map<PensionSource, Map<string, Months>>();
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') answers.set(asked[i]!, monthsByPerson(s.value));
    });

    const pension = employees.map((employee, index): PensionFacts => {
      const source = sources[index]!;
      const months = answers.get(source)?.get(employee.idNumber);
      return {
        index,
        source,
        paidMonths: [...(months?.paid ?? [])].sort(),
        unpaidMonths: [...(months?.unpaid ?? [])].sort(),
      };
    });
    return complete({ pension });
  };
}
