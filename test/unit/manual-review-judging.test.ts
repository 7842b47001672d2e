// The count with the reviewers' decisions (附件1 §四(二)): a decision replaces an employee's automatic months —
// `count` the months within the declared employment, `months` exactly those, `not_count` none — keeping the
// automatic weight (or, for a certificate the register did not hold, the declared grade's weight through the same
// decision), and the review shows the decision next to the automatic reasons. Small decision tables stand in for the
// shipped DMN, so each expectation can be worked out by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { readDecisionModel } from '../../dmn-evaluator/decision-model.ts';
import type { Employee, Filing } from '../../filings/declaration/filing.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { monthsOf, type DepartmentEvidence } from '../../review/employee-month-facts.ts';
import { judgeFiling, type ReviewDecisions } from '../../review/judge-filing.ts';
import type { ManualDecision } from '../../review/manual-review-store.ts';
import { presentReview } from '../../review/present-review.ts';
import type { ReviewResult, RuleVersions } from '../../review/review-result.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';
import { levyTable } from '../support/preview-fixtures.ts';

const YEAR = 2025;
const ALL = monthsOf(YEAR).map((m) => m.month);
const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => month(from + i));

let decisions: ReviewDecisions;

beforeAll(async () => {
  const model = await readDecisionModel(
    dmnFile(
      decisionTable({
        id: 'counting',
        hitPolicy: 'COLLECT',
        inputs: [
          { expr: 'duplicate', typeRef: 'boolean' },
          { expr: 'employedInMonth', typeRef: 'boolean' },
          { expr: 'certFound', typeRef: 'boolean' },
          { expr: 'pensionPaid', typeRef: 'boolean' },
        ],
        outputs: [{ name: 'reason' }],
        rules: [
          [['true', '-', '-', '-'], ['"DUPLICATE_EMPLOYEE"']],
          [['-', 'false', '-', '-'], ['"NOT_EMPLOYED"']],
          [['-', '-', 'false', '-'], ['"CERT_NOT_FOUND"']],
          [['-', 'true', '-', 'false'], ['"PENSION_NOT_PAID"']],
        ],
      }),
      decisionTable({
        id: 'weight',
        hitPolicy: 'FIRST',
        inputs: [{ expr: 'certType' }, { expr: 'certGrade', typeRef: 'integer' }],
        outputs: [{ name: 'weight', typeRef: 'integer' }],
        rules: [
          [['"disability"', '[1..2]'], ['2']],
          [['"disability"', '[3..4]'], ['1']],
          [['"veteran"', '[1..8]'], ['1']],
          [['-', '-'], ['0']], // a veteran's grade 9–10, and a certificate the register did not hold (no grade)
        ],
      }),
      levyTable(),
    ),
  );
  decisions = { counting: { model, decisionId: 'counting' }, weight: { model, decisionId: 'weight' }, levy: { model, decisionId: 'levy' } };
});

/**
 * A filing of five employees, grades as given, all employed the whole year unless `employed` says otherwise, with
 * a register entry (at the declared grade) and pension paid every month unless said otherwise.
 */
function scenario(
  people: { grade: number; certType?: Employee['certType']; employed?: [number, number]; pensionPaid?: string[]; inRegister?: boolean; sameAs?: number }[],
): { filing: Filing; evidence: DepartmentEvidence } {
  const filing = syntheticFiling(81_001, { year: YEAR, employees: people.length });
  filing.employees = filing.employees.map((e, i) => {
    const p = people[i]!;
    if (p.sameAs !== undefined) return { ...filing.employees[p.sameAs]! };
    const [from, to] = p.employed ?? [1, 12];
    return {
      ...e,
      certType: p.certType ?? 'disability',
      disabilityGrade: p.grade,
      employedFrom: `${month(from)}-01`,
      employedTo: `${month(to)}-${to === 2 ? 28 : [4, 6, 9, 11].includes(to) ? 30 : 31}`,
    };
  });
  const register = (i: number) => ({ index: i, found: true, nameMatches: true, idMatches: true, grade: people[i]!.grade, validFrom: '2020-01-01', validUntil: '2030-12-31' });
  const notFound = (i: number) => ({ index: i, found: false, nameMatches: null, idMatches: null, grade: null, validFrom: null, validUntil: null });
  const held = (i: number) => people[i]!.inRegister !== false;
  return {
    filing,
    evidence: {
      dpfCertificates: people.flatMap((p, i) =>
        (p.certType ?? 'disability') !== 'disability' ? [] : [held(i) ? { ...register(i), category: 4, status: 'valid' as const } : { ...notFound(i), category: null, status: null }],
      ),
      veteranCertificates: people.flatMap((p, i) =>
        (p.certType ?? 'disability') === 'disability' ? [] : [held(i) ? { ...register(i), kindMatches: true, kind: p.certType as 'veteran' } : { ...notFound(i), kindMatches: null, kind: null }],
      ),
      pension: people.map((p, i) => ({ index: i, source: 'zhejiang' as const, paidMonths: p.pensionPaid ?? ALL, unpaidMonths: [] })),
      medical: people.map((_p, i) => ({ index: i, source: 'zhejiang' as const, paidMonths: ALL, unpaidMonths: [] }) as never),
      wages: [],
    },
  };
}

