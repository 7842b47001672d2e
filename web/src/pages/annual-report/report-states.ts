// What a person reads about a city's annual report: its state in Chinese with a colour, and the deadline as the date
// in China (the last day to submit).
import type { AnnualReportItem, AnnualReportState } from '../../../../api/annual-report.ts';

export const STATE_LABELS: Record<AnnualReportState, { text: string; color: string }> = {
  'not-started': { text: '未发起', color: 'default' },
  drafting: { text: '编写中', color: 'processing' },
  submitted: { text: '已报送，待审阅', color: 'blue' },
  returned: { text: '已退回修改', color: 'orange' },
  accepted: { text: '已接收', color: 'success' },
};

const chinaDay = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });

/** "2026年11月30日": the last China day of the deadline (it ends at that day's end). */
export function deadlineText(item: Pick<AnnualReportItem, 'dueAt'>): string {
  return item.dueAt ? chinaDay.format(new Date(item.dueAt)) : '—';
}

export function submittedText(item: Pick<AnnualReportItem, 'version' | 'submittedAt'>): string {
  if (!item.version || !item.submittedAt) return '尚未报送';
  return `第 ${item.version} 稿，${chinaDay.format(new Date(item.submittedAt))}`;
}

/** The review years offered: the one reviewed this year (last year) and the four before it. */
export function reviewYears(now: Date): number[] {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now)) - 1;
  return [0, 1, 2, 3, 4].map((back) => year - back);
}
