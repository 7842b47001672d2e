// Client of the tax bureau (simulator or a real bureau's adapter at DEPT_TAX_URL): pushes a certified result and
// gets a receipt; the bureau's answer comes later, to the callback the push names.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp, DepartmentRejected } from '../../platform/department-http.ts';
import { compileSchema } from '../../platform/schema.ts';
import { taxReceiptSchema, type TaxPush, type TaxReceipt } from './schema.ts';

export type TaxClientConfig = Pick<Config, 'taxUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface TaxClient {
  /**
   * Pushes one filing's certified result. Retried attempts carry the same Idempotency-Key, so the bureau
   * records one push however often it is sent, and answers it once. Throws the department-http errors.
   */
  pushCertifiedResult(push: TaxPush, idempotencyKey: string): Promise<TaxReceipt>;
}

const checkReceipt = compileSchema<TaxReceipt>(taxReceiptSchema);

/** A refusal may echo the pushed body: the callback token must never reach an incident's message. */
function withoutToken(error: unknown, token: string): unknown {
  if (!(error instanceof Error) || token === '') return error;
  const hide = (text: string) => text.split(token).join('***');
  error.message = hide(error.message);
  if (error instanceof DepartmentRejected) Object.defineProperty(error, 'detail', { value: hide(error.detail) });
  return error;
}

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
    async pushCertifiedResult(push, idempotencyKey) {
      const { uscc, year, certifiedCount, requiredCount, filingId, callback } = push;
      let receipt: TaxReceipt;
      try {
        receipt = await http.post({
          path: '/certified-results',
          body: { uscc, year, certifiedCount, requiredCount, filingId, callback: { url: callback.url, token: callback.token } },
          idempotencyKey,
          check: checkReceipt,
        });
      } catch (error) {
        throw withoutToken(error, callback.token);
      }
      // Keep only the contract's fields; an adapter may send more.
      return { receiptId: receipt.receiptId, receivedAt: receipt.receivedAt };
    },
  };
}
