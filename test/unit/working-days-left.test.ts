// 剩余工作日 in the task inbox: counted on the Chinese working-day calendar (2026 as chinese-days carries it),
// never Monday–Friday, and null for a year nobody has published. Every count is done by hand in a comment.
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar, type CalendarOverrides } from '../../calendar/working-day-calendar.ts';
import { taskDeadline, workingDaysLeft } from '../../calendar/working-days-left.ts';

const china = (local: string) => new Date(`${local}+08:00`);
const calendar = new WorkingDayCalendar();
const with2027 = new WorkingDayCalendar({ years: new Set([2027]), days: new Map([['2027-01-01', 'holiday']]) } satisfies CalendarOverrides);

describe('workingDaysLeft before the deadline', () => {
  it('counts the working days after today up to the due date', () => {
    // Tue 3 Mar → due end of Fri 6 Mar: 4 Wed(1) 5 Thu(2) 6 Fri(3).
    expect(workingDaysLeft(calendar, china('2026-03-03T10:00:00'), china('2026-03-06T23:59:59'))).toBe(3);
  });

  it('is 0 on the due day itself, until the deadline passes', () => {
    expect(workingDaysLeft(calendar, china('2026-03-06T09:00:00'), china('2026-03-06T23:59:59'))).toBe(0);
  });

  it('skips the Spring Festival and counts the make-up Saturday', () => {
    // Tue 10 Feb → due Mon 2 Mar (10 working days, working-day-calendar.test.ts): 11 12 13, Sat 14 (make-up),
    // 15–23 off, 24 25 26 27, Sat 28 (make-up), Sun 1 Mar off, Mon 2 Mar = 10. Monday–Friday would say 14.
    expect(workingDaysLeft(calendar, china('2026-02-10T09:30:00'), china('2026-03-02T23:59:59'))).toBe(10);
  });

  it('counts from the date in China, not UTC', () => {
    // 2026-03-05T17:00Z is already Fri 6 Mar in China: due that day → 0, not 1.
    expect(workingDaysLeft(calendar, new Date('2026-03-05T17:00:00Z'), china('2026-03-06T23:59:59'))).toBe(0);
  });
});

describe('workingDaysLeft after the deadline', () => {
  it('is minus the working days since the due date', () => {
    // Due end of Fri 6 Mar; on Wed 11 Mar: 9 Mon(1) 10 Tue(2) 11 Wed(3) → −3.
    expect(workingDaysLeft(calendar, china('2026-03-11T10:00:00'), china('2026-03-06T23:59:59'))).toBe(-3);
  });

  it('is at least −1 once overdue, even on the weekend right after', () => {
    // Due Fri 6 Mar; Sat 7 Mar has no working day since, but the task is overdue.
    expect(workingDaysLeft(calendar, china('2026-03-07T10:00:00'), china('2026-03-06T23:59:59'))).toBe(-1);
  });

  it('does not count the Labour Day holiday as overdue days', () => {
    // Due Thu 30 Apr; on Thu 7 May: 1–5 May off, 6 Wed(1) 7 Thu(2) → −2 (Monday–Friday would say −5).
    expect(workingDaysLeft(calendar, china('2026-05-07T10:00:00'), china('2026-04-30T23:59:59'))).toBe(-2);
  });
});

describe('a year the calendar does not know', () => {
  it('is null, never a Monday–Friday guess', () => {
    expect(workingDaysLeft(calendar, china('2026-12-30T10:00:00'), china('2027-01-05T23:59:59'))).toBeNull();
    expect(workingDaysLeft(calendar, china('2027-01-06T10:00:00'), china('2026-12-31T23:59:59'))).toBeNull();
  });

  it('counts provisionally, as the deadline itself was, when the due date is provisional', () => {
    // Wed 30 Dec → due Tue 5 Jan 2027 counted provisionally: 31 Thu(1), 1 Jan fixed holiday, 2–3 weekend, 4 Mon(2) 5 Tue(3).
    expect(workingDaysLeft(calendar, china('2026-12-30T10:00:00'), china('2027-01-05T23:59:59'), true)).toBe(3);
  });

  it('counts once the year is published', () => {
    // Wed 30 Dec → due Tue 5 Jan 2027: 31 Thu(1), 1 Jan holiday, 2–3 weekend, 4 Mon(2) 5 Tue(3).
    expect(workingDaysLeft(with2027, china('2026-12-30T10:00:00'), china('2027-01-05T23:59:59'))).toBe(3);
  });
});

describe('taskDeadline from the engine’s due date text', () => {
  it('reads the engine’s +0800 offset and says whether it is overdue', () => {
    expect(taskDeadline(calendar, china('2026-03-03T10:00:00'), '2026-03-06T23:59:59.000+0800')).toEqual({ workingDaysLeft: 3, overdue: false, dueProvisional: false });
    expect(taskDeadline(calendar, china('2026-03-11T10:00:00'), '2026-03-06T23:59:59.000+0800')).toEqual({ workingDaysLeft: -3, overdue: true, dueProvisional: false });
  });

  it('has no working days left without a due date', () => {
    expect(taskDeadline(calendar, china('2026-03-03T10:00:00'), null)).toEqual({ workingDaysLeft: null, overdue: false, dueProvisional: false });
  });

  it('marks a due date that is one of its process’s provisional deadlines, and counts to it', () => {
    const provisional = new Set([china('2027-01-05T23:59:59').getTime()]);
    expect(taskDeadline(calendar, china('2026-12-30T10:00:00'), '2027-01-05T23:59:59.000+0800', provisional)).toEqual({
      workingDaysLeft: 3,
      overdue: false,
      dueProvisional: true,
    });
    // Another instant of the same process is not this task's deadline.
    expect(taskDeadline(calendar, china('2026-12-30T10:00:00'), '2027-01-06T23:59:59.000+0800', provisional)).toEqual({
      workingDaysLeft: null,
      overdue: false,
      dueProvisional: false,
    });
  });

  it('still says overdue when the year is unknown', () => {
    expect(taskDeadline(calendar, china('2027-01-06T10:00:00'), '2026-12-31T23:59:59.000+0800')).toEqual({ workingDaysLeft: null, overdue: true, dueProvisional: false });
  });
});
