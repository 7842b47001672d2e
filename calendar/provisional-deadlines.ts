// Provisional deadlines (counted across a year not yet published) and moving them once the year is published: the
// compute-due-date step records what it counted from; publishing the year counts each again and moves, in the
// filing's process, the timers, user tasks and variables that held the old deadline or reminder. Variables are
// matched by value, so whatever a diagram calls them (acceptanceDueAt, taxRemindAt, …) follows, and the flag
// `<name>Provisional` beside each is cleared once the deadline is final.
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

export interface ProvisionalDeadline {
  taskId: string;
  processInstanceId: string;
  startAt: Date;
  workingDays: number;
  remindBefore: number | null;
  dueAt: string;
  remindAt: string | null;
  years: number[];
}

export async function recordProvisionalDeadline(db: Db, d: ProvisionalDeadline): Promise<void> {
  await db.query(
    `insert into provisional_deadlines (task_id, process_instance_id, start_at, working_days, remind_before, due_at, remind_at, years)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (task_id) do update set start_at = excluded.start_at, working_days = excluded.working_days,
       remind_before = excluded.remind_before, due_at = excluded.due_at, remind_at = excluded.remind_at, years = excluded.years`,
    [d.taskId, d.processInstanceId, d.startAt, d.workingDays, d.remindBefore, d.dueAt, d.remindAt, d.years],
  );
}

/**
 * The provisional deadlines the given processes hold, as instants (ms) by process instance: a user task due at one
 * of them is due provisionally (暂定) until its year is published.
 */
export async function provisionalDueInstants(db: Db, processInstanceIds: readonly string[]): Promise<Map<string, Set<number>>> {
  const byProcess = new Map<string, Set<number>>();
  if (processInstanceIds.length === 0) return byProcess;
  const rows = await db.query<{ process_instance_id: string; due_at: string }>(
    'select process_instance_id, due_at from provisional_deadlines where process_instance_id = any($1::text[])',
    [[...new Set(processInstanceIds)]],
  );
  for (const r of rows.rows) {
    const instants = byProcess.get(r.process_instance_id) ?? new Set<number>();
    instants.add(instant(r.due_at));
    byProcess.set(r.process_instance_id, instants);
  }
  return byProcess;
}

export interface Recomputed {
  /** Provisional deadlines of the year counted again. */
  counted: number;
  /** Of those, the ones whose date moved in a running process. */
  moved: number;
  /** Processes the engine could not update now: counted again at the next publication of a year they need. */
  failed: string[];
}

const instant = (text: string) => new Date(text).getTime();

/** A deadline (…T23:59:59+08:00) as the engine's REST API takes dates: yyyy-MM-dd'T'HH:mm:ss.SSSZ. */
function engineDate(text: string): string {
  const china = new Date(instant(text) + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${china}.000+0800`;
}
const sameInstant = (a: unknown, b: string) => typeof a === 'string' && !Number.isNaN(instant(a)) && instant(a) === instant(b);

interface EngineVariable {
  type: string;
  value: unknown;
}

/** Moves what held `from` in the process to `to`: timer jobs, user tasks' due dates, variables equal to it. */
async function moveInProcess(engine: EngineRest, processInstanceId: string, moves: [from: string, to: string][], final: boolean): Promise<void> {
  const jobs = await engine.get<{ id: string; dueDate: string | null }[]>('/job', { processInstanceId, timers: 'true' });
  const tasks = await engine.get<{ id: string; due: string | null }[]>('/task', { processInstanceId });
  const variables = await engine.get<Record<string, EngineVariable>>(`/process-instance/${processInstanceId}/variables`, { deserializeValues: 'false' });
  for (const [from, to] of moves) {
    for (const job of jobs) if (sameInstant(job.dueDate, from)) await engine.put(`/job/${job.id}/duedate`, { duedate: engineDate(to), cascade: false });
    for (const task of tasks) {
      if (!sameInstant(task.due, from)) continue;
      const full = await engine.get<Record<string, unknown>>(`/task/${task.id}`);
      await engine.put(`/task/${task.id}`, { ...full, due: engineDate(to) });
    }
    for (const [name, variable] of Object.entries(variables)) {
      if (variable.value !== from) continue;
      await engine.put(`/process-instance/${processInstanceId}/variables/${encodeURIComponent(name)}`, { value: to, type: 'String' });
      if (final && variables[`${name}Provisional`]) {
        await engine.put(`/process-instance/${processInstanceId}/variables/${encodeURIComponent(`${name}Provisional`)}`, { value: false, type: 'Boolean' });
      }
    }
  }
}

/** Counts every provisional deadline that needed `year` again with the calendar as now published, and moves it. */
export async function recomputeProvisionalDeadlines(db: Db, engine: EngineRest, calendar: WorkingDayCalendar, year: number): Promise<Recomputed> {
  const rows = await db.query<{
    task_id: string;
    process_instance_id: string;
    start_at: Date;
    working_days: number;
    remind_before: number | null;
    due_at: string;
    remind_at: string | null;
  }>('select * from provisional_deadlines where $1 = any(years) order by recorded_at', [year]);
  const result: Recomputed = { counted: rows.rows.length, moved: 0, failed: [] };
  for (const row of rows.rows) {
    const now = calendar.deadline(row.start_at, row.working_days, row.remind_before ?? undefined);
    const final = now.provisionalYears.length === 0;
    const moves: [string, string][] = [];
    if (now.dueAt !== row.due_at) moves.push([row.due_at, now.dueAt]);
    if (row.remind_at && now.remindAt && now.remindAt !== row.remind_at) moves.push([row.remind_at, now.remindAt]);
    try {
      // A deadline that stays on its day still becomes final: its flag is cleared.
      await moveInProcess(engine, row.process_instance_id, moves.length > 0 ? moves : [[row.due_at, row.due_at]], final);
    } catch {
      result.failed.push(row.process_instance_id);
      continue;
    }
    if (moves.length > 0) result.moved++;
    if (final) await db.query('delete from provisional_deadlines where task_id = $1', [row.task_id]);
    else {
      await db.query('update provisional_deadlines set due_at = $2, remind_at = $3, years = $4 where task_id = $1', [
        row.task_id,
        now.dueAt,
        now.remindAt ?? null,
        now.provisionalYears,
      ]);
    }
  }
  return result;
}