const decided = (employeeIndex: number, decision: ManualDecision['decision'], countedMonths: string[] = []): ManualDecision => ({
  employeeIndex,
  decision,
  countedMonths,
  reason: '已核实劳动合同和社保缴费凭证',
  reviewer: 'dev-reviewer-330106',
  decidedAt: '2026-05-06T02:00:00.000Z',
});

const judge = (s: { filing: Filing; evidence: DepartmentEvidence }, manual: ManualDecision[] = []) =>
  judgeFiling(s.filing, s.evidence, undefined, decisions, new Map(manual.map((d) => [d.employeeIndex, d])));
const countedOf = (result: ReviewResult, index: number) => result.employees[index]!.months.filter((m) => m.counted).map((m) => m.month);

describe('judging with the reviewers’ decisions', () => {
  // 0: grade 2, pension unpaid in March and April · 1: grade 3, employed July–December, pension unpaid in August ·
  // 2: grade 2, not in the register · 3: grade 3, clean · 4: the first person declared again.
  const s = scenario([
    { grade: 2, pensionPaid: ALL.filter((m) => m !== month(3) && m !== month(4)) },
    { grade: 3, employed: [7, 12], pensionPaid: range(7, 12).filter((m) => m !== month(8)) },
    { grade: 2, inRegister: false },
    { grade: 3 },
    { grade: 2, sameAs: 0 },
  ]);

  it('without decisions judges exactly as the automatic review, with nothing added to any employee', () => {
    const plain = judgeFiling(s.filing, s.evidence, undefined, decisions);
    expect(judge(s)).toEqual(plain);
    // 2 × 10 + 1 × 5 + 0 + 1 × 12 + 0 = 37 weighted months → 3.08
    expect(plain.certifiedCount).toBe(3.08);
    for (const e of plain.employees) {
      expect(e.manualReview).toBeUndefined();
      expect(e.automatic).toBeUndefined();
    }
  });

  it('`count` counts every month of the declared employment, with no reasons, and keeps the automatic result beside it', () => {
    const result = judge(s, [decided(0, 'count'), decided(1, 'count')]);
    const [first, second] = result.employees;
    expect(first).toMatchObject({ counted: true, weight: 2, countedMonths: 12, contribution: 2, reasons: [] });
    expect(first!.months.every((m) => m.counted && m.reasons.length === 0)).toBe(true);
    expect(first!.automatic).toMatchObject({ weight: 2, countedMonths: 10, contribution: 1.67, reasons: ['PENSION_NOT_PAID'] });
    expect(first!.manualReview).toEqual({ decision: 'count', months: ALL, reason: '已核实劳动合同和社保缴费凭证', reviewer: 'dev-reviewer-330106', decidedAt: '2026-05-06T02:00:00.000Z' });

    // Months outside the declared employment stay uncounted, with their automatic reason.
    expect(countedOf(result, 1)).toEqual(range(7, 12));
    expect(second!.manualReview!.months).toEqual(range(7, 12));
    expect(second!.months[0]).toEqual({ month: month(1), counted: false, reasons: ['NOT_EMPLOYED'] });
    expect(second!.reasons).toEqual(['NOT_EMPLOYED']);
    expect(second!.automatic!.reasons).toEqual(['NOT_EMPLOYED', 'PENSION_NOT_PAID']);
    // 2 × 12 + 1 × 6 + 0 + 1 × 12 + 0 = 42 → 3.50
    expect(result.certifiedCount).toBe(3.5);
  });

  it('`months` counts exactly the months named, even where the automatic review counted more', () => {
    const result = judge(s, [decided(3, 'months', [month(1), month(2), month(3), month(9)])]);
    expect(countedOf(result, 3)).toEqual([month(1), month(2), month(3), month(9)]);
    const employee = result.employees[3]!;
    expect(employee).toMatchObject({ weight: 1, countedMonths: 4, contribution: 0.33, reasons: [] });
    // A month the decision leaves out is not counted; the automatic review had no reason against it, so none is shown.
    expect(employee.months[3]).toEqual({ month: month(4), counted: false, reasons: [] });
    expect(employee.automatic).toMatchObject({ countedMonths: 12, contribution: 1 });
  });

  it('`months` may count a month the automatic review refused, and outside the declared employment', () => {
    const result = judge(s, [decided(1, 'months', [month(6), month(8)])]);
    expect(countedOf(result, 1)).toEqual([month(6), month(8)]);
    expect(result.employees[1]!.reasons).toEqual(['NOT_EMPLOYED']);
  });

  it('`not_count` counts nothing and keeps the automatic reasons of each month', () => {
    const result = judge(s, [decided(3, 'not_count'), decided(0, 'not_count')]);
    expect(result.employees[3]).toMatchObject({ counted: false, countedMonths: 0, contribution: 0, weight: 1, reasons: [] });
    expect(result.employees[3]!.manualReview!.months).toEqual([]);
    expect(result.employees[0]!.months[2]).toEqual({ month: month(3), counted: false, reasons: ['PENSION_NOT_PAID'] });
    // 0 + 5 + 0 + 0 + 0 = 5 → 0.42
    expect(result.certifiedCount).toBe(0.42);
  });

  it('a certificate the register did not hold: counting it takes the weight of the declared kind and grade', () => {
    const automatic = judge(s).employees[2]!;
    expect(automatic).toMatchObject({ weight: 0, countedMonths: 0, reasons: ['CERT_NOT_FOUND'] });

    const counted = judge(s, [decided(2, 'count')]).employees[2]!;
    expect(counted).toMatchObject({ weight: 2, countedMonths: 12, contribution: 2, reasons: [] });
    expect(counted.automatic).toMatchObject({ weight: 0, reasons: ['CERT_NOT_FOUND'] });
    expect(judge(s, [decided(2, 'months', range(1, 6))]).employees[2]).toMatchObject({ weight: 2, countedMonths: 6, contribution: 1 });
    expect(judge(s, [decided(2, 'not_count')]).employees[2]).toMatchObject({ weight: 0, countedMonths: 0, reasons: ['CERT_NOT_FOUND'] });
  });

  it('a certificate policy does not count stays uncounted: the reviewer decides months, not what a certificate is worth', () => {
    const veteran = scenario([{ grade: 9, certType: 'veteran' }]);
    expect(judge(veteran).employees[0]).toMatchObject({ weight: 0, countedMonths: 0 });
    const result = judge(veteran, [decided(0, 'count')]);
    expect(result.employees[0]).toMatchObject({ weight: 0, counted: false, countedMonths: 0, contribution: 0 });
    expect(result.employees[0]!.manualReview!.months).toEqual(ALL);
    expect(result.certifiedCount).toBe(0);
  });

  it('a person declared twice is not counted twice by a decision to count the second entry', () => {
    const result = judge(s, [decided(4, 'count')]);
    expect(result.employees[4]).toMatchObject({ countedMonths: 0, reasons: ['DUPLICATE_EMPLOYEE'] });
    expect(result.employees[4]!.manualReview!.months).toEqual([]);
  });

  it('carries the decisions into the certified number and the levy estimate', () => {
    const before = judge(s);
    const after = judge(s, [decided(0, 'count'), decided(2, 'count')]);
    // 37 + 4 (employee 0's two months × 2) + 24 (employee 2) = 65 weighted months → 5.42; required 300 × 1.5% = 4.5.
    expect(after.certifiedCount).toBe(5.42);
    expect(before.shortfall).toBe(1.42);
    expect(after.shortfall).toBe(0);
    expect(after.levyEstimate.payable).toBe(0);
  });
});

