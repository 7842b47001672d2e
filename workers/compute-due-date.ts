// Job type `compute-due-date`: turns "N working days from `from`" into the ISO date-time a BPMN timer waits
// for (`timeDate: ${dueAt}`), using the Chinese working-day calendar (docs/architecture.md "Working days"). A deadline
// reaching into a year whose holidays are not yet published is computed provisionally and flagged, never held up:
// a December certification must go on (docs/working-days.md).
import {
  INSTANT_PATTERN,
  MAX_WORKING_DAYS,
  MIN_WORKING_DAYS,
  parseInstant,
  type WorkingDayCalendar,
} from '../calendar/working-day-calendar.ts';
import type { ProvisionalDeadline } from '../calendar/provisional-deadlines.ts';
import { compileSchema } from '../platform/schema.ts';
import { bpmnError, complete, fail, type JobHandler } from './job-outcome.ts';
import template from './element-templates/compute-due-date.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { recordProvisionalDeadline } from '../calendar/provisional-deadlines.ts';

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
  /** True when the deadline rests on a year not yet published: it may move once that year is published. */
  dueAtProvisional: boolean;
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

export function createComputeDueDateHandler(
  loadCalendar: () => Promise<WorkingDayCalendar>,
  /** Keeps a provisional deadline, to be counted again once its year is published (calendar/provisional-deadlines.ts). */
  recordProvisional?: (deadline: ProvisionalDeadline) => Promise<void>,
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
      const deadline = calendar.deadline(from, workingDays, remindBefore ?? undefined);
      if (deadline.provisionalYears.length > 0 && recordProvisional && job.processInstanceId) {
        // Kept before the process moves on: a provisional deadline nobody can count again would never move.
        await recordProvisional({
          taskId: job.key,
          processInstanceId: job.processInstanceId,
          startAt: from,
          workingDays,
          remindBefore: remindBefore ?? null,
          dueAt: deadline.dueAt,
          remindAt: deadline.remindAt ?? null,
          years: deadline.provisionalYears,
        });
      }
      return complete({
        dueAt: deadline.dueAt,
        ...(deadline.remindAt === undefined ? {} : { remindAt: deadline.remindAt }),
        dueAtProvisional: deadline.provisionalYears.length > 0,
      });
    } catch (error) {
      return fail(`${JOB_TYPE}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

export const computeDueDateTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['workingDays', 'from', 'remindBefore'],
  department: null,
  template,
  handler: ({ db }) => createComputeDueDateHandler(() => loadCalendar(db), (deadline) => recordProvisionalDeadline(db, deadline)),
});
