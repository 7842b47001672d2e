// Chinese working days (docs/domain.md §2, §7): weekends and statutory holidays off, make-up days (调休) on, and
// deadlines "N working days after" an instant, in China time. Pure: the data comes from the `chinese-days`
// package plus the administrators' overrides, which the caller loads (calendar-store.ts).
import { createRequire } from 'node:module';
import { chinaDayNumber, daysInMonth, type IsoDate } from '../platform/china-date.ts';

export type { IsoDate } from '../platform/china-date.ts';
export type DayKind = 'holiday' | 'workday';

/** What administrators published: whole years they vouch for, and days that differ from the weekend rule. */
export interface CalendarOverrides {
  years: Set<number>;
  days: Map<IsoDate, DayKind>;
}

/** The package's data: the years it covers and its holidays and make-up working days. */
export interface PackageCalendar {
  firstYear: number;
  lastYear: number;
  days: Map<IsoDate, DayKind>;
}

/** Thrown when a computation needs a year whose holidays nobody has published: never guessed. */
export class CalendarYearUnknown extends Error {
  constructor(readonly year: number) {
    super(`${year} 年的节假日安排尚未发布，不能按工作日计算期限`);
    this.name = 'CalendarYearUnknown';
  }
}

export const MIN_WORKING_DAYS = 1;
export const MAX_WORKING_DAYS = 365;

const DAY_MS = 86_400_000;

/**
 * An ISO 8601 instant with an offset: RFC 3339, seconds optional, up to 9 fraction digits and an optional
 * `[Zone/Id]` suffix — what a Zeebe `=now()` variable looks like ("2026-02-10T08:00:00.123+08:00[Asia/Shanghai]").
 */
export const INSTANT_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})(?:\\[[A-Za-z0-9_/+-]{1,64}\\])?$';
const instantPattern = new RegExp(INSTANT_PATTERN);

/** The instant an ISO text names, or undefined when it is not one (wrong shape, 30 February, 25 o'clock). */
export function parseInstant(text: string): Date | undefined {
  const parts = instantPattern.test(text) ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text) : null;
  if (!parts) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts.slice(1).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.parse takes at most milliseconds and no zone id; the offset alone fixes the instant.
  const plain = text.replace(/\[.*\]$/, '').replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(plain);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Day number (days since 1970-01-01) of a real 'YYYY-MM-DD' date, or undefined. */
function dayNumberOf(date: IsoDate): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoDateOf(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}


interface PackageJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packageSnapshot: PackageCalendar | undefined;

/**
 * The package's holidays and make-up days, and the years it covers, found by looking at its data rather
 * than written here: a package upgrade that adds a year makes that year known with no code change.
 * We read the JSON the package publishes (README: "chinese-days.json") instead of calling isWorkday():
 * the package builds its tables with local-time dates, so in a server timezone west of UTC every day
 * shifts by one; the published JSON was generated once and holds the dates as announced.
 */
export function packageCalendar(): PackageCalendar {
  if (packageSnapshot) return packageSnapshot;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageJson;
  const days = new Map<IsoDate, DayKind>();
  for (const date of Object.keys(data.holidays)) days.set(date, 'holiday');
  for (const date of Object.keys(data.workdays)) days.set(date, 'workday');
  // Every covered year has statutory holidays (元旦 at least); a year with none is one the package does not know.
  const holidayYears = Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)));
  if (holidayYears.length === 0) throw new Error('chinese-days carries no holidays: cannot build the working-day calendar');
  packageSnapshot = { firstYear: Math.min(...holidayYears), lastYear: Math.max(...holidayYears), days };
  return packageSnapshot;
}

export const noOverrides = (): CalendarOverrides => ({ years: new Set(), days: new Map() });

/**
 * The statutory holidays fixed to a calendar date (元旦, 劳动节, 国庆节 under the 2024 national holiday rules): the
 * days off a year is sure to have before its arrangement is published. The lunar festivals and the make-up days are
 * not known until then.
 */
