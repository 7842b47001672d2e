// The task inbox API: the open user tasks a person may act on (their role and region), one task with its form,
// claim, unclaim, and complete with the form's values — checked against the form's own fields first. A task
// outside the caller's reach answers 404, exactly like an unknown id, so ids cannot be probed. Claiming, unclaiming
// and completing work on personal data: staff must be in good standing in the register (持证上岗, 保密协议); reading
// the inbox and a task stays open, so a person refused is still shown their work and told why.
import { requestIdVariable } from '../platform/log.ts';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Db } from '../platform/db.ts';
import { EngineError, type EngineRest, type PrimitiveValue } from '../platform/engine-rest.ts';
import { engineProblem, requireEngine } from '../platform/http/engine-problems.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { Problem } from '../platform/problem.ts';
import { audit, audited } from '../platform/http/audit.ts';
import { identityOf, invalid } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import {
  candidateGroupsOfTask,
  claimTask,
  completeTask,
  deployedForm,
  findTask,
  listTasksFor,
  taskValues,
  unclaimTask,
  type EngineTask,
} from './engine-tasks.ts';
import { checkFormValues, formMessages, type FormSchema } from './form-values.ts';
import { formVariableNames } from './form-fields.ts';
import { completionCheckOf } from '../completion-checks/completion-checks.ts';
import { candidateGroupsOf, completedByVariable } from './task-groups.ts';
import { BusinessKeyCache } from './business-key-cache.ts';
import { filingSummaries, type FilingSummary } from './filing-summary.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { provisionalDueInstants } from '../calendar/provisional-deadlines.ts';
import { taskDeadline, type TaskDeadline } from '../calendar/working-days-left.ts';
import { employeeNumbersOf, reviewedEmployees, type ReviewedEmployee } from './reviewed-employee.ts';
import { requireGoodStanding } from '../staff/good-standing.ts';

export interface TaskRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** Undefined when no engine is configured: every task call answers 503. */
  engine: EngineRest | undefined;
  /** The clock the working days left are counted from (tests set it). */
  now?: () => Date;
}

const TASK_ID = /^[0-9A-Za-z-]{1,64}$/;

/** Engine trouble as a problem the client can act on; a task the engine no longer knows is one nobody may reach. */
function taskProblem(error: unknown): unknown {
  if (error instanceof EngineError && error.status === 404) return new Problem(404, '任务不存在');
  return engineProblem(error);
}

/** Engine calls failing as the route answers them, so that their audited outcome names that status. */
function answered(work: () => Promise<void>): () => Promise<void> {
  return () => work().catch((error: unknown) => Promise.reject(taskProblem(error)));
}

function notFound(): Problem {
  return new Problem(404, '任务不存在');
}

function present(task: EngineTask, filing: FilingSummary | undefined, deadline: TaskDeadline, employee: ReviewedEmployee | undefined) {
  return {
    id: task.id,
    name: task.name,
    taskDefinitionKey: task.taskDefinitionKey,
    assignee: task.assignee,
    created: task.created,
    due: task.due,
    followUp: task.followUp,
    // 剩余工作日 on the Chinese working-day calendar, and whether the due date has passed.
    workingDaysLeft: deadline.workingDaysLeft,
    overdue: deadline.overdue,
    // 暂定: counted across a year whose holidays are not yet published.
    dueProvisional: deadline.dueProvisional,
    processInstanceId: task.processInstanceId,
    formRef: task.operatonFormRef?.key ?? null,
    filing: filing ?? null,
    // 人工审核职工: whom it is about, so the reviewer decides with the essentials in view.
    reviewedEmployee: employee ?? null,
  };
}

/**
 * The task if the caller may act on it: offered to one of their groups (their role and region) and not claimed by
 * someone else. Holding a task is not enough: a person whose role or region no longer fits it — or anyone signing in
 * under the holder's user id with another role — cannot read, claim or complete it.
 */
async function reachableTask(engine: EngineRest, who: Identity, id: string): Promise<EngineTask> {
  if (!TASK_ID.test(id)) throw notFound();
  const task = await findTask(engine, id);
  if (!task || task.suspended) throw notFound();
  if (task.assignee !== null && task.assignee !== who.sub) throw notFound();
  const groups = new Set(candidateGroupsOf(who));
  const offered = await candidateGroupsOfTask(engine, id);
  if (!offered.some((g) => groups.has(g))) throw notFound();
  return task;
}

