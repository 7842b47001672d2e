// What the employer should do next with a filing, from its status and the employer's open tasks (GET /api/tasks):
// a person's step when one waits for the unit, otherwise what the unit is waiting for.
import type { Deadlines } from '../../lib/deadlines.ts';
import type { FilingStatus } from '../../lib/filing-types.ts';

export const CONFIRM_RESULT_TASK = 'confirm-result';
export const MODIFY_DECLARATION_TASK = 'modify-declaration';

export interface NextStep {
  text: string;
  /** The unit has something to do. */
  actionable: boolean;
}

const WAITING: Record<FilingStatus, NextStep> = {
  submitted: { text: '等待受理', actionable: false },
  accepted: { text: '已受理，等待系统审核', actionable: false },
  reviewing: { text: '系统审核中', actionable: false },
  awaiting_confirmation: { text: '审核结果处理中', actionable: false },
  disputed: { text: '已提出异议，等待残联人工审核', actionable: false },
  manual_review: { text: '残联人工审核中', actionable: false },
  certified: { text: '可下载确认书；有异议可在反馈期内提交反馈', actionable: true },
  feedback: { text: '反馈审核中', actionable: false },
  sent_to_tax: { text: '已报送税务部门；可评价服务', actionable: false },
  closed: { text: '已办结；可评价服务', actionable: false },
  returned: { text: '未予受理（原因见办理记录），可重新申报', actionable: true },
  transferred: { text: '已转单位所在地办理', actionable: false },
  withdrawn: { text: '已撤回', actionable: false },
};

/** `deadlines`: the filing's diagram's, where known, to say how long the manual review takes. */
export function nextStep(status: FilingStatus, taskKeys: ReadonlySet<string>, deadlines?: Deadlines): NextStep {
  if (taskKeys.has(CONFIRM_RESULT_TASK)) return { text: '待确认审核结果', actionable: true };
  if (taskKeys.has(MODIFY_DECLARATION_TASK)) return { text: '反馈已获同意，待修改申报信息', actionable: true };
  const reviewDays = deadlines?.review?.workingDays;
  if (status === 'manual_review' && typeof reviewDays === 'number') return { text: `残联人工审核中（${reviewDays} 个工作日内办结）`, actionable: false };
  return WAITING[status] ?? { text: '—', actionable: false };
}
