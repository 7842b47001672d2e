// Job type `push-to-tax`: pushes a certified filing's result to the tax bureau (DOMAIN.md §3 step 6) and keeps
// its receipt, whether the bureau finds the result consistent with its own data, and the levy it collected.
import type { TaxClient } from '../connectors/tax/client.ts';
import { hasTwoDecimals, toTwoDecimals, type TaxAnswer } from '../connectors/tax/schema.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, filingIdSchema, filingOf, invalidVariables, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';

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
    filingId: filingIdSchema,
    certifiedCount: { type: 'number', minimum: 0 },
    requiredCount: { type: 'number', minimum: 0 },
  },
});


export function createPushToTaxHandler(deps: PushToTaxDeps): JobHandler<PushToTaxVariables, PushToTaxResult> {
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId, certifiedCount, requiredCount } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    // A count with more decimals was not certified as such; rounding it here would hide the mistake.
    if (!hasTwoDecimals(certifiedCount)) {
      invalidVariables(JOB_TYPE, [{ path: '/certifiedCount', code: 'FORMAT', params: { decimals: 2 } }]);
    }
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);

    // Keyed by filing, not job: a retried or redelivered job is the same push, and the bureau records it once.
    const answer = await deps.client.pushCertifiedResult(
      // Only binary noise is dropped here (hasTwoDecimals above): 0.30000000000000004 goes as 0.3.
      { uscc: filing.employerUscc, year: filing.year, certifiedCount: toTwoDecimals(certifiedCount), requiredCount, filingId },
      `${filingId}:${JOB_TYPE}`,
    );
    return complete({ tax: answer });
  });
}
