// The review as GET /api/filings/{id} shows it (CONTRACTS.md §1): the stored result, each employee with the
// declared name and masked ID number, and every reason also in a plain sentence with the months it applies to.
import type { Filing } from '../domain/filing/filing.ts';
import type { Locale } from '../platform/field-messages.ts';
import { maskIdNumber } from '../platform/masking.ts';
import { EMPLOYER_FINDING_TEXT, MONTH_REASON_TEXT, monthList } from './reason-messages.ts';
import type { StoredReview } from './review-store.ts';

const fixed2 = (n: number) => n.toFixed(2);

export function presentReview(review: StoredReview, declaration: Filing, reveal: boolean, locale: Locale) {
  const { result } = review;
  const employees = result.employees.map((employee) => {
    const declared = declaration.employees[employee.index];
    const explanation = employee.reasons.map((code) => {
      const months = employee.months.filter((m) => m.reasons.includes(code)).map((m) => m.month);
      const when = months.length === 12 ? (locale === 'zh' ? '全年' : 'all year') : monthList(months, locale);
      return { code, months, message: `${when}：${MONTH_REASON_TEXT[code][locale]}` };
    });
    return {
      index: employee.index,
      name: declared?.name ?? null,
      idNumber: declared ? (reveal ? declared.idNumber : maskIdNumber(declared.idNumber)) : null,
      counted: employee.counted,
      weight: employee.weight,
      countedMonths: employee.countedMonths,
      contribution: employee.contribution,
      months: employee.months,
      reasons: employee.reasons,
      explanation,
    };
  });
  const levy = result.levyEstimate;
  const summary =
    locale === 'zh'
      ? `经与各部门数据比对，${result.year} 年度认定安排残疾人就业 ${fixed2(result.certifiedCount)} 人，` +
        `按 ${(levy.quotaRatio * 100).toFixed(1)}% 比例应安排 ${fixed2(result.requiredCount)} 人，` +
        (result.shortfall > 0
          ? `尚差 ${fixed2(result.shortfall)} 人；` + (levy.exempt ? '本单位符合暂免征收条件，暂免缴纳残疾人就业保障金。' : `预计应缴残疾人就业保障金 ${fixed2(levy.payable)} 元（以税务部门核定为准）。`)
          : '已达到规定比例，无需缴纳残疾人就业保障金。')
      : `Certified ${fixed2(result.certifiedCount)} of ${fixed2(result.requiredCount)} required; estimated levy ${fixed2(levy.payable)} yuan.`;
  return {
    certifiedCount: result.certifiedCount,
    requiredCount: result.requiredCount,
    shortfall: result.shortfall,
    levyEstimate: levy,
    employerFindings: result.employerFindings.map((f) => ({ ...f, message: EMPLOYER_FINDING_TEXT[f.code][locale] })),
    employees,
    summary,
    rules: review.rules,
    reviewedAt: review.reviewedAt,
  };
}
