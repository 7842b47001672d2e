// The review as GET /api/filings/{id} shows it (docs/contracts.md §1): the stored result, each employee with the
// declared name and masked ID number, and every reason also in a plain sentence with the months it applies to.
import type { Filing } from '../filings/declaration/filing.ts';
import type { Locale } from '../platform/field-messages.ts';
import { maskIdNumber } from '../platform/masking.ts';
import { EMPLOYER_FINDING_TEXT, MANUAL_DECISION_TEXT, MONTH_REASON_TEXT, levyCaveat, monthList } from './reason-messages.ts';
import type { EmployeeResult, ManualReviewApplied, MonthResult } from './review-result.ts';
import type { StoredReview } from './review-store.ts';

const fixed2 = (n: number) => n.toFixed(2);
/** Money as the pages write it beside this sentence: 20,000.00. */
const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Each reason in a plain sentence with the months it applies to. */
function explain(reasons: EmployeeResult['reasons'], months: readonly MonthResult[], locale: Locale) {
  return reasons.map((code) => {
    const when = months.filter((m) => m.reasons.includes(code)).map((m) => m.month);
    const words = when.length === 12 ? (locale === 'zh' ? '全年' : 'all year') : monthList(when, locale);
    return { code, months: when, message: `${words}：${MONTH_REASON_TEXT[code][locale]}` };
  });
}

/** The reviewer's decision, with a sentence saying what it counts. */
function presentManualReview(manual: ManualReviewApplied, locale: Locale) {
  const zh = locale === 'zh';
  const what = MANUAL_DECISION_TEXT[manual.decision][locale];
  const months = manual.months.length === 12 ? (zh ? '全年' : 'all year') : monthList(manual.months, locale);
  const counted = months === '' ? '' : zh ? `（${months}）` : ` (${months})`;
  const message = zh ? `经人工审核${what}${counted}。理由：${manual.reason}` : `Manual review: ${what}${counted}. Reason: ${manual.reason}`;
  return { ...manual, message };
}

export function presentReview(review: StoredReview, declaration: Filing, reveal: boolean, locale: Locale) {
  const { result } = review;
  const employees = result.employees.map((employee) => {
    const declared = declaration.employees[employee.index];
    const explanation = explain(employee.reasons, employee.months, locale);
    // A reviewer's decision replaced the automatic result: both are shown, the automatic reasons in full.
    const manual = employee.manualReview && employee.automatic
      ? {
          manualReview: presentManualReview(employee.manualReview, locale),
          automaticReasons: employee.automatic.reasons,
          automaticExplanation: explain(employee.automatic.reasons, employee.automatic.months, locale),
          automatic: {
            counted: employee.automatic.counted,
            weight: employee.automatic.weight,
            countedMonths: employee.automatic.countedMonths,
            contribution: employee.automatic.contribution,
            months: employee.automatic.months,
          },
        }
      : {};
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
      ...manual,
    };
  });
  // Reviews stored before the provisional marking existed lack it.
  // An individual business (个体工商户) is outside the levy by the shipped `individual-business-levied` switch, which
  // answers `exempt`; the ≤ 30-staff exemption is for enterprises only, so an exempt individual business is that row.
  const notLevied = result.levyEstimate.exempt && declaration.employer.unitNature === 'individual_business';
  const levy = {
    ...result.levyEstimate,
    provisional: result.levyEstimate.provisional ?? false,
    ...(result.levyEstimate.exempt ? { exemptLabel: notLevied ? '不征收' : '暂免征收' } : {}),
  };
  // After a reviewer's decision the figures are no longer the data comparison's alone.
  const how = result.employees.some((e) => e.manualReview) ? '经与各部门数据比对和残联人工审核' : '经与各部门数据比对';
  const summary =
    locale === 'zh'
      ? `${how}，${result.year} 年度认定安排残疾人就业 ${fixed2(result.certifiedCount)} 人，` +
        `按 ${(levy.quotaRatio * 100).toFixed(1)}% 比例应安排 ${fixed2(result.requiredCount)} 人，` +
        (result.shortfall > 0
          ? `尚差 ${fixed2(result.shortfall)} 人；` + (notLevied ? '按现行政策，个体工商户不缴纳残疾人就业保障金。' : levy.exempt ? '本单位符合暂免征收条件，暂免缴纳残疾人就业保障金。' : `预计应缴残疾人就业保障金 ${money(levy.payable)} 元（${levyCaveat(levy.provisional)}）。`)
          : '已达到规定比例，无需缴纳残疾人就业保障金。')
      : `Certified ${fixed2(result.certifiedCount)} of ${fixed2(result.requiredCount)} required; estimated levy ${fixed2(levy.payable)} yuan.`;
  return {
    certifiedCount: result.certifiedCount,
    requiredCount: result.requiredCount,
    ...(result.quotaStaffCount === undefined ? {} : { quotaStaffCount: result.quotaStaffCount }),
    shortfall: result.shortfall,
    levyEstimate: levy,
    employerFindings: result.employerFindings.map((f) => ({ ...f, message: EMPLOYER_FINDING_TEXT[f.code][locale] })),
    employees,
    summary,
    rules: review.rules,
    reviewedAt: review.reviewedAt,
  };
}
