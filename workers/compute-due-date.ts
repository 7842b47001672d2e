// Job type `compute-due-date`: turns "N working days from `from`" into the ISO date-time a BPMN timer waits
// for (`timeDate: ${dueAt}`), using the Chinese working-day calendar (ARCHITECTURE.md "Working days").
import {
  CalendarYearUnknown,
  INSTANT_PATTERN,
  MAX_WORKING_DAYS,
  MIN_WORKING_DAYS,
  parseInstant,
  type WorkingDayCalendar,
} from '../calendar/working-day-calendar.ts';
import { compileSchema } from '../platform/schema.ts';
import { bpmnError, complete, fail, failForGood, type JobFail, type JobHandler } from './job-outcome.ts';

export const JOB_TYPE = 'compute-due-date';

export interface ComputeDueDateVariables {
  workingDays: number;
  /** The start instant; the diagram passes `${now()}` (the engine's clock; a Date reaches the handler as ISO text). */
  from: string;
  /** Optional: remind this many working days before the end (1 = the morning of the last day); gives `remindAt`. */
  remindBefore?: number;
}

export interface ComputeDueDateResult {
  dueAt: string;
  /** Only when `remindBefore` was given. */
  remindAt?: string;
}

// The process carries many more variables; only these are this job's business.
const checkVariables = compileSchema<ComputeDueDateVariables>({
  type: 'object',
  required: ['workingDays', 'from'],
  properties: {
    workingDays: { type: 'integer', minimum: MIN_WORKING_DAYS, maximum: MAX_WORKING_DAYS },
    from: { type: 'string', pattern: INSTANT_PATTERN },
    remindBefore: { type: ['integer', 'null'], minimum: MIN_WORKING_DAYS, maximum: MAX_WORKING_DAYS },
  },
});

// No retry cures an unpublished year: the incident appears at once, for someone to publish it and retry.
function unknownYear(error: CalendarYearUnknown): JobFail {
  const message =
    `${JOB_TYPE}: ${error.year} 年的节假日安排尚未发布，无法计算工作日期限。` +
    `请政策管理人员依据国务院办公厅的 ${error.year} 年节假日安排通知，通过 PUT /api/calendar/years/${error.year} 发布该年度，` +
    '发布后在流程监控（Cockpit）中重试该事件。';
  return failForGood(message);
}

export function createComputeDueDateHandler(
  loadCalendar: () => Promise<WorkingDayCalendar>,
): JobHandler<ComputeDueDateVariables, ComputeDueDateResult> {
  return async (job) => {
    const checked = checkVariables(job.variables);
    // The pattern admits 30 February; parsing catches what the shape cannot.
    const from = checked.ok ? parseInstant(checked.value.from) : undefined;
    if (!checked.ok || from === undefined) {
      const issues = checked.ok ? [{ path: '/from', code: 'FORMAT' }] : checked.issues;
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: ${issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
    }

    let calendar: WorkingDayCalendar;
    try {
      calendar = await loadCalendar();
    } catch (error) {
      // The database may be back in a moment: an ordinary failure, retried by the engine.
      return fail(`${JOB_TYPE}: 无法读取工作日日历：${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const { workingDays, remindBefore } = checked.value;
      const dueAt = calendar.dueAt(from, workingDays);
      return complete(remindBefore == null ? { dueAt } : { dueAt, remindAt: calendar.remindAt(from, workingDays, remindBefore) });
    } catch (error) {
      if (error instanceof CalendarYearUnknown) return unknownYear(error);
      return fail(`${JOB_TYPE}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
