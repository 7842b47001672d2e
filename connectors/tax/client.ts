// Client of the tax bureau (simulator or a real bureau's adapter at DEPT_TAX_URL): pushes a certified result.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema } from '../../platform/schema.ts';
import { taxAnswerSchema, type CertifiedResult, type TaxAnswer } from './schema.ts';

export type TaxClientConfig = Pick<Config, 'taxUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface TaxClient {
  /**
   * Pushes one filing's certified result. Retried attempts carry the same Idempotency-Key, so the bureau
   * records one push however often it is sent. Throws the department-http errors.
   */
  pushCertifiedResult(result: CertifiedResult, idempotencyKey: string): Promise<TaxAnswer>;
}

const checkAnswer = compileSchema<TaxAnswer>(taxAnswerSchema);

export function createTaxClient(config: TaxClientConfig): TaxClient {
  const http = createDepartmentHttp({
    department: 'tax',
    baseUrl: config.taxUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async pushCertifiedResult(result, idempotencyKey) {
      const { uscc, year, certifiedCount, requiredCount, filingId } = result;
      const answer = await http.post({
        path: '/certified-results',
        body: { uscc, year, certifiedCount, requiredCount, filingId },
        idempotencyKey,
        check: checkAnswer,
      });
      // Keep only the contract's fields; an adapter may send more.
      return { receiptId: answer.receiptId, consistent: answer.consistent, levyCollected: answer.levyCollected };
    },
  };
}
