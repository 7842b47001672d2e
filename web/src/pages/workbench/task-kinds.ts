// The user tasks of processes/annual-review.bpmn (and annual-report.bpmn) by their taskDefinitionKey, in the words caseworkers use.
export const TASK_KIND_NAMES: Record<string, string> = {
  acceptance: '受理',
  'review-employee': '人工审核职工',
  'review-feedback': '审核反馈',
  'reconcile-with-tax': '与税务部门对账',
  'chase-tax-answer': '催问税务核对结果',
  'check-department-data': '人工核对部门数据',
  'resolve-error': '处理流程异常',
  'confirm-result': '确认审核结果',
  'modify-declaration': '修改申报信息',
  // processes/annual-report.bpmn
  'draft-annual-report': '编写年度总结报告',
  'review-annual-report': '审阅年度总结报告',
  // processes/over-quota-reward.bpmn
  'confirm-reward-candidates': '确认超比例奖励候选单位',
  'approve-over-quota-rewards': '审批超比例奖励',
};

/** A task's kind in Chinese: the known name, else the engine's name, else the key itself. */
export function taskKindName(key: string, engineName?: string | null): string {
  return TASK_KIND_NAMES[key] ?? engineName ?? key;
}
