// Job type `notify`: a deadline's reminder before it, its escalation after it (to the county lead, the city
// supervisors), or a plain notice — written as a notification to a candidate group, for its members to read in their
// list. The diagram gives the recipient, the kind, and the title and message in Chinese with `${…}` the engine
// resolves. Idempotent: the task handed out again writes its notification once. Bad input is an incident on this
// task, never a BPMN error.
import { INSTANT_PATTERN, parseInstant } from '../calendar/working-day-calendar.ts';
import type { Db } from '../platform/db.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { compileSchema, type FieldIssue } from '../platform/schema.ts';
import { createNotification } from '../notifications/notification-store.ts';
import { departmentJob, filingIdSchema } from './department-job.ts';
import { complete, failForGood, type JobFail, type JobHandler } from './job-outcome.ts';
import template from './element-templates/notify.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'notify';

/** Who may be notified: a unit, a county's clerks, reviewers or lead, a city's supervisors, or a province-wide role. */
export const RECIPIENT_GROUP_PATTERN = '^(employer-[0-9A-Z]{18}|(clerk|reviewer|lead)-\\d{6}|city-\\d{4}00|province|operator|policy)$';

/** The kinds a diagram sends; the season's reminders come from their own job. */
export const NOTIFY_KINDS = ['reminder', 'escalation', 'notice'] as const;

export interface NotifyVariables {
  /** The filing the notification is about; none for a notice about no filing. */
  filingId?: string | null;
  recipientGroup: string;
  kind: (typeof NOTIFY_KINDS)[number];
  title: string;
  message: string;
  /** The deadline it is about, an ISO instant (e.g. `${acceptanceDueAt}`). */
  dueAt?: string | null;
}

export type NotifyResult = Record<string, never>;

const FOREIGN_KEY_VIOLATION = '23503';

const checkVariables = compileSchema<NotifyVariables>({
  type: 'object',
  required: ['recipientGroup', 'kind', 'title', 'message'],
  properties: {
    // An empty input parameter reaches the worker as null.
    filingId: { oneOf: [filingIdSchema, { type: 'null' }] },
    recipientGroup: { type: 'string', pattern: RECIPIENT_GROUP_PATTERN },
    kind: { enum: [...NOTIFY_KINDS] },
    title: { type: 'string', minLength: 1, maxLength: 100 },
    message: { type: 'string', minLength: 1, maxLength: 1000 },
    dueAt: { oneOf: [{ type: 'string', pattern: INSTANT_PATTERN }, { type: 'null' }] },
  },
});

/** What an operator reads in Cockpit's incident: what is wrong, what to do, then the detail. */
function badVariables(issues: FieldIssue[]): JobFail {
  const list = issues.map((i) => `${i.path} ${i.code}`).join('; ');
  return failForGood(`通知任务的输入参数有误，请在建模器中修正该任务后在 Cockpit 中重试 / ${JOB_TYPE}: invalid job variables: ${list}`);
}

export function createNotifyHandler(db: Db): JobHandler<NotifyVariables, NotifyResult> {
  // Bad input ends in an incident on this task alone, never a BPMN error: a notification sits on a side branch, and
  // an error there would interrupt the filing's whole procedure through the process's error handling.
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const checked = checkVariables(job.variables);
    if (!checked.ok) return badVariables(checked.issues);
    const vars = checked.value;
    const title = vars.title.trim();
    const message = vars.message.trim();
    if (!title) return badVariables([{ path: '/title', code: 'REQUIRED' }]);
    if (!message) return badVariables([{ path: '/message', code: 'REQUIRED' }]);
    // The pattern admits 30 February; parsing catches what the shape cannot.
    const dueAt = vars.dueAt ? parseInstant(vars.dueAt) : undefined;
    if (vars.dueAt && !dueAt) return badVariables([{ path: '/dueAt', code: 'FORMAT' }]);
    const filingId = vars.filingId ?? null;
    if (filingId && job.businessKey && job.businessKey !== filingId) return badVariables([{ path: '/filingId', code: 'MISMATCH' }]);
    try {
      await createNotification(db, {
        recipientGroup: vars.recipientGroup,
        kind: vars.kind,
        // Personal numbers never belong in a notification; one a diagram's expression let through is masked.
        title: maskNumbersInText(title),
        body: maskNumbersInText(message),
        filingId,
        dueAt: dueAt?.toISOString() ?? null,
        sourceTaskId: job.key,
      });
    } catch (error) {
      // The notification references its filing: no filing, no notification (one statement fewer than asking first).
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
        return failForGood(`通知所关联的申报不存在，请核对流程变量 filingId 后在 Cockpit 中重试 / ${JOB_TYPE}: no filing ${filingId}`);
      }
      throw error;
    }
    return complete({});
  });
}

export const notifyTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'recipientGroup', 'kind', 'title', 'message', 'dueAt'],
  department: null,
  template,
  handler: ({ db }) => createNotifyHandler(db),
});
