// What completing `confirm-result` with a dispute needs beyond the form (附件1 §四(二)): the disputed employees are
// declared ones, each named once, each with at least one uploaded evidence document; and a reason.
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { Problem } from '../platform/problem.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { findFiling } from '../filings/filing-store.ts';
import type { CompletionCheck, CompletionValues } from './completion-check.ts';
import { employeesWithEvidence } from '../review/manual-review-store.ts';
import { parseEmployeeNumbers, repeatedNumbers } from '../review/typed-numbers.ts';

const numberList = (numbers: unknown) => (Array.isArray(numbers) ? numbers.join('、') : String(numbers));

/**
 * The problems of a dispute, given how many employees were declared and which (0-based) have evidence. Numbers
 * outside the list are reported once, as out of range, and not again as lacking evidence.
 */
export function disputeIssues(values: CompletionValues, employeeCount: number, withEvidence: ReadonlySet<number>): FieldIssue[] {
  if (values.confirmationDecision !== 'dispute') return [];
  const issues: FieldIssue[] = [];
  const path = '/disputedEmployees';
  const text = values.disputedEmployees;
  const numbers = typeof text === 'string' ? parseEmployeeNumbers(text) : undefined;
  if (text === null || text === undefined) issues.push({ path, code: 'REQUIRED' });
  else if (!numbers) issues.push({ path, code: 'FORMAT', params: { keyword: 'pattern' } });
  else {
    const outside = [...new Set(numbers.filter((n) => n < 1 || n > employeeCount))].sort((a, b) => a - b);
    if (outside.length > 0) issues.push({ path, code: 'EMPLOYEE_NUMBER_RANGE', params: { numbers: outside, max: employeeCount } });
    const repeated = repeatedNumbers(numbers);
    if (repeated.length > 0) issues.push({ path, code: 'EMPLOYEE_NUMBER_REPEATED', params: { numbers: repeated } });
    const missing = [...new Set(numbers)].filter((n) => n >= 1 && n <= employeeCount && !withEvidence.has(n - 1)).sort((a, b) => a - b);
    if (missing.length > 0) issues.push({ path, code: 'EVIDENCE_MISSING', params: { numbers: missing } });
  }
  if (values.disputeReason === null || values.disputeReason === undefined) issues.push({ path: '/disputeReason', code: 'REQUIRED' });
  return issues;
}

export const confirmResultCheck: CompletionCheck = {
  async check(db: Db, filingId: string, values: CompletionValues) {
    if (values.confirmationDecision !== 'dispute') return [];
    const filing = isUuid(filingId) ? await findFiling(db, filingId) : undefined;
    if (!filing) throw new Problem(409, '该任务所属的申报不存在，无法办理', `no filing ${filingId}`);
    const employeeCount = filing.declaration.employees.length;
    const numbers = typeof values.disputedEmployees === 'string' ? (parseEmployeeNumbers(values.disputedEmployees) ?? []) : [];
    const declared = numbers.filter((n) => n >= 1 && n <= employeeCount).map((n) => n - 1);
    return disputeIssues(values, employeeCount, await employeesWithEvidence(db, filingId, declared));
  },
  templates: {
    EMPLOYEE_NUMBER_RANGE: [
      (f, p) => `${f}中的 ${numberList(p.numbers)} 不在申报名单的序号范围内（1 至 ${p.max}）`,
      (f, p) => `${f}: ${numberList(p.numbers)} not in the declared list (1 to ${p.max})`,
    ],
    EMPLOYEE_NUMBER_REPEATED: [
      (f, p) => `${f}中的 ${numberList(p.numbers)} 重复填写了`,
      (f, p) => `${f}: ${numberList(p.numbers)} given more than once`,
    ],
    EVIDENCE_MISSING: [
      (_f, p) => `第 ${numberList(p.numbers)} 名职工还没有上传证明材料，请先为每一名有异议的职工上传证明材料，再提交异议`,
      (_f, p) => `no evidence uploaded yet for employee ${numberList(p.numbers)}: upload evidence for every disputed employee first`,
    ],
  },
};
