// The working days a page of running filings has stood still, counted in one walk back from today
// (operations/running-filings.ts workingDaysSinceEach), agree with counting each filing on its own.
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { chinaDayNumber } from '../../platform/china-date.ts';
import { workingDaysSinceEach } from '../../operations/running-filings.ts';

const calendar = new WorkingDayCalendar();
/** One filing on its own: each China day after `from`'s up to today's, asked of the calendar. */
function oneAtATime(from: Date, now: Date): number {
  let count = 0;
  for (let day = chinaDayNumber(from) + 1; day <= chinaDayNumber(now); day++) {
    if (calendar.isWorkingDay(new Date(day * 86_400_000).toISOString().slice(0, 10), new Set())) count++;
  }
  return count;
}
const chinaNoon = (date: string) => new Date(`${date}T12:00:00+08:00`);

describe('working days since, for a page at once', () => {
  it('counts the working days after the China date of each instant, today included', () => {
    const now = chinaNoon('2026-12-11'); // a Friday
    const froms = [chinaNoon('2026-12-07'), chinaNoon('2026-12-11'), chinaNoon('2026-12-12'), new Date('2026-12-06T16:30:00Z')];
    // Monday → Tue–Fri; today → 0; tomorrow → 0; 00:30 on Monday in China → as Monday.
    expect(workingDaysSinceEach(calendar, froms, now)).toEqual([4, 0, 0, 4]);
  });

  it('agrees with counting one at a time, over years and holidays', () => {
    const now = chinaNoon('2026-12-07');
    const froms = Array.from({ length: 60 }, (_, i) => new Date(now.getTime() - i * 17.3 * 86_400_000));
    expect(workingDaysSinceEach(calendar, froms, now)).toEqual(froms.map((from) => oneAtATime(from, now)));
  });
});
