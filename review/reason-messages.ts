// The review's reasons in the employer's words: one plain Chinese sentence per code (English on request).
import type { Locale } from '../platform/field-messages.ts';
import type { EmployerFindingCode, ManualDecisionKind, MonthReasonCode } from './review-result.ts';

type Texts = Record<Locale, string>;

export const MONTH_REASON_TEXT: Record<MonthReasonCode, Texts> = {
  DUPLICATE_EMPLOYEE: { zh: '同一人在本次申报中重复填报，只按第一次填报认定', en: 'declared twice in this filing; only the first entry counts' },
  NOT_EMPLOYED: { zh: '不在申报的就业期间内', en: 'not employed here in that month' },
  CERT_NOT_FOUND: { zh: '残疾人证（或残疾军人证、伤残人民警察证）在登记库中查不到', en: 'the certificate is not in the register' },
  CERT_MISMATCH: { zh: '证件登记的姓名、身份证号或证件种类与申报不一致', en: 'name, ID number or certificate kind differs from the register' },
  CERT_EXPIRED: { zh: '证件不在有效期内或已注销', en: 'the certificate was not valid that month' },
  CERT_NOT_COUNTED: { zh: '该证件种类或等级按现行政策不计入安排人数', en: 'policy does not count this certificate kind or grade' },
  AGE_OUT_OF_RANGE: { zh: '未满 16 周岁或已达到法定退休年龄', en: 'under 16 or at statutory retirement age that month' },
  NO_CONTRACT: { zh: '没有在期的劳动合同或服务协议（在编人员除外）', en: 'no labour contract or service agreement that month' },
  CONTRACT_TOO_SHORT: { zh: '劳动合同或服务协议期限不满一年', en: 'the contract runs less than one year' },
  WAGE_NOT_FOUND: { zh: '没有查到本单位发放工资的记录', en: 'no wage paid by this employer that month' },
  WAGE_BELOW_MINIMUM: { zh: '实发工资低于单位所在地月最低工资标准', en: 'the wage that month was below the local minimum wage' },
  PENSION_NOT_PAID: { zh: '本单位未足额缴纳养老保险', en: 'pension insurance not paid by this employer that month' },
  MEDICAL_NOT_PAID: { zh: '本单位未足额缴纳医疗保险', en: 'medical insurance not paid by this employer that month' },
  DISPATCH_COUNTED_ELSEWHERE: { zh: '劳务派遣人员计入派遣单位；如双方约定在本单位计算，请在申报中注明并上传协议', en: 'a dispatched worker counts at the dispatch agency unless both agreed otherwise' },
};

export const EMPLOYER_FINDING_TEXT: Record<EmployerFindingCode, Texts> = {
  EMPLOYER_NOT_FOUND: { zh: '登记管理部门未查到本单位的登记信息', en: 'the registering department has no record of the unit' },
  EMPLOYER_DEREGISTERED: { zh: '本单位在登记管理部门的状态为已注销', en: 'the unit is deregistered' },
  EMPLOYER_ABNORMAL: { zh: '本单位被登记管理部门列入经营异常', en: 'the unit is listed as operating abnormally' },
  EMPLOYER_NATURE_MISMATCH: { zh: '申报的单位性质与统一社会信用代码的登记管理部门不符', en: 'the declared unit nature does not match the USCC registrar' },
};

/** A reviewer's decision about a disputed employee, as the manual-review form names it. */
export const MANUAL_DECISION_TEXT: Record<ManualDecisionKind, Texts> = {
  count: { zh: '认定计入', en: 'counted' },
  months: { zh: '部分月份认定计入', en: 'counted for some months' },
  not_count: { zh: '不予认定', en: 'not counted' },
};

/** "2025年3月、4月" — the months of one year, for a sentence. */
export function monthList(months: readonly string[], locale: Locale): string {
  if (months.length === 0) return '';
  const year = months[0]!.slice(0, 4);
  const numbers = months.map((m) => String(Number(m.slice(5, 7))));
  if (locale === 'en') return `${year}-${numbers.join(', ')}`;
  return `${year}年${numbers.join('月、')}月`;
}

/**
 * What a levy estimate says of itself wherever it is shown: the tax bureau decides the levy; and, when the average
 * social wage behind the cap is provisional (no published figure found), that the figure is provisional.
 */
export const levyCaveat = (provisional: boolean): string => (provisional ? '以税务部门核定为准；社会平均工资为暂定值' : '以税务部门核定为准');
