// What completing `confirm-result` (a dispute) and `manual-review` needs: first the forms' own fields
// (forms/confirm-result.form, forms/manual-review.form, checked as the tasks API checks them), then the completion
// checks that only the filing can answer — declared employees, one mention each, evidence uploaded — worded by the
// forms' labels. The database side (which employees have evidence) is in test/integration/manual-review.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { disputeIssues } from '../../completion-checks/confirm-result-check.ts';
import { manualReviewIssues } from '../../completion-checks/manual-review-check.ts';
import { monthKeys, normalisedNumbers, parseEmployeeNumbers, parseMonthList, repeatedNumbers } from '../../review/typed-numbers.ts';
import { checkFormValues, formMessages, type FormSchema } from '../../tasks/form-values.ts';
import { completionCheckOf } from '../../completion-checks/completion-checks.ts';

const readForm = (name: string) => JSON.parse(readFileSync(new URL(`../../forms/${name}`, import.meta.url), 'utf8')) as FormSchema;
const confirmResult = readForm('confirm-result.form');
const manualReview = readForm('manual-review.form');

function checked(form: FormSchema, values: unknown) {
  const result = checkFormValues(form, values);
  if (!result.ok) throw new Error(`expected no form problems, got ${JSON.stringify(result.issues)}`);
  return result.value;
}
const formIssues = (form: FormSchema, values: unknown) => {
  const result = checkFormValues(form, values);
  return result.ok ? [] : result.issues.map((i) => [i.path, i.code]);
};
const sentences = (form: FormSchema, issues: ReturnType<typeof disputeIssues>, locale: 'zh' | 'en' = 'zh') => {
  const messages = formMessages(form, completionCheckOf(form.id)!.templates);
  return issues.map((issue) => messages.messageFor(issue, locale));
};

describe('typed lists of numbers', () => {
  it('reads employee numbers with ASCII or Chinese separators, in order, repeats kept', () => {
    expect(parseEmployeeNumbers('1,3')).toEqual([1, 3]);
    expect(parseEmployeeNumbers(' 3 ， 1、 3 ')).toEqual([3, 1, 3]);
    expect(parseEmployeeNumbers('1;3')).toBeUndefined();
    expect(parseEmployeeNumbers('')).toBeUndefined();
    expect(parseEmployeeNumbers('1-3')).toBeUndefined();
    expect(repeatedNumbers([3, 1, 3, 2, 1])).toEqual([1, 3]);
    expect(normalisedNumbers([3, 1, 3, 12, 2])).toEqual('1,2,3,12');
  });

  it('reads months as single months and forward ranges, distinct and ascending', () => {
    expect(parseMonthList('1-6,9')).toEqual({ ok: true, months: [1, 2, 3, 4, 5, 6, 9] });
    expect(parseMonthList(' 9，1～3、2 ')).toEqual({ ok: true, months: [1, 2, 3, 9] });
    expect(parseMonthList('12')).toEqual({ ok: true, months: [12] });
    expect(parseMonthList('0,13,6-3,4')).toEqual({ ok: false, problem: 'range', parts: ['0', '13', '6-3'] });
    expect(parseMonthList('1,二月')).toEqual({ ok: false, problem: 'format', parts: ['二月'] });
    expect(parseMonthList('')).toEqual({ ok: false, problem: 'format', parts: [''] });
    expect(monthKeys(2025, [1, 10])).toEqual(['2025-01', '2025-10']);
  });
});

describe('the confirm-result form', () => {
  it('confirms with nothing else: the dispute fields are hidden, and stored as null', () => {
    expect(checked(confirmResult, { confirmationDecision: 'confirm' })).toEqual({ confirmationDecision: 'confirm', disputedEmployees: null, disputeReason: null });
    expect(formIssues(confirmResult, { confirmationDecision: 'confirm', disputedEmployees: '1' })).toEqual([['/disputedEmployees', 'HIDDEN_FIELD']]);
  });

  it('for a dispute requires the employees (as a list of numbers) and a reason of at most 1000 characters', () => {
    expect(formIssues(confirmResult, { confirmationDecision: 'dispute' })).toEqual([
      ['/disputedEmployees', 'REQUIRED'],
      ['/disputeReason', 'REQUIRED'],
    ]);
    expect(formIssues(confirmResult, { confirmationDecision: 'dispute', disputedEmployees: '1;2', disputeReason: '理'.repeat(1001) })).toEqual([
      ['/disputedEmployees', 'FORMAT'],
      ['/disputeReason', 'FORMAT'],
    ]);
    expect(checked(confirmResult, { confirmationDecision: 'dispute', disputedEmployees: ' 1，3 ', disputeReason: '社保已补缴' })).toEqual({
      confirmationDecision: 'dispute',
      disputedEmployees: '1，3',
      disputeReason: '社保已补缴',
    });
  });

  it('requires the decision, one of its two options', () => {
    expect(formIssues(confirmResult, {})).toEqual([['/confirmationDecision', 'REQUIRED']]);
    expect(formIssues(confirmResult, { confirmationDecision: 'maybe' })).toEqual([['/confirmationDecision', 'FORMAT']]);
  });
});

