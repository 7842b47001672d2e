// Chinese conventions for what the pages show: dates (2026年4月1日), money (¥12,000.00 元), counts to two decimals.
import dayjs from 'dayjs';

export function chineseDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY年M月D日') : '—';
}

export function chineseDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY年M月D日 HH:mm') : '—';
}

/** Said after a deadline counted across a year whose holidays are not yet published. */
export function provisionalNote(provisional: boolean): string {
  return provisional ? '（暂定：下一年度节假日安排公布后可能顺延）' : '';
}

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function yuan(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : `${yuanFormat.format(amount)} 元`;
}

/** Certified and required counts: always two decimals (docs/domain.md §7). */
export function persons(count: number | null | undefined): string {
  return count === null || count === undefined ? '—' : `${count.toFixed(2)} 人`;
}

/** "2025-03" → "3月" */
export function monthName(month: string): string {
  return `${Number(month.slice(5, 7))}月`;
}