describe('the review as the API shows it, after a manual review', () => {
  const s = scenario([{ grade: 2, pensionPaid: ALL.filter((m) => m !== month(3) && m !== month(4)) }, { grade: 3 }]);
  const rules = { counting: { key: 'counting', id: 'c:1', version: 1 }, weight: { key: 'weight', id: 'w:1', version: 1 }, levy: { key: 'levy', id: 'l:1', version: 1 } } satisfies RuleVersions;

  it('shows the decision with a sentence, and the automatic reasons still explained, for the employee decided on only', () => {
    const result = judge(s, [decided(0, 'months', range(1, 6))]);
    const shown = presentReview({ result, rules, reviewedAt: '2026-05-06T03:00:00.000Z' }, s.filing, false, 'zh');
    const [first, second] = shown.employees as any[];
    expect(first.manualReview).toEqual({
      decision: 'months',
      months: range(1, 6),
      reason: '已核实劳动合同和社保缴费凭证',
      reviewer: 'dev-reviewer-330106',
      decidedAt: '2026-05-06T02:00:00.000Z',
      message: '经人工审核部分月份认定计入（2025年1月、2月、3月、4月、5月、6月）。理由：已核实劳动合同和社保缴费凭证',
    });
    expect(first.automaticReasons).toEqual(['PENSION_NOT_PAID']);
    expect(first.automaticExplanation).toEqual([{ code: 'PENSION_NOT_PAID', months: [month(3), month(4)], message: '2025年3月、4月：本单位未足额缴纳养老保险' }]);
    expect(first.automatic).toMatchObject({ countedMonths: 10, contribution: 1.67 });
    // The counted months carry no reasons, so nothing is left to explain in the result in force.
    expect(first).toMatchObject({ countedMonths: 6, contribution: 1, reasons: [], explanation: [] });
    expect(first.idNumber).toMatch(/\*/);
    expect(second).not.toHaveProperty('manualReview');
    expect(second).not.toHaveProperty('automaticReasons');
  });

  it('says in the summary that a reviewer decided, once one did, and not before', () => {
    const present = (decisions: ManualDecision[]) =>
      presentReview({ result: judge(s, decisions), rules, reviewedAt: '2026-05-06T03:00:00.000Z' }, s.filing, false, 'zh').summary;
    expect(present([])).toMatch(/^经与各部门数据比对，2025 年度认定/);
    expect(present([decided(0, 'count')])).toMatch(/^经与各部门数据比对和残联人工审核，2025 年度认定/);
  });

  it('in English on request', () => {
    const result = judge(s, [decided(0, 'count')]);
    const shown = presentReview({ result, rules, reviewedAt: '2026-05-06T03:00:00.000Z' }, s.filing, false, 'en');
    expect((shown.employees[0] as any).manualReview.message).toBe('Manual review: counted (all year). Reason: 已核实劳动合同和社保缴费凭证');
  });
});