describe('the dispute’s completion check', () => {
  const dispute = (disputedEmployees: string | null, disputeReason: string | null = '已补缴社保') => ({ confirmationDecision: 'dispute', disputedEmployees, disputeReason });
  // Five declared employees; evidence uploaded for the first and the third (0-based 0 and 2).
  const withEvidence = new Set([0, 2]);

  it('passes a confirmation, and a dispute of declared employees that each have evidence', () => {
    expect(disputeIssues({ confirmationDecision: 'confirm', disputedEmployees: null, disputeReason: null }, 5, new Set())).toEqual([]);
    expect(disputeIssues(dispute('1、3'), 5, withEvidence)).toEqual([]);
  });

  it('names the employees without evidence, once each, in Chinese and in English', () => {
    const issues = disputeIssues(dispute('3,2,5,2'), 5, withEvidence);
    expect(issues).toEqual([
      { path: '/disputedEmployees', code: 'EMPLOYEE_NUMBER_REPEATED', params: { numbers: [2] } },
      { path: '/disputedEmployees', code: 'EVIDENCE_MISSING', params: { numbers: [2, 5] } },
    ]);
    expect(sentences(confirmResult, issues)).toEqual([
      '有异议的职工序号中的 2 重复填写了',
      '第 2、5 名职工还没有上传证明材料，请先为每一名有异议的职工上传证明材料，再提交异议',
    ]);
    expect(sentences(confirmResult, issues, 'en')).toEqual([
      '有异议的职工序号: 2 given more than once',
      'no evidence uploaded yet for employee 2、5: upload evidence for every disputed employee first',
    ]);
  });

  it('refuses numbers outside the declared list, without asking for their evidence', () => {
    const issues = disputeIssues(dispute('0,1,6,6'), 5, withEvidence);
    expect(issues).toEqual([
      { path: '/disputedEmployees', code: 'EMPLOYEE_NUMBER_RANGE', params: { numbers: [0, 6], max: 5 } },
      { path: '/disputedEmployees', code: 'EMPLOYEE_NUMBER_REPEATED', params: { numbers: [6] } },
    ]);
    expect(sentences(confirmResult, issues)[0]).toBe('有异议的职工序号中的 0、6 不在申报名单的序号范围内（1 至 5）');
  });

  it('requires the employees and the reason even if the form did not', () => {
    expect(disputeIssues(dispute(null, null), 5, withEvidence)).toEqual([
      { path: '/disputedEmployees', code: 'REQUIRED' },
      { path: '/disputeReason', code: 'REQUIRED' },
    ]);
    expect(disputeIssues(dispute('1-3'), 5, withEvidence)).toEqual([{ path: '/disputedEmployees', code: 'FORMAT', params: { keyword: 'pattern' } }]);
  });
});

describe('the manual-review form and its completion check', () => {
  it('counts or refuses with a reason; the months are hidden then', () => {
    expect(checked(manualReview, { manualDecision: 'count', manualReason: '合同、社保齐全' })).toEqual({ manualDecision: 'count', countedMonths: null, manualReason: '合同、社保齐全' });
    expect(formIssues(manualReview, { manualDecision: 'not_count' })).toEqual([['/manualReason', 'REQUIRED']]);
    expect(formIssues(manualReview, { manualDecision: 'not_count', countedMonths: '1-3', manualReason: '无证明' })).toEqual([['/countedMonths', 'HIDDEN_FIELD']]);
    expect(manualReviewIssues({ manualDecision: 'count', countedMonths: null, manualReason: 'x' })).toEqual([]);
  });

  it('for some months requires them, each a month of the year', () => {
    expect(formIssues(manualReview, { manualDecision: 'months', manualReason: '部分月份' })).toEqual([['/countedMonths', 'REQUIRED']]);
    expect(formIssues(manualReview, { manualDecision: 'months', countedMonths: '一月', manualReason: '部分月份' })).toEqual([['/countedMonths', 'FORMAT']]);
    const values = checked(manualReview, { manualDecision: 'months', countedMonths: '1-6，13', manualReason: '部分月份' });
    const issues = manualReviewIssues(values);
    expect(issues).toEqual([{ path: '/countedMonths', code: 'MONTH_RANGE', params: { parts: ['13'] } }]);
    expect(sentences(manualReview, issues)).toEqual(['认定计入的月份中的 13 不是 1 至 12 月之间的月份（区间应从小到大，如 1-6）']);
    expect(manualReviewIssues(checked(manualReview, { manualDecision: 'months', countedMonths: '1-6,9', manualReason: '部分月份' }))).toEqual([]);
    expect(manualReviewIssues({ manualDecision: 'months', countedMonths: null, manualReason: 'x' })).toEqual([{ path: '/countedMonths', code: 'REQUIRED' }]);
  });
});

describe('the registry of completion checks', () => {
  it('has a check for the two forms, and none for any other name', () => {
    expect(completionCheckOf('confirm-result')).toBeDefined();
    expect(completionCheckOf('manual-review')).toBeDefined();
    for (const other of ['acceptance', 'constructor', '__proto__', 'toString']) expect(completionCheckOf(other)).toBeUndefined();
  });
});
