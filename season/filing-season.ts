// The filing season (docs/domain.md §2): the certification period and the concentrated filing period inside it, as
// month-days that repeat every year, and where a given China date stands. Pure: the setting in force comes from
// season-store.ts, the date from chinaDateOf().
import { daysInMonth, type IsoDate } from '../platform/china-date.ts';
import type { FieldIssue } from '../platform/schema.ts';

/** A day of the year, 'MM-DD'. 02-29 is allowed and means the last day of February in a common year. */
export type MonthDay = string;

/** From `start` to `end`, both inclusive, within one calendar year. */
export interface SeasonPeriod {
  start: MonthDay;
  end: MonthDay;
}

export interface FilingSeason {
  /** When filings are accepted; the certification year reviews the previous calendar year. */
  certification: SeasonPeriod;
  /** When employers are expected to file; lies inside the certification period. */
  concentrated: SeasonPeriod;
}

export interface SeasonStatus {
  inCertificationPeriod: boolean;
  inConcentratedPeriod: boolean;
  /** The calendar year of the date: each year has exactly one certification period. */
  certificationYear: number;
  /** The year whose employment this certification year reviews. */
  reviewYear: number;
  /** This certification year's period, as dates. */
  opensOn: IsoDate;
  closesOn: IsoDate;
  concentratedOpensOn: IsoDate;
  concentratedClosesOn: IsoDate;
  /** When filings are next accepted: null while the period is open. */
  nextOpensOn: IsoDate | null;
}

const monthDayPattern = /^(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A real day of some year: 02-29 yes (leap years have it), 02-30 and 04-31 no. */
export function isMonthDay(value: unknown): value is MonthDay {
  const match = typeof value === 'string' ? monthDayPattern.exec(value) : null;
  if (!match) return false;
  const [month, day] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || day < 1) return false;
  // 2000 is a leap year, so February allows 29.
  return day <= daysInMonth(2000, month);
}

/** The date a month-day falls on in a year; 02-29 becomes 02-28 in a common year, so no period ever vanishes. */
export function dateIn(year: number, monthDay: MonthDay): IsoDate {
  const day = monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay;
  return `${String(year).padStart(4, '0')}-${day}`;
}

/**
 * What is wrong with a proposed season, field by field: FORMAT (not a real MM-DD), DATE_ORDER (end before start:
 * a period cannot run over New Year, since each calendar year has one), OUTSIDE_CERTIFICATION (the concentrated
 * period reaches outside the certification period).
 */
export function seasonIssues(season: FilingSeason): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ordered = (name: keyof FilingSeason): boolean => {
    const { start, end } = season[name];
    const startOk = isMonthDay(start);
    const endOk = isMonthDay(end);
    if (!startOk) issues.push({ path: `/${name}/start`, code: 'FORMAT' });
    if (!endOk) issues.push({ path: `/${name}/end`, code: 'FORMAT' });
    if (!startOk || !endOk) return false;
    // 'MM-DD' texts sort as the dates do.
    if (end < start) {
      issues.push({ path: `/${name}/end`, code: 'DATE_ORDER', params: { start } });
      return false;
    }
    return true;
  };
  const certificationOk = ordered('certification');
  ordered('concentrated');
  // Judged only against a sound certification period: a message naming a broken one would mislead.
  if (certificationOk) {
    const { start, end } = season.certification;
    for (const edge of ['start', 'end'] as const) {
      const value = season.concentrated[edge];
      if (isMonthDay(value) && (value < start || value > end)) {
        issues.push({ path: `/concentrated/${edge}`, code: 'OUTSIDE_CERTIFICATION', params: { start, end } });
      }
    }
  }
  return issues;
}

/** Where a China date stands in the season: inside which periods, which year it certifies, when filing next opens. */
export function seasonStatus(season: FilingSeason, chinaDate: IsoDate): SeasonStatus {
  const year = Number(chinaDate.slice(0, 4));
  const opensOn = dateIn(year, season.certification.start);
  const closesOn = dateIn(year, season.certification.end);
  const concentratedOpensOn = dateIn(year, season.concentrated.start);
  const concentratedClosesOn = dateIn(year, season.concentrated.end);
  // ISO dates sort as text.
  const inCertificationPeriod = opensOn <= chinaDate && chinaDate <= closesOn;
  const nextOpensOn = inCertificationPeriod ? null : chinaDate < opensOn ? opensOn : dateIn(year + 1, season.certification.start);
  return {
    inCertificationPeriod,
    inConcentratedPeriod: concentratedOpensOn <= chinaDate && chinaDate <= concentratedClosesOn,
    certificationYear: year,
    reviewYear: year - 1,
    opensOn,
    closesOn,
    concentratedOpensOn,
    concentratedClosesOn,
    nextOpensOn,
  };
}
