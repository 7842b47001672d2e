// The working-day calendar against the 2026 arrangement as carried by chinese-days, and synthetic overrides.
// Every expected deadline below is counted by hand in the comment above it.
import { chinaDateOf } from '../../platform/china-date.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CalendarYearUnknown,
  parseInstant,
  WorkingDayCalendar,
  type CalendarOverrides,
  type DayKind,
} from '../../calendar/working-day-calendar.ts';

const china = (local: string) => new Date(`${local}+08:00`);
const overrides = (years: number[], days: Record<string, DayKind> = {}): CalendarOverrides => ({
  years: new Set(years),
  days: new Map(Object.entries(days)),
});
const packageOnly = new WorkingDayCalendar();

function unknownYearOf(work: () => unknown): number | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof CalendarYearUnknown) return error.year;
    throw error;
  }
  return undefined;
}

describe('the package data these expectations rest on', () => {
  it('covers 2004 to 2026, so 2027 is the first year needing publication', () => {
    // An upgrade of chinese-days that adds 2027 fails here first: move the "unknown year" cases to the next year.
    expect(packageOnly.packageYears()).toEqual({ first: 2004, last: 2026 });
    expect(packageOnly.knownThrough()).toBe(2026);
    expect(packageOnly.isKnownYear(2026)).toBe(true);
    expect(packageOnly.isKnownYear(2027)).toBe(false);
    expect(packageOnly.isKnownYear(2003)).toBe(false);
  });

  it('has the 2026 Spring Festival: 15–23 Feb off, Saturdays 14 and 28 Feb worked', () => {
    expect(packageOnly.isWorkingDay('2026-02-13')).toBe(true);
    expect(packageOnly.isWorkingDay('2026-02-14')).toBe(true);
    for (let d = 15; d <= 23; d++) expect(packageOnly.isWorkingDay(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    expect(packageOnly.isWorkingDay('2026-02-24')).toBe(true);
    expect(packageOnly.isWorkingDay('2026-02-28')).toBe(true);
    expect(packageOnly.isWorkingDay('2026-03-01')).toBe(false);
    // An ordinary weekend stays off.
    expect(packageOnly.isWorkingDay('2026-03-07')).toBe(false);
  });
});

describe('dueAt', () => {
  it('crosses the Spring Festival: 10 working days from Tue 2026-02-10 end on Mon 2026-03-02', () => {
    // 11 Wed(1) 12 Thu(2) 13 Fri(3) 14 Sat make-up(4) | 15–23 holiday | 24 Tue(5) 25(6) 26(7) 27 Fri(8)
    // 28 Sat make-up(9) | 1 Mar Sun off | 2 Mar Mon(10)
    expect(packageOnly.dueAt(china('2026-02-10T09:30:00'), 10)).toBe('2026-03-02T23:59:59+08:00');
  });

  it('counts the make-up Saturday: 3 working days from Fri 2026-02-13 end on Wed 2026-02-25', () => {
    // 14 Sat make-up(1) | 15–23 holiday | 24 Tue(2) 25 Wed(3). Without the make-up day it would be the 26th.
    expect(packageOnly.dueAt(china('2026-02-13T16:00:00'), 3)).toBe('2026-02-25T23:59:59+08:00');
  });

  it('refuses a deadline reaching into 2027 until 2027 is published, then honours its holidays', () => {
    // From Sun 2026-12-20: 21–25 Dec (1–5), 28–31 Dec (6–9), the 10th working day falls in 2027.
    const start = china('2026-12-20T10:00:00');
    expect(unknownYearOf(() => packageOnly.dueAt(start, 10))).toBe(2027);
    expect(() => packageOnly.dueAt(start, 10)).toThrow('2027 年的节假日安排尚未发布');
    // 9 working days stay within 2026 and compute.
    expect(packageOnly.dueAt(start, 9)).toBe('2026-12-31T23:59:59+08:00');

    // Synthetic 2027: 元旦 1–3 Jan off. Fri 1 Jan is a holiday, 2–3 Jan the weekend, so the 10th is Mon 4 Jan.
    const published = new WorkingDayCalendar(
      overrides([2027], { '2027-01-01': 'holiday', '2027-01-02': 'holiday', '2027-01-03': 'holiday' }),
    );
    expect(published.dueAt(start, 10)).toBe('2027-01-04T23:59:59+08:00');
    // Published without that holiday, Fri 1 Jan would have been the 10th: the published day is what moved it.
    expect(new WorkingDayCalendar(overrides([2027])).dueAt(start, 10)).toBe('2027-01-01T23:59:59+08:00');
  });

  it('gives a provisional deadline across an unpublished year: weekends and the fixed statutory holidays off, flagged', () => {
    const start = china('2026-12-20T10:00:00');
    // 21–25, 28–31 Dec (9); 1 Jan 2027 is 元旦 whatever the arrangement; Mon 4 Jan the 10th.
    expect(packageOnly.deadline(start, 10, 2)).toEqual({ dueAt: '2027-01-04T23:59:59+08:00', remindAt: '2026-12-31T09:00:00+08:00', provisionalYears: [2027] });
    expect(packageOnly.deadline(start, 9)).toEqual({ dueAt: '2026-12-31T23:59:59+08:00', provisionalYears: [] });
    // 2027 published with 2 Jan a make-up working Saturday: final, and different.
    const published = new WorkingDayCalendar({ years: new Set([2027]), days: new Map([['2027-01-01', 'holiday' as const], ['2027-01-02', 'workday' as const]]) });
    expect(published.deadline(start, 10)).toEqual({ dueAt: '2027-01-02T23:59:59+08:00', provisionalYears: [] });
    // Labour Day and National Day are off in a provisional year too.
    expect(packageOnly.deadline(china('2028-04-28T10:00:00'), 1)).toEqual({ dueAt: '2028-05-03T23:59:59+08:00', provisionalYears: [2028] }); // Mon 1, Tue 2 May off
    expect(packageOnly.deadline(china('2027-09-30T10:00:00'), 1).dueAt).toBe('2027-10-04T23:59:59+08:00');
  });

  it("counts from China's date: 2026-04-30T20:00:00Z is already 1 May (Labour Day) there", () => {
    const start = new Date('2026-04-30T20:00:00Z');
    expect(chinaDateOf(start)).toBe('2026-05-01');
    // 1–5 May holiday | 6 Wed(1) 7 Thu(2) 8 Fri(3) 9 Sat make-up(4) | 10 Sun | 11 Mon(5)
    expect(packageOnly.dueAt(start, 1)).toBe('2026-05-06T23:59:59+08:00');
    expect(packageOnly.dueAt(start, 4)).toBe('2026-05-09T23:59:59+08:00');
    expect(packageOnly.dueAt(start, 5)).toBe('2026-05-11T23:59:59+08:00');
    // Where the UTC date and China's differ in the count: 2026-04-29T20:00Z is Thu 30 Apr in China, so the
    // first working day after it is 6 May; counted from the UTC date (Wed 29 Apr) it would wrongly be 30 Apr.
    expect(packageOnly.dueAt(new Date('2026-04-29T20:00:00Z'), 1)).toBe('2026-05-06T23:59:59+08:00');
  });

  it('switches day at midnight China time, not UTC', () => {
    // 2026-03-01T15:59:59Z = Sun 1 Mar 23:59:59 in China → next working day Mon 2 Mar.
    expect(packageOnly.dueAt(new Date('2026-03-01T15:59:59Z'), 1)).toBe('2026-03-02T23:59:59+08:00');
    // One second later it is Mon 2 Mar 00:00 in China → next working day Tue 3 Mar.
    expect(packageOnly.dueAt(new Date('2026-03-01T16:00:00Z'), 1)).toBe('2026-03-03T23:59:59+08:00');
  });

  it('does not count a start on a holiday', () => {
    // Wed 2026-02-18 is in the Spring Festival: 19–23 holiday, 24 Tue(1) … 27 Fri(4), 28 Sat make-up(5).
    expect(packageOnly.dueAt(china('2026-02-18T12:00:00'), 1)).toBe('2026-02-24T23:59:59+08:00');
    expect(packageOnly.dueAt(china('2026-02-18T12:00:00'), 5)).toBe('2026-02-28T23:59:59+08:00');
  });

  it('does not count a start on a make-up Saturday either', () => {
    // Sat 2026-02-14 is worked, but the start day never counts: 15–23 holiday → Tue 24 Feb.
    expect(packageOnly.dueAt(china('2026-02-14T08:00:00'), 1)).toBe('2026-02-24T23:59:59+08:00');
  });

  it('N = 1 is the next working day', () => {
    expect(packageOnly.dueAt(china('2026-03-03T10:00:00'), 1)).toBe('2026-03-04T23:59:59+08:00'); // Tue → Wed
    expect(packageOnly.dueAt(china('2026-03-06T10:00:00'), 1)).toBe('2026-03-09T23:59:59+08:00'); // Fri → Mon
  });

  it('lets an override correct a package year, both ways', () => {
    // Synthetic corrections to 2026 (not a published year: the package already makes 2026 known).
    const corrected = new WorkingDayCalendar(
      overrides([], { '2026-03-07': 'workday', '2026-03-10': 'holiday', '2026-02-14': 'holiday' }),
    );
    // Fri 6 Mar → Sat 7 Mar, now a working day.
    expect(corrected.dueAt(china('2026-03-06T10:00:00'), 1)).toBe('2026-03-07T23:59:59+08:00');
    // Mon 9 Mar → Tue 10 Mar is now off → Wed 11 Mar.
    expect(corrected.dueAt(china('2026-03-09T10:00:00'), 1)).toBe('2026-03-11T23:59:59+08:00');
    // The package's make-up Saturday 14 Feb withdrawn: from Fri 13 Feb, 24(1) 25(2) 26(3).
    expect(corrected.dueAt(china('2026-02-13T16:00:00'), 3)).toBe('2026-02-26T23:59:59+08:00');
  });

  it('refuses a number of working days outside 1..365 or not whole', () => {
    const start = china('2026-03-02T10:00:00');
    for (const n of [0, -1, 1.5, 366, Number.NaN]) {
      expect(() => packageOnly.dueAt(start, n), String(n)).toThrow(RangeError);
    }
    // 365 is allowed; from 1 Jan 2026 it needs more working days than 2026 has, hence 2027.
    expect(unknownYearOf(() => packageOnly.dueAt(china('2026-01-01T10:00:00'), 365))).toBe(2027);
  });

  it('refuses an invalid start and a year before the package', () => {
    expect(() => packageOnly.dueAt(new Date('not a date'), 1)).toThrow(RangeError);
    // chinese-days starts in 2004 and would treat 2003 as plain Monday–Friday.
    expect(unknownYearOf(() => packageOnly.dueAt(china('2003-12-24T10:00:00'), 1))).toBe(2003);
  });

  it('answers isWorkingDay only for known years and real dates', () => {
    expect(unknownYearOf(() => packageOnly.isWorkingDay('2027-03-01'))).toBe(2027);
    expect(() => packageOnly.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(new WorkingDayCalendar(overrides([2027])).isWorkingDay('2027-03-01')).toBe(true);
  });
});

describe('remindAt', () => {
  it('is the morning of the working day that leaves `before` working days, across the Spring Festival', () => {
    // 10 working days from Tue 2026-02-10 end on Mon 2 Mar; the one before is the make-up Saturday 28 Feb.
    expect(packageOnly.remindAt(china('2026-02-10T09:30:00'), 10, 1)).toBe('2026-03-02T09:00:00+08:00');
    expect(packageOnly.remindAt(china('2026-02-10T09:30:00'), 10, 2)).toBe('2026-02-28T09:00:00+08:00');
    // Two before the 3-working-day deadline of Fri 13 Feb (due Wed 25th): Tue 24th, the first day after the holiday.
    expect(packageOnly.remindAt(china('2026-02-13T16:00:00'), 3, 2)).toBe('2026-02-24T09:00:00+08:00');
  });

  it('is never before the first working day after the start, and refuses a nonsense lead', () => {
    expect(packageOnly.remindAt(china('2026-02-13T16:00:00'), 3, 10)).toBe('2026-02-14T09:00:00+08:00');
    expect(() => packageOnly.remindAt(china('2026-02-13T16:00:00'), 3, 0)).toThrow(RangeError);
    expect(() => packageOnly.remindAt(china('2026-02-13T16:00:00'), 3, 1.5)).toThrow(RangeError);
  });
});

describe('known years', () => {
  it('runs knownThrough only over an unbroken run of published years', () => {
    expect(new WorkingDayCalendar(overrides([2027, 2028])).knownThrough()).toBe(2028);
    const gap = new WorkingDayCalendar(overrides([2027, 2029]));
    expect(gap.knownThrough()).toBe(2027);
    expect(gap.isKnownYear(2028)).toBe(false);
    expect(gap.isKnownYear(2029)).toBe(true);
    expect(gap.publishedYears()).toEqual([2027, 2029]);
  });
});

describe('parseInstant', () => {
  it('reads RFC 3339 and what a Zeebe =now() variable looks like', () => {
    expect(parseInstant('2026-02-10T09:30:00+08:00')?.toISOString()).toBe('2026-02-10T01:30:00.000Z');
    expect(parseInstant('2026-02-10T01:30:00.123456789Z[Etc/UTC]')?.toISOString()).toBe('2026-02-10T01:30:00.123Z');
    expect(parseInstant('2026-02-10T09:30+08:00[Asia/Shanghai]')?.toISOString()).toBe('2026-02-10T01:30:00.000Z');
  });

  it('refuses what is not an instant', () => {
    for (const text of ['2026-02-10', '2026-02-10T09:30:00', '2026-02-30T09:30:00Z', '2026-02-10T24:00:00Z', 'now']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });
});

describe('independence from the server timezone', () => {
  const saved = process.env.TZ;
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('gives the same deadlines with the process in New York time', () => {
    process.env.TZ = 'America/New_York';
    expect(new Date(Date.UTC(2026, 1, 10)).getTimezoneOffset()).toBe(300); // the switch took effect
    const calendar = new WorkingDayCalendar();
    expect(calendar.dueAt(china('2026-02-10T09:30:00'), 10)).toBe('2026-03-02T23:59:59+08:00');
    expect(calendar.dueAt(new Date('2026-04-30T20:00:00Z'), 1)).toBe('2026-05-06T23:59:59+08:00');
  });
});

describe("agreement with chinese-days' own findWorkday", () => {
  // The package's functions are right in China's timezone (its tables are built with local dates), so the
  // cross-check runs there; it shows the data we read is the data the package computes with.
  const saved = process.env.TZ;
  let findWorkday: (delta: number, date: string) => string;
  beforeAll(async () => {
    process.env.TZ = 'Asia/Shanghai';
    findWorkday = (await import('chinese-days')).default.findWorkday;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('lands on the same day for every start in 2025–2026 and several periods', () => {
    let compared = 0;
    for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2026, 10, 30); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const n of [1, 3, 7, 10, 20]) {
        expect(packageOnly.dueAt(china(`${date}T12:00:00`), n).slice(0, 10), `${date} + ${n}`).toBe(findWorkday(n, date));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });
});