describe('a month the person counts in the other unit (劳务派遣)', () => {
  let dispatchDecisions: ReviewDecisions;
  beforeAll(async () => {
    const model = await readDecisionModel(
      dmnFile(
        decisionTable({
          id: 'counting',
          hitPolicy: 'COLLECT',
          inputs: [{ expr: 'claimedElsewhereInMonth', typeRef: 'boolean' }],
          outputs: [{ name: 'reason' }],
          rules: [[['true'], ['"DISPATCH_COUNTED_ELSEWHERE"']]],
        }),
        decisionTable({ id: 'weight', hitPolicy: 'FIRST', inputs: [{ expr: 'certGrade', typeRef: 'integer' }], outputs: [{ name: 'weight', typeRef: 'integer' }], rules: [[['-'], ['1']]] }),
        levyTable(),
      ),
    );
    dispatchDecisions = { counting: { model, decisionId: 'counting' }, weight: { model, decisionId: 'weight' }, levy: { model, decisionId: 'levy' } };
  });

  it('is out of every reviewer decision’s reach: `count` and a list of months leave it uncounted, so nobody is counted twice', () => {
    const s = scenario([{ grade: 3 }]);
    // Another filing of the year holds January–June of this person.
    s.evidence.claimedElsewhere = [{ index: 0, months: range(1, 6) }];
    const withDecision = (d: ManualDecision) => judgeFiling(s.filing, s.evidence, undefined, dispatchDecisions, new Map([[0, d]]));
    const counted = withDecision(decided(0, 'count'));
    expect(countedOf(counted, 0)).toEqual(range(7, 12));
    expect(counted.employees[0]!.months.filter((m) => !m.counted).every((m) => m.reasons.includes('DISPATCH_COUNTED_ELSEWHERE'))).toBe(true);
    expect(countedOf(withDecision(decided(0, 'months', range(5, 8))), 0)).toEqual(range(7, 8));
  });
});
