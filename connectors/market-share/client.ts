// Client of market regulation's intake of the units' yearly employment figures (simulator or a real department's
// adapter at DEPT_MARKET_SHARE_URL): sends one batch of one review year and gets the department's answer per unit.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import { employmentReportAnswerSchema, type EmploymentReportAnswer, type EmploymentReportBatch, type EmploymentReportResult } from './schema.ts';

export type MarketShareClientConfig = Pick<Config, 'marketShareUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface MarketShareClient {
  /**
   * Sends one batch; the answer holds exactly one result per unit sent. Retried attempts carry the same
   * Idempotency-Key, so the department records each unit once however often the batch is sent. Throws the
   * department-http errors.
   */
  shareEmployment(batch: EmploymentReportBatch, idempotencyKey: string): Promise<EmploymentReportResult[]>;
}

const checkShape = compileSchema<EmploymentReportAnswer>(employmentReportAnswerSchema);

/** A well-formed answer must still answer this batch: every unit once, none other, each with its receipt or reason. */
function checkAnswerTo(batch: EmploymentReportBatch) {
  return (data: unknown): Checked<EmploymentReportAnswer> => {
    const checked = checkShape(data);
    if (!checked.ok) return checked;
    const sent = new Set(batch.reports.map((r) => r.uscc));
    const answered = new Set<string>();
    const issues: FieldIssue[] = [];
    checked.value.results.forEach((result, i) => {
      if (!sent.has(result.uscc)) issues.push({ path: `/results/${i}/uscc`, code: 'MISMATCH', params: { expected: 'a unit of the batch' } });
      else if (answered.has(result.uscc)) issues.push({ path: `/results/${i}/uscc`, code: 'DUPLICATE' });
      answered.add(result.uscc);
      if (result.outcome === 'accepted' && !('receiptNumber' in result)) issues.push({ path: `/results/${i}/receiptNumber`, code: 'REQUIRED' });
      if (result.outcome === 'rejected' && !('reason' in result)) issues.push({ path: `/results/${i}/reason`, code: 'REQUIRED' });
    });
    for (const uscc of sent) if (!answered.has(uscc)) issues.push({ path: '/results', code: 'MISSING', params: { uscc } });
    return issues.length > 0 ? { ok: false, issues } : checked;
  };
}

export function createMarketShareClient(config: MarketShareClientConfig): MarketShareClient {
  const http = createDepartmentHttp({
    department: 'market-share',
    baseUrl: config.marketShareUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async shareEmployment(batch, idempotencyKey) {
      // Only the contract's fields are sent.
      const body: EmploymentReportBatch = {
        year: batch.year,
        reports: batch.reports.map(({ uscc, year, staffCount, disabledEmployees, certifiedCount, requiredCount }) => ({
          uscc, year, staffCount, disabledEmployees, certifiedCount, requiredCount,
        })),
      };
      const answer = await http.post({ path: '/employment-reports', body, idempotencyKey, check: checkAnswerTo(body) });
      // Keep only the contract's fields; an adapter may send more.
      return answer.results.map((r): EmploymentReportResult =>
        r.outcome === 'accepted' ? { uscc: r.uscc, outcome: 'accepted', receiptNumber: r.receiptNumber } : { uscc: r.uscc, outcome: 'rejected', reason: r.reason },
      );
    },
  };
}
