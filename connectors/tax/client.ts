// Client of the tax bureau (simulator or a real bureau's adapter at DEPT_TAX_URL): pushes a certified result and
// gets a receipt; the bureau's answer comes later, to the callback the push names.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp, DepartmentRejected } from '../../platform/department-http.ts';
import { compileSchema, type Checked } from '../../platform/schema.ts';
import { hasTwoDecimals, levyCollectionPageSchema, MAX_LEVY_PAGE, taxReceiptSchema, type LevyCollectionPage, type TaxPush, type TaxReceipt } from './schema.ts';

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
  /**
   * One page of the levy the bureau collected per unit for a levy year (附件2 §三), after the unit `after` (USCC
   * order; null: from the start). Throws the department-http errors.
   */
  levyCollections(year: number, after: string | null, idempotencyKey: string): Promise<LevyCollectionPage>;
}

const checkReceipt = compileSchema<TaxReceipt>(taxReceiptSchema);
const checkLevyPage = compileSchema<LevyCollectionPage>(levyCollectionPageSchema);

/** A well-formed page must still be of the year asked, after the unit asked, in order, each amount to the fen. */
function checkLevyPageOf(year: number, after: string | null) {
  return (data: unknown): Checked<LevyCollectionPage> => {
    const checked = checkLevyPage(data);
    if (!checked.ok) return checked;
    const issues = [];
    let previous = after;
    for (const [i, item] of checked.value.items.entries()) {
      if (item.year !== year) issues.push({ path: `/items/${i}/year`, code: 'MISMATCH', params: { expected: year } });
      if (previous !== null && item.uscc <= previous) issues.push({ path: `/items/${i}/uscc`, code: 'ORDER' });
      if (!hasTwoDecimals(item.amount)) issues.push({ path: `/items/${i}/amount`, code: 'FORMAT', params: { decimals: 2 } });
      previous = item.uscc;
    }
    return issues.length > 0 ? { ok: false, issues } : checked;
  };
}

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

    async levyCollections(year, after, idempotencyKey) {
      const query = new URLSearchParams({ year: String(year), limit: String(MAX_LEVY_PAGE) });
      if (after !== null) query.set('after', after);
      const page = await http.get({ path: `/levy-collections?${query}`, idempotencyKey, check: checkLevyPageOf(year, after) });
      return {
        items: page.items.map(({ uscc, year: itemYear, amount, collectedOn }) => ({ uscc, year: itemYear, amount, collectedOn })),
        next: page.next,
      };
    },
  };
}