/**
 * A task completed by someone else between our lookup and the next engine call makes the engine answer 500 (a null
 * task inside it, seen on GET /task/{id}/deployed-form): that is a task gone, not a fault of ours; so is a concurrent
 * update the engine refused.
 */
async function goneOrThrow(engine: EngineRest, id: string, error: unknown): Promise<never> {
  if (error instanceof EngineError && error.status >= 500 && !(await findTask(engine, id).catch(() => 'unknown'))) {
    throw new Problem(404, '任务已办结或不存在，请刷新任务列表', `task ${id} went away during the request`);
  }
  // Two people acting on one task at once: the engine's optimistic lock refuses the second (OptimisticLockingException).
  if (error instanceof EngineError && (error.type === 'OptimisticLockingException' || /updated by another transaction concurrently/.test(error.message))) {
    throw new Problem(409, '该任务刚被他人处理，请刷新后重试', `task ${id}: ${error.message}`);
  }
  throw error;
}

/** Tasks as the inbox and the task page show them: with their filing, deadline and (manual review) employee. */
async function presentAll(engine: EngineRest, db: Db, businessKeys: BusinessKeyCache, tasks: EngineTask[], now: Date) {
  // The engine's lookups run while our database is read; our reads stay one after another (one connection each).
  const keysAsked = businessKeys.of(engine, tasks.map((t) => t.processInstanceId));
  const numbersAsked = employeeNumbersOf(engine, tasks);
  // Neither may be left to reject unobserved while the database is read.
  keysAsked.catch(() => undefined);
  numbersAsked.catch(() => undefined);
  // Read fresh per request: an administrator may just have published a year.
  const calendar = await loadCalendar(db);
  const provisional = await provisionalDueInstants(db, tasks.map((t) => t.processInstanceId));
  const keys = await keysAsked;
  const filingOf = (t: EngineTask) => keys.get(t.processInstanceId);
  const summaries = await filingSummaries(db, [...keys.values()]);
  const employees = await reviewedEmployees(db, tasks, await numbersAsked, filingOf);
  return tasks.map((t) => {
    const key = filingOf(t);
    const deadline = taskDeadline(calendar, now, t.due, provisional.get(t.processInstanceId));
    return present(t, key ? summaries.get(key) : undefined, deadline, employees.get(t.id));
  });
}

/** The filing a task is about: its process's business key. */
async function filingIdOf(engine: EngineRest, businessKeys: BusinessKeyCache, task: EngineTask): Promise<string> {
  const key = (await businessKeys.of(engine, [task.processInstanceId])).get(task.processInstanceId);
  if (!key) throw new Problem(409, '该任务不属于任何申报，无法在此办理', `process instance ${task.processInstanceId} has no business key`);
  return key;
}

async function formOf(engine: EngineRest, task: EngineTask): Promise<FormSchema> {
  if (!task.operatonFormRef) throw new Problem(409, '该任务没有表单，无法在此办理', `task ${task.id} has no Camunda Form`);
  return (await deployedForm(engine, task.id)) as FormSchema;
}

function engineValues(values: Record<string, PrimitiveValue | string[]>): Record<string, PrimitiveValue> {
  // Lists (checklists) travel as JSON text: the engine here keeps no JSON variables (docs/engine.md). Free text becomes
  // a process variable, where no personal number may go (保守秘密原则): one typed into a note is masked.
  const value = (v: PrimitiveValue | string[]) => (Array.isArray(v) ? JSON.stringify(v) : typeof v === 'string' ? maskNumbersInText(v) : v);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, value(v)]));
}

interface TaskCall {
  req: Request;
  res: Response;
  who: Identity;
  engine: EngineRest;
}

