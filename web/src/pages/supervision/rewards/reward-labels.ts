// What a person reads about an over-quota reward: a round's state, the county's confirmation and the city's approval
// in Chinese with a colour, and the years offered (the one certified last and those before it).
import type { RewardListItem, RewardRoundItem } from '../../../../../api/rewards.ts';

export const ROUND_STATE_LABELS: Record<RewardRoundItem['state'], { text: string; color: string }> = {
  'not-started': { text: '未发起', color: 'default' },
  starting: { text: '发起中', color: 'processing' },
  confirming: { text: '县级确认中', color: 'processing' },
  approving: { text: '市级审批中', color: 'blue' },
  approved: { text: '已批准', color: 'success' },
  rejected: { text: '未批准', color: 'error' },
  none: { text: '无候选单位', color: 'default' },
};

export function countyDecisionText(item: Pick<RewardListItem, 'eligible' | 'countyDecision' | 'exclusionReason'>): string {
  if (!item.eligible) return '—';
  if (item.countyDecision === 'confirmed') return '已确认';
  if (item.countyDecision === 'excluded') return `已排除：${item.exclusionReason ?? ''}`;
  return '待确认';
}

export const APPROVAL_LABELS: Record<RewardListItem['approval'], { text: string; color: string }> = {
  pending: { text: '待审批', color: 'default' },
  approved: { text: '已批准', color: 'success' },
  rejected: { text: '未批准', color: 'error' },
};

const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const yuan = (n: number) => `${money.format(n)} 元`;
export const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

/** The reward years offered: the one certified last (the season of last year ended on 31 December) and those before, down to 2020. */
export function rewardYears(now: Date): number[] {
  const latest = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now)) - 2;
  const years: number[] = [];
  for (let y = latest; y >= 2020; y--) years.push(y);
  return years;
}
