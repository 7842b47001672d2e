// The `compute-due-date` job handler: variables checked, the deadline computed from the calendar it loads,
// an unpublished year counted provisionally and flagged (never holding the process up), a calendar that cannot be
// read into a retried failure.
import { describe, expect, it, vi } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { createComputeDueDateHandler } from '../../workers/compute-due-date.ts';

const job = (variables: unknown) => ({ key: '2251799813685311', variables, retries: 3 });
const packageOnly = async () => new WorkingDayCalendar();

describe('compute-due-date handler', () => {
  it('completes with the deadline, ignoring the process variables that are not its business', async () => {
    const handler = createComputeDueDateHandler(packageOnly);
    // 10 working days from Tue 2026-02-10 across the Spring Festival end on Mon 2026-03-02 (see the calendar test).
    const outcome = await handler(job({ workingDays: 10, from: '2026-02-10T09:30:00+08:00', filingId: 'F-1' }));
    expect(outcome).toEqual({ kind: 'complete', variables: { dueAt: '2026-03-02T23:59:59+08:00', dueAtProvisional: false } });
  });

  it('also gives the reminder time when the diagram asks for one', async () => {
    const handler = createComputeDueDateHandler(packageOnly);
    const outcome = await handler(job({ workingDays: 10, from: '2026-02-10T09:30:00+08:00', remindBefore: 2 }));
    expect(outcome).toEqual({ kind: 'complete', variables: { dueAt: '2026-03-02T23:59:59+08:00', remindAt: '2026-02-28T09:00:00+08:00', dueAtProvisional: false } });
    const bad = await handler(job({ workingDays: 10, from: '2026-02-10T09:30:00+08:00', remindBefore: 0 }));
    expect(bad).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
  });

  it('accepts the engine clock as a =now() variable carries it (zone id, nanoseconds)', async () => {
    const handler = createComputeDueDateHandler(packageOnly);
    // 2026-04-30T20:00Z is 1 May in China: 1–5 May off, Wed 6 May is the first working day.
    const outcome = await handler(job({ workingDays: 1, from: '2026-04-30T20:00:00.123456789Z[Etc/UTC]' }));
    expect(outcome).toEqual({ kind: 'complete', variables: { dueAt: '2026-05-06T23:59:59+08:00', dueAtProvisional: false } });
  });

  it('computes a provisional deadline, flagged, when it needs an unpublished year: a December certification goes on', async () => {
    const outcome = await createComputeDueDateHandler(packageOnly)(job({ workingDays: 10, from: '2026-12-20T10:00:00+08:00', remindBefore: 2 }));
    // 21–25 Dec (1–5), 28–31 Dec (6–9), Fri 1 Jan 2027 a statutory holiday whatever the arrangement, Mon 4 Jan (10).
    expect(outcome).toEqual({ kind: 'complete', variables: { dueAt: '2027-01-04T23:59:59+08:00', remindAt: '2026-12-31T09:00:00+08:00', dueAtProvisional: true } });
  });

  it('computes once the year is published', async () => {
    const with2027 = async () =>
      new WorkingDayCalendar({ years: new Set([2027]), days: new Map([['2027-01-01', 'holiday' as const]]) });
    const outcome = await createComputeDueDateHandler(with2027)(job({ workingDays: 10, from: '2026-12-20T10:00:00+08:00' }));
    // 21–25 Dec (1–5), 28–31 Dec (6–9), Fri 1 Jan published holiday, Mon 4 Jan (10).
    expect(outcome).toEqual({ kind: 'complete', variables: { dueAt: '2027-01-04T23:59:59+08:00', dueAtProvisional: false } });
  });

  it('raises INVALID_VARIABLES for missing, out-of-range or malformed variables without loading the calendar', async () => {
    const load = vi.fn(packageOnly);
    const handler = createComputeDueDateHandler(load);
    const cases: [unknown, string][] = [
      [{ from: '2026-02-10T09:30:00+08:00' }, '/workingDays REQUIRED'],
      [{ workingDays: 0, from: '2026-02-10T09:30:00+08:00' }, '/workingDays FORMAT'],
      [{ workingDays: 366, from: '2026-02-10T09:30:00+08:00' }, '/workingDays FORMAT'],
      [{ workingDays: 2.5, from: '2026-02-10T09:30:00+08:00' }, '/workingDays FORMAT'],
      [{ workingDays: '10', from: '2026-02-10T09:30:00+08:00' }, '/workingDays FORMAT'],
      [{ workingDays: 10, from: '2026-02-10' }, '/from FORMAT'],
      [{ workingDays: 10, from: '2026-02-30T09:30:00+08:00' }, '/from FORMAT'],
      [{ workingDays: 10 }, '/from REQUIRED'],
    ];
    for (const [variables, expected] of cases) {
      const outcome = await handler(job(variables));
      expect(outcome, JSON.stringify(variables)).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
      expect(outcome.kind === 'bpmnError' && outcome.message, JSON.stringify(variables)).toContain(expected);
    }
    expect(load).not.toHaveBeenCalled();
  });

  it('fails for an ordinary retry when the calendar cannot be read', async () => {
    const outcome = await createComputeDueDateHandler(async () => {
      throw new Error('connection refused');
    })(job({ workingDays: 3, from: '2026-02-13T16:00:00+08:00' }));
    expect(outcome.kind).toBe('fail');
    expect(outcome).not.toHaveProperty('retries');
    expect(outcome.kind === 'fail' && outcome.message).toContain('connection refused');
  });
});
