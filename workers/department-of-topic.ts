// The department each department-facing topic asks, named as employers and operators know it: one list for the
// employer's "waiting for a department" line and the operators' incident list.
import type { WorkerTopic } from './topics.ts';

// The checks of the automatic review, whose wait the employer is told about.
const REVIEW_CHECKS: Partial<Record<WorkerTopic, string>> = {
  'check-registration': '市场监管（单位登记）',
  'verify-disability-certificates': '残联（残疾人证）',
  'verify-veteran-certificates': '退役军人事务（残疾军人证）',
  'verify-pension': '人力社保（养老保险）',
  'verify-medical': '医疗保障（医疗保险）',
  'verify-wages': '税务（工资发放）',
};

const DEPARTMENT_OF_TOPIC: Partial<Record<WorkerTopic, string>> = {
  ...REVIEW_CHECKS,
  'push-to-tax': '税务（认证结果报送）',
  'transfer-to-national-platform': '全国残疾人按比例就业联网认证平台',
  'report-to-national-platform': '全国残疾人按比例就业联网认证平台',
};

/** The department a topic's worker asks, or undefined for the system's own steps. */
export function departmentOfTopic(topic: string): string | undefined {
  return DEPARTMENT_OF_TOPIC[topic as WorkerTopic];
}

/** The department an automatic-review check asks, or undefined for any other step. */
export function departmentOfReviewCheck(topic: string): string | undefined {
  return REVIEW_CHECKS[topic as WorkerTopic];
}
