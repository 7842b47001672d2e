// When to remind of a deadline fixed by date (the annual report's end of 30 November): 09:00 on the working day that
// leaves N working days up to the deadline, counted back on the Chinese calendar; bad input is a BPMN error naming it.
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { createComputeReminderDateHandler, reminderBefore } from '../../workers/compute-reminder-date.ts';

const calendar = new WorkingDayCalendar();
const handler = createComputeReminderDateHandler(async () => calendar);
const job = (variables: unknown) => ({ key: 'task-1', variables, retries: 3 });

describe('compute-reminder-date', () => {
  it('counts back working days from the deadline’s last day, that day included', () => {
    // Monday 30 November 2026: 1 = that morning, 5 = the Tuesday before (the weekend skipped).
    const due = new Date('2026-11-30T23:59:59+08:00');
    expect(reminderBefore(calendar, due, 1).remindAt).toBe('2026-11-30T09:00:00+08:00');
    expect(reminderBefore(calendar, due, 5).remindAt).toBe('2026-11-24T09:00:00+08:00');
    // A deadline at midnight ends the day before: Sunday 1 November 2026 00:00 → the last working day is Friday 30 October.
    expect(reminderBefore(calendar, new Date('2026-11-01T00:00:00+08:00'), 1).remindAt).toBe('2026-10-30T09:00:00+08:00');
  });

  it('skips statutory holidays: before National Day week the reminder falls in September', () => {
    // Due at the end of Thursday 8 October 2026; 1–7 October are holidays (the make-up working days aside).
    const { remindAt } = reminderBefore(calendar, new Date('2026-10-08T23:59:59+08:00'), 2);
    expect(calendar.isWorkingDay(remindAt.slice(0, 10))).toBe(true);
    expect(remindAt < '2026-10-08').toBe(true);
  });

  it('completes with the deadline, the reminder and whether it is provisional', async () => {
    expect(await handler(job({ dueAt: '2026-11-30T23:59:59+08:00', remindBefore: 5 }))).toEqual({
      kind: 'complete',
      variables: { dueAt: '2026-11-30T15:59:59.000Z', remindAt: '2026-11-24T09:00:00+08:00', remindAtProvisional: false },
    });
  });

  it('refuses a deadline that is no instant, or a count out of range, naming the variable', async () => {
    expect(await handler(job({ dueAt: '2026-02-30T00:00:00+08:00', remindBefore: 5 }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES', message: expect.stringContaining('/dueAt') });
    expect(await handler(job({ dueAt: '2026-11-30T23:59:59+08:00', remindBefore: 0 }))).toMatchObject({ kind: 'bpmnError', message: expect.stringContaining('/remindBefore') });
  });
});
