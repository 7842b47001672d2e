// Client of the HRSS pension services: Zhejiang's (DEPT_PENSION_URL) and the national interface for persons
// insured outside Zhejiang (DEPT_NATIONAL_PENSION_URL), simulators or real departments' adapters.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp, type DepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import {
  MAX_ID_NUMBERS_PER_QUERY,
  pensionAnswerSchema,
  type PensionAnswer,
  type PensionQuery,
  type PensionRecord,
  type PensionSource,
} from './schema.ts';

export type PensionClientConfig = Pick<Config, 'pensionUrl' | 'nationalPensionUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface PensionClient {
  /**
   * The pension records `source` holds for these people at this employer in `query.year`; a month without a
   * record is absent. One POST for the whole list. Throws the department-http errors.
   */
  query(source: PensionSource, query: PensionQuery, idempotencyKey: string): Promise<PensionRecord[]>;
}

/** Enough to locate a fault in a wrong answer; thousands of lines would only bury it. */
const MAX_REPORTED_ISSUES = 10;

const checkAnswer = compileSchema<PensionAnswer>(pensionAnswerSchema);

/**
 * A well-formed answer may still be wrong: a record about someone, some unit or some year not asked for, or
 * two records of one month that contradict each other. Issues name the record index, never its ID number.
 */
function checkAnswerFor(query: PensionQuery) {
  const asked = new Set(query.idNumbers);
  const prefix = `${query.year}-`;
  return (data: unknown): Checked<PensionAnswer> => {
    const checked = checkAnswer(data);
    if (!checked.ok) return checked;
    const issues: FieldIssue[] = [];
    const paidByPersonMonth = new Map<string, boolean>();
    checked.value.records.forEach((record, i) => {
      if (!asked.has(record.idNumber)) issues.push({ path: `/records/${i}/idNumber`, code: 'MISMATCH' });
      if (record.uscc !== query.uscc) issues.push({ path: `/records/${i}/uscc`, code: 'MISMATCH', params: { expected: query.uscc } });
      if (!record.month.startsWith(prefix)) issues.push({ path: `/records/${i}/month`, code: 'MISMATCH', params: { expected: query.year } });
      const key = `${record.idNumber} ${record.month}`;
      const earlier = paidByPersonMonth.get(key);
      if (earlier !== undefined && earlier !== record.paid) issues.push({ path: `/records/${i}/paid`, code: 'CONFLICT' });
      paidByPersonMonth.set(key, record.paid);
    });
    if (issues.length === 0) return checked;
    const shown = issues.slice(0, MAX_REPORTED_ISSUES);
    if (issues.length > shown.length) shown.push({ path: '/records', code: 'MORE_ISSUES', params: { count: issues.length - shown.length } });
    return { ok: false, issues: shown };
  };
}

export function createPensionClient(config: PensionClientConfig): PensionClient {
  const common = {
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  };
  // Department names match the simulators' segments, so errors and fault switches speak of the same thing.
  const http: Record<PensionSource, DepartmentHttp> = {
    zhejiang: createDepartmentHttp({ ...common, department: 'pension', baseUrl: config.pensionUrl }),
    national: createDepartmentHttp({ ...common, department: 'national-pension', baseUrl: config.nationalPensionUrl }),
  };

  return {
    async query(source, query, idempotencyKey) {
      const count = query.idNumbers.length;
      if (count === 0 || count > MAX_ID_NUMBERS_PER_QUERY || new Set(query.idNumbers).size !== count) {
        throw new RangeError(`a pension query needs 1 to ${MAX_ID_NUMBERS_PER_QUERY} distinct ID numbers, got ${count}`);
      }
      const answer = await http[source].post({
        path: '/contributions/query',
        body: { uscc: query.uscc, year: query.year, idNumbers: query.idNumbers },
        idempotencyKey,
        check: checkAnswerFor(query),
      });
      // Keep only the contract's fields; an adapter may send more.
      return answer.records.map((r) => ({ idNumber: r.idNumber, uscc: r.uscc, month: r.month, paid: r.paid }));
    },
  };
}
