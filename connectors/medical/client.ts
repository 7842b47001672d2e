// Client of the medical-security service (simulator or a real department's adapter at DEPT_MEDICAL_URL).
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema, type Checked, type FieldIssue } from '../../platform/schema.ts';
import { MAX_ID_NUMBERS_PER_QUERY, medicalAnswerSchema, type MedicalAnswer, type MedicalQuery, type MedicalRecord } from './schema.ts';

export type MedicalClientConfig = Pick<Config, 'medicalUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface MedicalClient {
  /**
   * The medical insurance records of these people at this employer in `query.year`; a month without a record
   * is absent. One POST for the whole list. Throws the department-http errors.
   */
  query(query: MedicalQuery, idempotencyKey: string): Promise<MedicalRecord[]>;
}

/** Enough to locate a fault in a wrong answer; thousands of lines would only bury it. */
const MAX_REPORTED_ISSUES = 10;

const checkAnswer = compileSchema<MedicalAnswer>(medicalAnswerSchema);

/**
 * A well-formed answer may still be wrong: a record about someone, some unit or some year not asked for, or
 * two records of one month that contradict each other. Issues name the record index, never its ID number.
 */
function checkAnswerFor(query: MedicalQuery) {
  const asked = new Set(query.idNumbers);
  const prefix = `${query.year}-`;
  return (data: unknown): Checked<MedicalAnswer> => {
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

export function createMedicalClient(config: MedicalClientConfig): MedicalClient {
  const http = createDepartmentHttp({
    department: 'medical',
    baseUrl: config.medicalUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async query(query, idempotencyKey) {
      const count = query.idNumbers.length;
      if (count === 0 || count > MAX_ID_NUMBERS_PER_QUERY || new Set(query.idNumbers).size !== count) {
        throw new RangeError(`a medical query needs 1 to ${MAX_ID_NUMBERS_PER_QUERY} distinct ID numbers, got ${count}`);
      }
      const answer = await http.post({
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