export function taskRouter(options: TaskRoutesOptions): Router {
  const router = Router();
  const auth = authenticate(options.sessions);
  const now = options.now ?? (() => new Date());
  const businessKeys = new BusinessKeyCache();
  // Every route: the caller, the engine, and engine trouble turned into a problem the client can act on.
  const route = (handler: (call: TaskCall) => Promise<void>) => [
    auth,
    (req: Request, res: Response, next: NextFunction) =>
      Promise.resolve()
        .then(() => handler({ req, res, who: identityOf(req), engine: requireEngine(options.engine) }))
        .catch((error: unknown) => next(taskProblem(error))),
  ];
  // Routes about one task the caller may act on; an unknown or unreachable one is 404.
  const taskRoute = (handler: (call: TaskCall & { task: EngineTask }) => Promise<void>) =>
    route(async (call) => {
      const task = await reachableTask(call.engine, call.who, String(call.req.params.id));
      await handler({ ...call, task }).catch((error: unknown) => goneOrThrow(call.engine, task.id, error));
    });
  // Acting on a task: the register's refusal first, before anything about the task is looked up.
  const actionRoute = (handler: (call: TaskCall & { task: EngineTask }) => Promise<void>) =>
    route(async (call) => {
      await requireGoodStanding(options.db, call.who, now());
      const task = await reachableTask(call.engine, call.who, String(call.req.params.id));
      await handler({ ...call, task }).catch((error: unknown) => goneOrThrow(call.engine, task.id, error));
    });

  router.get(
    '/api/tasks',
    ...route(async ({ res, who, engine }) => {
      const tasks = await listTasksFor(engine, candidateGroupsOf(who), who.sub);
      res.json({ total: tasks.length, items: await presentAll(engine, options.db, businessKeys, tasks, now()) });
    }),
  );

  router.get(
    '/api/tasks/:id',
    ...taskRoute(async ({ res, who, engine, task }) => {
      const form = task.operatonFormRef ? await formOf(engine, task) : null;
      const names = form ? formVariableNames(form) : [];
      const [shown] = await presentAll(engine, options.db, businessKeys, [task], now());
      const values = await taskValues(engine, task.id, names);
      // A task shows its filing and its form's values: a read of them, audited like a filing's.
      await audit(options.db, who, 'task.read', { type: 'task', id: task.id }, { taskDefinitionKey: task.taskDefinitionKey, processInstanceId: task.processInstanceId });
      res.json({ ...shown, form, values });
    }),
  );

  router.post(
    '/api/tasks/:id/claim',
    ...actionRoute(async ({ res, who, engine, task }) => {
      await audited(options.db, who, 'task.claim', { type: 'task', id: task.id }, { taskDefinitionKey: task.taskDefinitionKey }, answered(async () => {
        if (task.assignee !== who.sub) await claimTask(engine, task.id, who.sub);
      }));
      res.json({ id: task.id, assignee: who.sub });
    }),
  );

  router.post(
    '/api/tasks/:id/unclaim',
    ...actionRoute(async ({ res, who, engine, task }) => {
      await audited(options.db, who, 'task.unclaim', { type: 'task', id: task.id }, { taskDefinitionKey: task.taskDefinitionKey }, answered(async () => {
        if (task.assignee === who.sub) await unclaimTask(engine, task.id);
      }));
      res.json({ id: task.id, assignee: null });
    }),
  );

  router.post(
    '/api/tasks/:id/complete',
    ...actionRoute(async ({ req, res, who, engine, task }) => {
      const form = await formOf(engine, task);
      const checked = checkFormValues(form, req.body);
      if (!checked.ok) throw invalid(req, checked.issues, formMessages(form));
      // What only the filing can tell (declared employees, uploaded evidence), for the forms that need it.
      const more = completionCheckOf(form.id);
      if (more) {
        const issues = await more.check(options.db, await filingIdOf(engine, businessKeys, task), checked.value);
        if (issues.length > 0) throw invalid(req, issues, formMessages(form, more.templates));
      }
      const detail = { taskDefinitionKey: task.taskDefinitionKey, processInstanceId: task.processInstanceId };
      await audited(options.db, who, 'task.complete', { type: 'task', id: task.id }, detail, answered(async () => {
        // Claim first, so the engine's history names who did it even when the client skipped the claim.
        if (task.assignee !== who.sub) await claimTask(engine, task.id, who.sub);
        // The request's id goes with it: the tasks that follow log it (platform/log.ts).
        await completeTask(engine, task.id, { ...engineValues(checked.value), [completedByVariable(task.taskDefinitionKey)]: who.sub, ...requestIdVariable() });
      }));
      res.json({ id: task.id, completed: true });
    }),
  );

  return router;
}
