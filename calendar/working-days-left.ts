// How many Chinese working days are left before a deadline, for the task inbox (剩余工作日): counted on the
// working-day calendar (weekends, statutory holidays, make-up days), never Monday–Friday. Pure: the caller loads
// the calendar (calendar-store.ts).
import { chinaDayNumber } from '../platform/china-date.ts';
import { CalendarYearUnknown, type WorkingDayCalendar } from './working-day-calendar.ts';

const DAY_MS = 86_400_000;

function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Working days among the China dates after `fromDay` up to and including `toDay` (unknown years counted into `provisional` if given). */
function workingDaysBetween(calendar: WorkingDayCalendar, fromDay: number, toDay: number, provisional?: Set<number>): number {
  let count = 0;
  for (let day = fromDay + 1; day <= toDay; day++) if (calendar.isWorkingDay(isoDateOf(day), provisional)) count++;
  return count;
}

/**
 * Working days left until `due`, in China dates:
 * - not yet due: the working days after today up to and including the due date (0 = due today);
 * - overdue (now is past `due`): minus the working days after the due date up to and including today, and at least
 *   −1, so an overdue task never reads as "0 left" (e.g. due Friday, looked at on Saturday: −1).
 * Null when a year between the two dates is one the calendar does not know: never guessed — unless the due date
 * was itself counted provisionally across that year, then the days left are counted the same provisional way.
 */
export function workingDaysLeft(calendar: WorkingDayCalendar, now: Date, due: Date, provisional = false): number | null {
  const today = chinaDayNumber(now);
  const dueDay = chinaDayNumber(due);
  const unknownYears = provisional ? new Set<number>() : undefined;
  try {
    if (now.getTime() <= due.getTime()) return workingDaysBetween(calendar, today, dueDay, unknownYears);
    return -Math.max(1, workingDaysBetween(calendar, dueDay, today, unknownYears));
  } catch (error) {
    if (error instanceof CalendarYearUnknown) return null;
    throw error;
  }
}

export interface TaskDeadline {
  /** Working days left (negative when overdue); null without a due date or in a year the calendar does not know. */
  workingDaysLeft: number | null;
  overdue: boolean;
  /** The due date was counted across a year not yet published (暂定): it, and the days left, may still move. */
  dueProvisional: boolean;
}

/**
 * A task's deadline from the engine's due date text ("2026-04-07T23:59:59.000+0800") or null; `provisionalDue`
 * holds the instants (ms) of the provisional deadlines of the task's process (provisional-deadlines.ts).
 */
export function taskDeadline(calendar: WorkingDayCalendar, now: Date, due: string | null, provisionalDue: ReadonlySet<number> = new Set()): TaskDeadline {
  const at = due ? new Date(due) : undefined;
  if (!at || Number.isNaN(at.getTime())) return { workingDaysLeft: null, overdue: false, dueProvisional: false };
  const provisional = provisionalDue.has(at.getTime());
  return { workingDaysLeft: workingDaysLeft(calendar, now, at, provisional), overdue: now.getTime() > at.getTime(), dueProvisional: provisional };
}
