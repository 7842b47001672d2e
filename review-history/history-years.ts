// Which years the history holds: those before the system's first season (通知 §六 asks for 2020 and 2021; the
// system reviews 2022's employment on), and never a year a filing may still name here.
import { chinaYearOf } from '../platform/china-date.ts';

/** The first data year the system reviews itself: its years come from filings, never from the history. */
export const FIRST_SYSTEM_YEAR = 2022;

/** The last year an import may hold on `today` (China time): before the first season, and before last year. */
export function lastHistoryYear(today: Date): number {
  return Math.min(FIRST_SYSTEM_YEAR - 1, chinaYearOf(today) - 2);
}
