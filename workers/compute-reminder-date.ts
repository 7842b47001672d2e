// Job type `compute-reminder-date`: for a deadline fixed by date (the annual report's 1 December, written in the
// diagram), when to remind of it — 09:00 China time on the working day that leaves `remindBefore` working days up to
// the deadline, its last day included (1 = the morning of the last working day), on the Chinese working-day calendar.
// The counterpart of `compute-due-date`, which counts a deadline forwards from a start. A year whose holidays are not
// published counts provisionally (weekends and the date-fixed holidays off) and is flagged, never held up.
import { loadCalendar } from '../calendar/calendar-store.ts';
import { MAX_WORKING_DAYS, MIN_WORKING_DAYS, parseInstant, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { chinaDateOf, INSTANT_PATTERN, type IsoDate } from '../platform/china-date.ts';
import { compileSchema } from '../platform/schema.ts';
import { bpmnError, complete, fail, type JobHandler } from './job-outcome.ts';
import template from './element-templates/compute-reminder-date.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'compute-reminder-date';

export interface ComputeReminderDateVariables {
  /** The deadline, an ISO instant: the report is due by it (`${year + 1}-11-30T23:59:59+08:00`: before 1 December). */
  dueAt: string;
  remindBefore: number;
}

export interface ComputeReminderDateResult {
  /** The deadline as given, normalised to an ISO instant. */
  dueAt: string;
  remindAt: string;
  remindAtProvisional: boolean;
}

const checkVariables = compileSchema<ComputeReminderDateVariables>({
  type: 'object',
  required: ['dueAt', 'remindBefore'],
  properties: {
    dueAt: { type: 'string', pattern: INSTANT_PATTERN },
    remindBefore: { type: 'integer', minimum: MIN_WORKING_DAYS, maximum: MAX_WORKING_DAYS },
  },
});

function previousDay(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** 09:00 on the `before`-th working day counted back from the deadline's last day, and the years counted provisionally. */
export function reminderBefore(calendar: WorkingDayCalendar, due: Date, before: number): { remindAt: string; provisionalYears: number[] } {
  const provisional = new Set<number>();
  // The deadline's last day: the China date of the instant just before it (a deadline at midnight ends the day before).
  let day = chinaDateOf(new Date(due.getTime() - 1));
  let found = 0;
  for (;;) {
    if (calendar.isWorkingDay(day, provisional) && ++found === before) break;
    day = previousDay(day);
  }
  return { remindAt: `${day}T09:00:00+08:00`, provisionalYears: [...provisional].sort((a, b) => a - b) };
}

export function createComputeReminderDateHandler(load: () => Promise<WorkingDayCalendar>): JobHandler<ComputeReminderDateVariables, ComputeReminderDateResult> {
  return async (job) => {
    const checked = checkVariables(job.variables);
    const due = checked.ok ? parseInstant(checked.value.dueAt) : undefined;
    if (!checked.ok || due === undefined) {
      const issues = checked.ok ? [{ path: '/dueAt', code: 'FORMAT' }] : checked.issues;
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: ${issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
    }
    let calendar: WorkingDayCalendar;
    try {
      calendar = await load();
    } catch (error) {
      return fail(`${JOB_TYPE}: 无法读取工作日日历：${error instanceof Error ? error.message : String(error)}`);
    }
    const { remindAt, provisionalYears } = reminderBefore(calendar, due, checked.value.remindBefore);
    return complete({ dueAt: due.toISOString(), remindAt, remindAtProvisional: provisionalYears.length > 0 });
  };
}

export const computeReminderDateTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['dueAt', 'remindBefore'],
  department: null,
  template,
  handler: ({ db }) => createComputeReminderDateHandler(() => loadCalendar(db)),
});
