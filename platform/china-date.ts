// Dates as they are in China: the notice's periods and deadlines are Chinese calendar dates, whatever the
// server's time zone.

/** A calendar date in China, 'YYYY-MM-DD'. */
export type IsoDate = string;

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
