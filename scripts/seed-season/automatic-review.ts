// The automatic review's result for a synthetic declaration, in the shape the review worker stores
// (review/review-result.ts): most months count; some miss a contribution or a wage, a few people are not found in the
// certificate register. Weights and quota follow the policy the diagrams' decisions apply (severe grades count double,
// 1.5 % quota); the levy estimate uses the tiered reduction Zhejiang applies.
import type { Random } from '../../domain/synthetic.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import type { EmployeeResult, MonthReasonCode, MonthResult, ReviewResult, RuleVersions } from '../../review/review-result.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;
const pad2 = (n: number) => String(n).padStart(2, '0');
// Like every average social wage shipped in processes/levy-estimate.dmn, this cap rests on no published figure:
// the seeded estimates say so (`provisional`).
const WAGE_BASE_CAP = 330_000;

export const SEEDED_RULES: RuleVersions = {
  counting: { key: 'employee-month', id: 'employee-month:1:seed-season', version: 1 },
  weight: { key: 'certificate-weight', id: 'certificate-weight:1:seed-season', version: 1 },
  levy: { key: 'levy-policy', id: 'levy-policy:1:seed-season', version: 1 },
};

/** `countingEnd`: for a declared person whose counting stops in the year (retired, certificate ended), from when. */
export function automaticReview(
  rand: Random,
  filing: Filing,
  countingEnd: (idNumber: string) => { after: number; reason: 'AGE_OUT_OF_RANGE' | 'CERT_EXPIRED' } | undefined,
): ReviewResult {
  const { year } = filing;
  const employees: EmployeeResult[] = filing.employees.map((e, index) => {
    const from = Number(e.employedFrom.slice(5, 7));
    const to = Number(e.employedTo.slice(5, 7));
    const notFound = rand() < 0.02;
    const end = countingEnd(e.idNumber);
    const gap = !notFound && rand() < 0.08 ? new Set([from + Math.floor(rand() * (to - from + 1))]) : new Set<number>();
    const months: MonthResult[] = [];
    for (let m = 1; m <= 12; m++) {
      const reasons: MonthReasonCode[] =
        m < from || m > to ? ['NOT_EMPLOYED']
        : notFound ? ['CERT_NOT_FOUND']
        : end && m > end.after ? [end.reason]
        : gap.has(m) ? ['PENSION_NOT_PAID'] : [];
      months.push({ month: `${year}-${pad2(m)}`, counted: reasons.length === 0, reasons });
    }
    const countedMonths = months.filter((m) => m.counted).length;
    const weight = notFound ? 0 : e.disabilityGrade <= (e.certType === 'disability' ? 2 : 4) ? 2 : 1;
    const reasons = [...new Set(months.flatMap((m) => m.reasons))];
    return { index, counted: countedMonths > 0 && weight > 0, weight, countedMonths, contribution: round2((weight * countedMonths) / 12), months, reasons };
  });
  const staff = filing.employer.averageStaffCount;
  const certifiedCount = round2(employees.reduce((s, e) => s + e.contribution, 0));
  const requiredCount = round2(staff * 0.015);
  const shortfall = Math.max(0, round2(requiredCount - certifiedCount));
  const actualRatio = staff > 0 ? certifiedCount / staff : 0;
  const exempt = staff <= 30;
  const reductionRate = actualRatio >= 0.01 ? 0.5 : 0.1;
  const wageBase = Math.min(filing.employer.averageAnnualWage, WAGE_BASE_CAP);
  const base = round2(shortfall * wageBase);
  return {
    year,
    certifiedCount,
    requiredCount,
    shortfall,
    levyEstimate: { base, reductionRate, payable: exempt ? 0 : round2(base * (1 - reductionRate)), exempt, wageBase, wageBaseCap: WAGE_BASE_CAP, quotaRatio: 0.015, actualRatio: round2(actualRatio * 10000) / 10000, provisional: true },
    employerFindings: [],
    employees,
  };
}
