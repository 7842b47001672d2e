// Client of the wage-payment service, tax withholding data (simulator or a real department's adapter at
// DEPT_WAGES_URL).
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import { MAX_ID_NUMBERS_PER_QUERY, wageAnswerSchema, type WageAnswer, type WageQuery, type WageRecord } from './schema.ts';

export type WagesClientConfig = Pick<Config, 'wagesUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface WagesClient {
  /**
   * Every payment this employer made to these people in `query.year`, one record per payment; a month without
   * a payment is absent. One POST for the whole list. Throws the department-http errors.
   */
  query(query: WageQuery, idempotencyKey: string): Promise<WageRecord[]>;
}

/** Enough to locate a fault in a wrong answer; thousands of lines would only bury it. */
const MAX_REPORTED_ISSUES = 10;

const checkAnswer = compileSchema<WageAnswer>(wageAnswerSchema);

/** A well-formed answer may still be about someone, some unit or some year not asked for. Issues name the record index, never its ID number. */
function checkAnswerFor(query: WageQuery) {
  const asked = new Set(query.idNumbers);
  const prefix = `${query.year}-`;
  return (data: unknown): Checked<WageAnswer> => {
    const checked = checkAnswer(data);
    if (!checked.ok) return checked;
    const issues: FieldIssue[] = [];
    checked.value.records.forEach((record, i) => {
      if (!asked.has(record.idNumber)) issues.push({ path: `/records/${i}/idNumber`, code: 'MISMATCH' });
      if (record.uscc !== query.uscc) issues.push({ path: `/records/${i}/uscc`, code: 'MISMATCH', params: { expected: query.uscc } });
      if (!record.month.startsWith(prefix)) issues.push({ path: `/records/${i}/month`, code: 'MISMATCH', params: { expected: query.year } });
    });
    if (issues.length === 0) return checked;
    const shown = issues.slice(0, MAX_REPORTED_ISSUES);
    if (issues.length > shown.length) shown.push({ path: '/records', code: 'MORE_ISSUES', params: { count: issues.length - shown.length } });
    return { ok: false, issues: shown };
  };
}

export function createWagesClient(config: WagesClientConfig): WagesClient {
  const http = createDepartmentHttp({
    department: 'wages',
    baseUrl: config.wagesUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async query(query, idempotencyKey) {
      const count = query.idNumbers.length;
      if (count === 0 || count > MAX_ID_NUMBERS_PER_QUERY || new Set(query.idNumbers).size !== count) {
        throw new RangeError(`a wages query needs 1 to ${MAX_ID_NUMBERS_PER_QUERY} distinct ID numbers, got ${count}`);
      }
      const answer = await http.post({
        path: '/payments/query',
        body: { uscc: query.uscc, year: query.year, idNumbers: query.idNumbers },
        idempotencyKey,
        check: checkAnswerFor(query),
      });
      // Keep only the contract's fields; an adapter may send more.
      return answer.records.map((r) => ({ idNumber: r.idNumber, uscc: r.uscc, month: r.month, amount: r.amount }));
    },
  };
}