const STATUTORY_FIXED_HOLIDAYS = new Set(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']);

/** A deadline, and whether it rests on a year not yet published (then it is provisional and may move). */
export interface Deadline {
  dueAt: string;
  /** Only when a reminder was asked for. */
  remindAt?: string;
  /** The unpublished years the count passed through, counted provisionally; empty when the deadline is final. */
  provisionalYears: number[];
}

export class WorkingDayCalendar {
  constructor(
    private readonly overrides: CalendarOverrides = noOverrides(),
    private readonly pkg: PackageCalendar = packageCalendar(),
  ) {}

  /** Years the package covers (before the first it treats every year as Monday–Friday too). */
  packageYears(): { first: number; last: number } {
    return { first: this.pkg.firstYear, last: this.pkg.lastYear };
  }

  isPackageYear(year: number): boolean {
    return year >= this.pkg.firstYear && year <= this.pkg.lastYear;
  }

  publishedYears(): number[] {
    return [...this.overrides.years].sort((a, b) => a - b);
  }

  isKnownYear(year: number): boolean {
    return this.isPackageYear(year) || this.overrides.years.has(year);
  }

  /** The last year of the unbroken run of known years from the package's first: deadlines up to its end compute. */
  knownThrough(): number {
    let year = this.pkg.lastYear;
    while (this.overrides.years.has(year + 1)) year++;
    return year;
  }

  /**
   * Whether a China date is a working day; throws CalendarYearUnknown for a year nobody vouched for, unless
   * `provisional` is given: then such a year counts by its provisional pattern and is added to the set.
   */
  isWorkingDay(date: IsoDate, provisional?: Set<number>): boolean {
    const day = dayNumberOf(date);
    if (day === undefined) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
    return this.isWorkingDayNumber(day, provisional);
  }

  /**
   * The deadline of "N working days" from an instant: the start's China date does not count, the deadline
   * is the end of the N-th working day after it, as an ISO date-time in China time (…T23:59:59+08:00).
   */
  dueAt(start: Date, workingDays: number): string {
    const days = this.workingDaysAfter(start, workingDays);
    return `${isoDateOf(days[days.length - 1]!)}T23:59:59+08:00`;
  }

  /**
   * When to remind of that deadline: the start of the office day (09:00 China time) on the working day that leaves
   * `before` working days, the deadline's own day included (1 = the morning of the last day). Never before the
   * first working day after the start.
   */
  remindAt(start: Date, workingDays: number, before: number): string {
    if (!Number.isInteger(before) || before < MIN_WORKING_DAYS || before > MAX_WORKING_DAYS) {
      throw new RangeError(`before must be an integer from ${MIN_WORKING_DAYS} to ${MAX_WORKING_DAYS}, got ${before}`);
    }
    const days = this.workingDaysAfter(start, workingDays);
    return `${isoDateOf(days[Math.max(0, days.length - before)]!)}T09:00:00+08:00`;
  }

  /**
   * The deadline of N working days, and optionally its reminder, never held up by an unpublished year: such a year
   * counts provisionally (weekends and the statutory holidays fixed to a date off), and says so in
   * `provisionalYears`. The process must go on in December, when next year is not yet published; the deadline is
   * then shown as provisional (docs/working-days.md).
   */
  deadline(start: Date, workingDays: number, remindBefore?: number): Deadline {
    if (remindBefore !== undefined && (!Number.isInteger(remindBefore) || remindBefore < MIN_WORKING_DAYS || remindBefore > MAX_WORKING_DAYS)) {
      throw new RangeError(`before must be an integer from ${MIN_WORKING_DAYS} to ${MAX_WORKING_DAYS}, got ${remindBefore}`);
    }
    const provisional = new Set<number>();
    const days = this.workingDaysAfter(start, workingDays, provisional);
    return {
      dueAt: `${isoDateOf(days[days.length - 1]!)}T23:59:59+08:00`,
      ...(remindBefore === undefined ? {} : { remindAt: `${isoDateOf(days[Math.max(0, days.length - remindBefore)]!)}T09:00:00+08:00` }),
      provisionalYears: [...provisional].sort((a, b) => a - b),
    };
  }

  /**
   * The day numbers of the first N working days after the start's China date. With `provisional`, an unknown year
   * counts by its provisional pattern and is added to the set; without, it throws CalendarYearUnknown.
   */
  private workingDaysAfter(start: Date, workingDays: number, provisional?: Set<number>): number[] {
    if (Number.isNaN(start.getTime())) throw new RangeError('start is not a valid instant');
    if (!Number.isInteger(workingDays) || workingDays < MIN_WORKING_DAYS || workingDays > MAX_WORKING_DAYS) {
      throw new RangeError(`workingDays must be an integer from ${MIN_WORKING_DAYS} to ${MAX_WORKING_DAYS}, got ${workingDays}`);
    }
    const days: number[] = [];
    let day = chinaDayNumber(start);
    while (days.length < workingDays) {
      day++;
      if (this.isWorkingDayNumber(day, provisional)) days.push(day);
    }
    return days;
  }

  private isWorkingDayNumber(day: number, provisional?: Set<number>): boolean {
    const year = yearOf(day);
    const date = isoDateOf(day);
    if (!this.isKnownYear(year)) {
      if (!provisional) throw new CalendarYearUnknown(year);
      provisional.add(year);
      const weekday = new Date(day * DAY_MS).getUTCDay();
      return weekday !== 0 && weekday !== 6 && !STATUTORY_FIXED_HOLIDAYS.has(date.slice(5));
    }
    // An administrator's entry beats the package, so a correction to a package year is possible.
    const kind = this.overrides.days.get(date) ?? this.pkg.days.get(date);
    if (kind !== undefined) return kind === 'workday';
    const weekday = new Date(day * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }
}
