// Dates as they are in China: the notice's periods and deadlines are Chinese calendar dates, whatever the
// server's time zone.

/** A calendar date in China, 'YYYY-MM-DD'. */
export type IsoDate = string;

/**
 * An ISO 8601 instant with an offset: RFC 3339, seconds optional, up to 9 fraction digits and an optional
 * `[Zone/Id]` suffix — what a Zeebe `=now()` variable looks like ("2026-02-10T08:00:00.123+08:00[Asia/Shanghai]").
 */
export const INSTANT_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})(?:\\[[A-Za-z0-9_/+-]{1,64}\\])?$';

const DAY_MS = 86_400_000;
// China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for every year we handle.
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of the date in China at an instant. */
export function chinaDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** The date in China at an instant: 2026-04-30T20:00:00Z is already 1 May there. */
export function chinaDateOf(instant: Date): IsoDate {
  return new Date(chinaDayNumber(instant) * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar year in China at an instant. */
export function chinaYearOf(instant: Date): number {
  return Number(chinaDateOf(instant).slice(0, 4));
}

/** Days in a month (1–12) of a year: 29 for February of a leap year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar day after a 'YYYY-MM-DD' date. */
export function nextDay(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
