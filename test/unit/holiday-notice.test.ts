// Reading the State Council's holiday notice as policy staff paste it: days off as ranges (across a month or a new
// year), make-up working days, weekdays and lunar dates in parentheses ignored, and what cannot be read named.
import { describe, expect, it } from 'vitest';
import { readHolidayNotice } from '../../web/src/lib/holiday-notice.ts';
import { NOTICE_2026 } from '../support/holiday-notice-2026.ts';

describe('readHolidayNotice', () => {
  it('reads every day off and every make-up working day of a notice', () => {
    const { days, unread } = readHolidayNotice(NOTICE_2026, 2026);
    expect(unread).toEqual([]);
    const holidays = days.filter((d) => d.kind === 'holiday');
    const workdays = days.filter((d) => d.kind === 'workday').map((d) => d.day);
    expect(holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(holidays.filter((d) => d.name === '春节').map((d) => d.day)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(days.find((d) => d.day === '2026-02-14')).toEqual({ day: '2026-02-14', kind: 'workday', name: '春节调休上班' });
  });

  it('follows a range across the month and the year, and names a festival it cannot read', () => {
    const { days, unread } = readHolidayNotice('一、元旦：12月31日至1月2日放假，共3天。\n二、某节：另行通知。', 2027);
    expect(days.map((d) => d.day)).toEqual(['2027-12-31', '2028-01-01', '2028-01-02']);
    expect(unread).toEqual(['某节']);
  });
});
