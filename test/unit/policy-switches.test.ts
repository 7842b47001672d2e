// The policy choices of docs/review.md §"Policy choices", each a switch in the shipped DMN: judged with the shipped
// files as they are and with the switch turned the other way, so both values are seen to do what the table's
// annotation says. Figures are the worked examples of the doc, to be checked by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { evaluateDecision } from '../../dmn-evaluator/evaluate-decision.ts';
import { processesDir } from '../../deployment/deploy-resources.ts';
import { seededRandom, syntheticIdNumber } from '../../domain/synthetic.ts';
import type { Employee, Filing } from '../../filings/declaration/filing.ts';
import { syntheticEmployee, syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { monthsOf, type DepartmentEvidence } from '../../review/employee-month-facts.ts';
import { judgeFiling, type ReviewDecisions } from '../../review/judge-filing.ts';
import { presentReview } from '../../review/present-review.ts';
import type { ReviewResult } from '../../review/review-result.ts';

const YEAR = 2025;
const ALL = monthsOf(YEAR).map((m) => m.month);
const shipped = (file: string) => readFileSync(path.join(processesDir, file), 'utf8');
const COUNTING = shipped('employee-counting.dmn');
const LEVY = shipped('levy-estimate.dmn');

/** The file with the boolean literal decision `id` set to `value`; fails when the switch is not where it should be. */
function withSwitch(xml: string, id: string, value: boolean): string {
  const pattern = new RegExp(`(<decision id="${id}"[\\s\\S]*?<literalExpression[^>]*>\\s*<text>)\\s*(true|false)\\s*(</text>)`);
  if (!pattern.test(xml)) throw new Error(`no switch ${id}`);
  return xml.replace(pattern, `$1${value}$3`);
}

async function decisionsOf(counting = COUNTING, levy = LEVY): Promise<ReviewDecisions> {
  const [c, l] = await Promise.all([readDecisionModel(counting), readDecisionModel(levy)]);
  return { counting: { model: c, decisionId: 'employee-month' }, weight: { model: c, decisionId: 'certificate-weight' }, levy: { model: l, decisionId: 'levy-policy' } };
}

const rand = seededRandom(24_024);

/** A grade-3 (weight 1) employee born on `birth`, with a contract of three years; employed `from`–`to` of 2025. */
function employee(birth: string, male: boolean, extra: Partial<Employee> = {}): Employee {
  const idNumber = syntheticIdNumber(rand, { regionCode: '330106', birthFrom: birth, birthTo: birth, male });
  return syntheticEmployee(rand, YEAR, { idNumber, contractStart: '2024-01-01', contractEnd: '2026-12-31', ...extra });
}

/** A filing of `staff` staff in Xihu whose employees every department confirms for every month, at 5 000 yuan. */
function filingOf(staff: number, employees: Employee[], employer: Partial<Filing['employer']> = {}): { filing: Filing; evidence: DepartmentEvidence } {
  const filing = syntheticFiling(24_001, { year: YEAR, employees: 0 });
  filing.employer = { ...filing.employer, averageStaffCount: staff, averageAnnualWage: 100_000, ...employer };
  filing.employees = employees;
  const paid = employees.map((_e, index) => ({ index, paidMonths: ALL, unpaidMonths: [] }));
  return {
    filing,
    evidence: {
      dpfCertificates: employees.map((e, index) => ({
        index, found: true, nameMatches: true, idMatches: true, category: 4, grade: e.disabilityGrade, validFrom: '2020-01-01', validUntil: '2030-12-31', status: 'valid' as const,
      })),
      veteranCertificates: [],
      pension: paid.map((p) => ({ ...p, source: 'zhejiang' as const })),
      medical: paid,
      wages: employees.map((_e, index) => ({ index, months: ALL.map((month) => ({ month, amount: 5000 })) })),
    } as DepartmentEvidence,
  };
}

const judge = async (s: { filing: Filing; evidence: DepartmentEvidence }, decisions: Promise<ReviewDecisions>) =>
  judgeFiling(s.filing, s.evidence, undefined, await decisions);
const counted = (r: ReviewResult, i = 0) => r.employees[i]!.months.filter((m) => m.counted).map((m) => m.month);
const ageOut = (r: ReviewResult, i = 0) => r.employees[i]!.months.filter((m) => m.reasons.includes('AGE_OUT_OF_RANGE')).map((m) => m.month);

describe("women's retirement age follows the post (postType), not the establishment", () => {
  // Born 15 March 1970: a management or technical post retires at 55 + 1 month (2025 reform, first 4-month group) =
  // 661 months, reached on 15 April 2025; another post at 50, reached in 2020.
  const born1970 = '1970-03-15';

  it('a woman in a management or technical post counts until the month she reaches 55 years and 1 month, on the establishment or not', async () => {
    for (const employmentType of ['contract', 'establishment'] as const) {
      const r = await judge(filingOf(300, [employee(born1970, false, { postType: 'management_technical', employmentType })]), decisionsOf());
      expect(counted(r)).toEqual(ALL.slice(0, 4));
      expect(ageOut(r)).toEqual(ALL.slice(4));
    }
  });

  it('a woman in another post — or with no post declared — retired at 50, even on the establishment', async () => {
    for (const extra of [{ postType: 'other' as const }, {}, { employmentType: 'establishment' as const }]) {
      const r = await judge(filingOf(300, [employee(born1970, false, extra)]), decisionsOf());
      expect(counted(r)).toEqual([]);
      expect(ageOut(r)).toEqual(ALL);
    }
  });

  it('a woman in another post born 15 March 1975 retires at 50 years and 2 months (one month per two), reached in May 2025', async () => {
    const r = await judge(filingOf(300, [employee('1975-03-15', false)]), decisionsOf());
    expect(counted(r)).toEqual(ALL.slice(0, 5));
  });

  it('the post does not change a man’s age: born 15 March 1965, 60 years and 1 month, reached in April 2025', async () => {
    for (const postType of ['management_technical', 'other'] as const) {
      const r = await judge(filingOf(300, [employee('1965-03-15', true, { postType })]), decisionsOf());
      expect(counted(r)).toEqual(ALL.slice(0, 4));
    }
  });
});

describe('switch retirement-month-counted: the month in which the retirement age is reached', () => {
  const woman = () => filingOf(300, [employee('1970-03-15', false, { postType: 'management_technical' })]);

  it('shipped true: that month (April 2025) counts, the next does not', async () => {
    const r = await judge(woman(), decisionsOf());
    expect(counted(r)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
  });

  it('false: that month no longer counts', async () => {
    const r = await judge(woman(), decisionsOf(withSwitch(COUNTING, 'retirement-month-counted', false)));
    expect(counted(r)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(ageOut(r)[0]).toBe('2025-04');
  });

  it('born on the 1st, the age is complete on the month’s first day: that month is already past it either way', async () => {
    // Born 1 March 1970: 661 months complete on 1 April 2025.
    const r = await judge(filingOf(300, [employee('1970-03-01', false, { postType: 'management_technical' })]), decisionsOf());
    expect(counted(r)).toEqual(ALL.slice(0, 3));
  });
});

/** `n` grade-3 employees for the whole year and one for the first `months` months. */
const weightedMonths = (n: number, months: number) => [
  ...Array.from({ length: n }, () => employee('1985-06-15', true)),
  employee('1985-06-15', true, { employedTo: `2025-${String(months).padStart(2, '0')}-${months === 2 ? 28 : [4, 6, 9, 11].includes(months) ? 30 : 31}` }),
];

describe('switch required-count-rounded: the required count before the levy', () => {
  // 31 staff, nobody counted, wage 100 000: 72号 art. 8 gives (31 × 1.5 % − 0) × 100 000 = 46 500, 90 % paid.
  const unit = () => filingOf(31, []);

  it('shipped false: 31 × 1.5 % = 0.465 as it is — base 46 500, payable 41 850 (shown 0.47)', async () => {
    const r = await judge(unit(), decisionsOf());
    expect(r).toMatchObject({ requiredCount: 0.47, shortfall: 0.47, certifiedCount: 0 });
    expect(r.levyEstimate).toMatchObject({ base: 46_500, reductionRate: 0.1, payable: 41_850, exempt: false });
  });

  it('true: rounded to 0.47 first — base 47 000, payable 42 300', async () => {
    const r = await judge(unit(), decisionsOf(COUNTING, withSwitch(LEVY, 'required-count-rounded', true)));
    expect(r).toMatchObject({ requiredCount: 0.47, shortfall: 0.47 });
    expect(r.levyEstimate).toMatchObject({ base: 47_000, payable: 42_300 });
  });

  it('keeps whole yuan exact where floats drift: 467 staff, 4.67 certified → shortfall 2.335 × 100 000 = 233 500', async () => {
    const r = await judge(filingOf(467, weightedMonths(4, 8)), decisionsOf());
    expect(r).toMatchObject({ certifiedCount: 4.67, requiredCount: 7.01, shortfall: 2.34 });
    expect(r.levyEstimate.base).toBe(233_500);
  });
});

describe('switch tier-on-certified-count: the ratio the 1 % tier is judged on', () => {
  // 467 staff; four people the whole year and one for eight months: 56 weighted months, certified 4.67.
  const unit = () => filingOf(467, weightedMonths(4, 8));

  it('shipped true: 4.67 ÷ 467 = exactly 1 % → half the levy is paid: 233 500 × 50 % = 116 750', async () => {
    const r = await judge(unit(), decisionsOf());
    expect(r.levyEstimate).toMatchObject({ actualRatio: 0.01, reductionRate: 0.5, base: 233_500, payable: 116_750 });
  });

  it('false: 56 ÷ 12 ÷ 467 = 0.9993 % → below 1 %, 90 % paid: 210 150', async () => {
    const r = await judge(unit(), decisionsOf(COUNTING, withSwitch(LEVY, 'tier-on-certified-count', false)));
    expect(r.levyEstimate).toMatchObject({ reductionRate: 0.1, base: 233_500, payable: 210_150 });
  });
});

describe('switch reduction-window-by-levy-year: the 2020–2027 window keyed on the year the levy is collected', () => {
  // Evaluated on the decision itself: no average social wage is published for these years, which the levy needs.
  const levyPolicy = async (xml: string, year: number) => {
    const model = await readDecisionModel(xml);
    const variables = { year, unitNature: 'enterprise', averageStaffCount: 20, actualRatio: 0, exactRatio: 0, cityCode: '330100' };
    return evaluateDecision(model, 'levy-policy', variables)[0]!;
  };

  it('shipped true: 2019 data (levied 2020) is in the window, 2027 data (levied 2028) is not', async () => {
    expect(await levyPolicy(LEVY, 2019)).toMatchObject({ exempt: true });
    expect(await levyPolicy(LEVY, 2026)).toMatchObject({ exempt: true });
    expect(await levyPolicy(LEVY, 2027)).toMatchObject({ exempt: false, reductionRate: 0 });
  });

  it('false: keyed on the data year, 2019 is out and 2027 in', async () => {
    const byDataYear = withSwitch(LEVY, 'reduction-window-by-levy-year', false);
    expect(await levyPolicy(byDataYear, 2019)).toMatchObject({ exempt: false, reductionRate: 0 });
    expect(await levyPolicy(byDataYear, 2027)).toMatchObject({ exempt: true });
  });

  it('a 2025 filing of 30 staff is exempt either way', async () => {
    for (const value of [true, false]) {
      const r = await judge(filingOf(30, []), decisionsOf(COUNTING, withSwitch(LEVY, 'reduction-window-by-levy-year', value)));
      expect(r.levyEstimate).toMatchObject({ exempt: true, payable: 0 });
    }
  });
});

describe('switch individual-business-levied: 个体工商户 and the levy', () => {
  const RULES = { counting: { key: 'c', id: 'c:1', version: 1 }, weight: { key: 'w', id: 'w:1', version: 1 }, levy: { key: 'l', id: 'l:1', version: 1 } };
  const shop = () => filingOf(31, [], { unitNature: 'individual_business' });

  it('shipped false: not a levy payer (72号 art. 2) — nothing payable, worded 不征收 rather than 暂免征收', async () => {
    const s = shop();
    const r = await judge(s, decisionsOf());
    expect(r.levyEstimate).toMatchObject({ exempt: true, payable: 0 });
    const shown = presentReview({ result: r, rules: RULES, reviewedAt: '2026-12-08T03:00:00.000Z' }, s.filing, false, 'zh');
    expect(shown.levyEstimate.exemptLabel).toBe('不征收');
    expect(shown.summary).toContain('个体工商户不缴纳残疾人就业保障金');
    expect(shown.summary).not.toContain('暂免');
  });

  it('an enterprise of 30 staff stays 暂免征收', async () => {
    const s = filingOf(30, []);
    const shown = presentReview({ result: await judge(s, decisionsOf()), rules: RULES, reviewedAt: '2026-12-08T03:00:00.000Z' }, s.filing, false, 'zh');
    expect(shown.levyEstimate.exemptLabel).toBe('暂免征收');
    expect(shown.summary).toContain('暂免缴纳');
  });

  it('true: estimated like any unit of 31 staff — 41 850', async () => {
    const r = await judge(shop(), decisionsOf(COUNTING, withSwitch(LEVY, 'individual-business-levied', true)));
    expect(r.levyEstimate).toMatchObject({ exempt: false, payable: 41_850 });
  });
});

describe('an agency whose only staff is a worker counted at the host', () => {
  it('has no staff left for the quota: nothing required, nothing owed, a ratio of 0 rather than a division by zero', async () => {
    const s = filingOf(1, [employee('1990-05-01', true)]);
    s.filing.employees[0] = { ...s.filing.employees[0]!, employmentType: 'dispatch', dispatchAgencyUscc: s.filing.employer.uscc, dispatchCountedHere: false };
    const r = await judge(s, decisionsOf());
    expect(r.employees[0]!.months.every((m) => m.reasons.includes('DISPATCH_COUNTED_ELSEWHERE'))).toBe(true);
    expect({ staff: r.quotaStaffCount, required: r.requiredCount, shortfall: r.shortfall, ratio: r.levyEstimate.actualRatio, payable: r.levyEstimate.payable })
      .toEqual({ staff: 0, required: 0, shortfall: 0, ratio: 0, payable: 0 });
  });
});
