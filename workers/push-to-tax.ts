// Job type `push-to-tax`: pushes a certified filing's result to the tax bureau (DOMAIN.md §3 step 6) and keeps
// its receipt, whether the bureau finds the result consistent with its own data, and the levy it collected.
import type { TaxClient } from '../connectors/tax/client.ts';
import { hasTwoDecimals, toTwoDecimals, type TaxAnswer } from '../connectors/tax/schema.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../platform/department-http.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema, type FieldIssue } from '../platform/schema.ts';
import { findFiling, type StoredFiling } from '../server/filings/filing-store.ts';
import { bpmnError, complete, fail, type JobHandler } from './job-outcome.ts';

export const JOB_TYPE = 'push-to-tax';

export interface PushToTaxVariables {
  filingId: string;
  /** The certified number of the year, two decimals. */
  certifiedCount: number;
  requiredCount: number;
}

export interface PushToTaxResult {
  tax: TaxAnswer;
}

export interface PushToTaxDeps {
  db: Db;
  client: Pick<TaxClient, 'pushCertifiedResult'>;
}

// The process carries many more variables; only these are this job's business. Year and unit come from the
// stored filing, so the push cannot disagree with what was certified.
const checkVariables = compileSchema<PushToTaxVariables>({
  type: 'object',
  required: ['filingId', 'certifiedCount', 'requiredCount'],
  properties: {
    filingId: { type: 'string', minLength: 1, maxLength: 100 },
    certifiedCount: { type: 'number', minimum: 0 },
    requiredCount: { type: 'number', minimum: 0 },
  },
});

// Filing ids are uuids; anything else names no filing, and PostgreSQL would throw on it instead of finding none.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPushToTaxHandler(deps: PushToTaxDeps): JobHandler<PushToTaxVariables, PushToTaxResult> {
  return async (job) => {
    const checked = checkVariables(job.variables);
    const issues: FieldIssue[] = checked.ok ? [] : checked.issues;
    // A count with more decimals was not certified as such; rounding it here would hide the mistake.
    if (checked.ok && !hasTwoDecimals(checked.value.certifiedCount)) {
      issues.push({ path: '/certifiedCount', code: 'FORMAT', params: { decimals: 2 } });
    }
    if (!checked.ok || issues.length > 0) {
      const list = issues.map((i) => `${i.path} ${i.code}`).join('; ');
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: ${list}`);
    }
    const { filingId, certifiedCount, requiredCount } = checked.value;

    let filing: StoredFiling | undefined;
    try {
      filing = UUID.test(filingId) ? await findFiling(deps.db, filingId) : undefined;
    } catch (error) {
      return fail(`${JOB_TYPE}: cannot read filing ${filingId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!filing) return bpmnError('FILING_NOT_FOUND', `${JOB_TYPE}: no filing ${filingId}`);

    let answer: TaxAnswer;
    try {
      // Keyed by filing, not job: a retried or redelivered job is the same push, and the bureau records it once.
      answer = await deps.client.pushCertifiedResult(
        // Only binary noise is dropped here (hasTwoDecimals above): 0.30000000000000004 goes as 0.3.
        { uscc: filing.employerUscc, year: filing.year, certifiedCount: toTwoDecimals(certifiedCount), requiredCount, filingId },
        `${filingId}:${JOB_TYPE}`,
      );
    } catch (error) {
      // Unavailable: worth retrying later. Rejected: our request is wrong; an incident shows it to an operator.
      if (error instanceof DepartmentUnavailable || error instanceof DepartmentRejected) return fail(error.message);
      if (error instanceof DepartmentBadAnswer) return bpmnError('DEPARTMENT_BAD_DATA', error.message);
      return fail(`${JOB_TYPE}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
    return complete({ tax: answer });
  };
}
