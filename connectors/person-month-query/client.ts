// The client side of a person-month query: one POST for the whole list, and only a well-formed answer about
// the people, unit and year asked is accepted.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import {
  contractFields,
  MAX_ID_NUMBERS_PER_QUERY,
  type PersonMonthAnswer,
  type PersonMonthQuery,
  type PersonMonthRecord,
  type PersonMonthService,
} from './schema.ts';

/** The call settings every department takes from the configuration; tests shorten the back-off. */
export type DepartmentCallConfig = Pick<Config, 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface PersonMonthQueryClientOptions<R extends PersonMonthRecord> {
  /** Names the department in errors: the simulator's segment, so errors and fault switches speak of the same thing. */
  department: string;
  baseUrl: string;
  /** Names the query in the error refusing a list, e.g. "pension" for both pension interfaces. */
  queryName: string;
  service: PersonMonthService<R>;
  config: DepartmentCallConfig;
}

export interface PersonMonthQueryClient<R> {
  /**
   * The records the service holds for these people at this employer in `query.year`; a month without a record
   * is absent. One POST for the whole list. Throws the department-http errors.
   */
  query(query: PersonMonthQuery, idempotencyKey: string): Promise<R[]>;
}

/** Enough to locate a fault in a wrong answer; thousands of lines would only bury it. */
const MAX_REPORTED_ISSUES = 10;

/**
 * A well-formed answer may still be wrong: a record about someone, some unit or some year not asked for, or
 * two records of one month whose fact contradicts. Issues name the record index, never its ID number.
 */
function checkAnswerFor<R extends PersonMonthRecord>(
  checkAnswer: (data: unknown) => Checked<PersonMonthAnswer<R>>,
  fact: PersonMonthService<R>['monthlyFact'],
  query: PersonMonthQuery,
) {
  const asked = new Set(query.idNumbers);
  const prefix = `${query.year}-`;
  return (data: unknown): Checked<PersonMonthAnswer<R>> => {
    const checked = checkAnswer(data);
    if (!checked.ok) return checked;
    const issues: FieldIssue[] = [];
    const factByPersonMonth = new Map<string, unknown>();
    checked.value.records.forEach((record, i) => {
      if (!asked.has(record.idNumber)) issues.push({ path: `/records/${i}/idNumber`, code: 'MISMATCH' });
      if (record.uscc !== query.uscc) issues.push({ path: `/records/${i}/uscc`, code: 'MISMATCH', params: { expected: query.uscc } });
      if (!record.month.startsWith(prefix)) issues.push({ path: `/records/${i}/month`, code: 'MISMATCH', params: { expected: query.year } });
      if (fact === undefined) return;
      const key = `${record.idNumber} ${record.month}`;
      if (factByPersonMonth.has(key) && factByPersonMonth.get(key) !== record[fact]) {
        issues.push({ path: `/records/${i}/${fact}`, code: 'CONFLICT' });
      }
      factByPersonMonth.set(key, record[fact]);
    });
    if (issues.length === 0) return checked;
    const shown = issues.slice(0, MAX_REPORTED_ISSUES);
    if (issues.length > shown.length) shown.push({ path: '/records', code: 'MORE_ISSUES', params: { count: issues.length - shown.length } });
    return { ok: false, issues: shown };
  };
}

export function createPersonMonthQueryClient<R extends PersonMonthRecord>(
  options: PersonMonthQueryClientOptions<R>,
): PersonMonthQueryClient<R> {
  const { department, baseUrl, queryName, service } = options;
  const { departmentTimeoutMs: timeoutMs, departmentRetries: retries, baseDelayMs, maxDelayMs } = options.config;
  const http = createDepartmentHttp({ department, baseUrl, timeoutMs, retries, baseDelayMs, maxDelayMs });
  const checkAnswer = compileSchema<PersonMonthAnswer<R>>(service.answerSchema);
  const keepContractFields = contractFields<R>(service.recordSchema);

  return {
    async query(query, idempotencyKey) {
      const count = query.idNumbers.length;
      if (count === 0 || count > MAX_ID_NUMBERS_PER_QUERY || new Set(query.idNumbers).size !== count) {
        throw new RangeError(`a ${queryName} query needs 1 to ${MAX_ID_NUMBERS_PER_QUERY} distinct ID numbers, got ${count}`);
      }
      const answer = await http.post({
        path: service.path,
        body: { uscc: query.uscc, year: query.year, idNumbers: query.idNumbers },
        idempotencyKey,
        check: checkAnswerFor(checkAnswer, service.monthlyFact, query),
      });
      // Keep only the contract's fields; an adapter may send more.
      return answer.records.map(keepContractFields);
    },
  };
}
