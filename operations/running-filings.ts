// The filings still on their way, as operators watch them: how many stand at each step, and a page of them with the
// longest without progress first — "stuck" once they have stood still for N working days (OPERATIONS_STUCK_WORKING_DAYS,
// counted on the working-day calendar). The counts are kept by triggers (db/migrations/027); the page is cut from the
// partial index of running filings (db/migrations/025), never by reading the finished ones; the engine is asked once
// per page for the open user task of the filings shown (and once more for process instances not seen before).
import { CalendarYearUnknown, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { chinaDayNumber } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { keptOpenTaskNames } from './kept-task-names.ts';

import { RUNNING_STATUSES, type RunningStatus } from '../api/operations.ts';

export { RUNNING_STATUSES, type RunningStatus };

// Literal in the SQL so that PostgreSQL can prove the partial index applies (a parameter would hide the list).
const RUNNING_SQL = `status in (${RUNNING_STATUSES.map((s) => `'${s}'`).join(', ')})`;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

export interface RunningFilingsQuery {
  /** Only this step; all running steps when unset. */
  status?: RunningStatus;
  /** 1-based. */
  page: number;
  pageSize: number;
  stuckAfterWorkingDays: number;
  /** Whether the units' names are shown: to those who read filings (the province), not to operators. */
  unitNames: boolean;
  now?: Date;
}

export interface RunningFiling {
  id: string;
  year: number;
  /** Null for those who do not read filings (operators): they know a filing by its id, county and step. */
  unitName: string | null;
  handlingRegionCode: string;
  status: RunningStatus;
  channel: string;
  /** The engine's open user task of the filing, by its name in the diagram; null when none is open (a system step). */
  currentTask: string | null;
  /** When the filing last moved (its status or declaration changed). */
  since: string;
  /** Working days since then (null when the calendar cannot count them). */
  workingDaysStill: number | null;
  stuck: boolean;
}

export interface RunningFilings {
  stuckAfterWorkingDays: number;
  /** Filings standing still since before this instant are stuck. */
  stuckSince: string;
  total: number;
  stuck: number;
  byStep: Array<{ status: RunningStatus; count: number; stuck: number }>;
  /** Of `status` when given, else of all steps; the longest standing still first. */
  items: RunningFiling[];
  itemsTotal: number;
}

/** The start (China time) of the N-th working day counted back from today, today included when it is one. */
export function stuckCutoff(calendar: WorkingDayCalendar, now: Date, workingDays: number): Date {
  const provisional = new Set<number>();
  let day = chinaDayNumber(now);
  let seen = 0;
  // A bounded walk: a year has well over N working days.
  for (let i = 0; i < 800; i++, day--) {
    if (calendar.isWorkingDay(new Date(day * DAY_MS).toISOString().slice(0, 10), provisional)) seen++;
    if (seen >= workingDays) break;
  }
  return new Date(day * DAY_MS - CHINA_OFFSET_MS);
}

/**
 * Working days after the China date of each instant up to and including today's (null where a year between is
 * unknown), in one walk back from today to the earliest of them: a page's filings may have stood still for years, so
 * one walk of a few hundred days, not one per filing.
 */
export function workingDaysSinceEach(calendar: WorkingDayCalendar, froms: Date[], now: Date): Array<number | null> {
  const provisional = new Set<number>();
  const fromDays = froms.map((from) => chinaDayNumber(from));
  const today = chinaDayNumber(now);
  // After the walk reaches day d: the working days in d..today, or null once a year between is unknown.
  const afterDay = new Map<number, number | null>();
  let count: number | null = 0;
  for (let day = today; day > Math.min(today, ...fromDays); day--) {
    if (count !== null) {
      try {
        if (calendar.isWorkingDay(new Date(day * DAY_MS).toISOString().slice(0, 10), provisional)) count++;
      } catch (error) {
        if (!(error instanceof CalendarYearUnknown)) throw error;
        count = null;
      }
    }
    afterDay.set(day, count);
  }
  return fromDays.map((day) => (day >= today ? 0 : (afterDay.get(day + 1) ?? 0)));
}

type StepCount = { status: RunningStatus; count: string; stuck: string };

/**
 * The running filings by status, and how many of each stand still since before `cutoff` (the start of a China day):
 * sums of the counts kept by step and China day of last progress (db/migrations/027), a few thousand rows whatever
 * the number of filings.
 */
async function stepCounts(db: Db, cutoff: Date): Promise<StepCount[]> {
  const cutoffDay = new Date(cutoff.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const { rows } = await db.query<StepCount>(
    `select status, sum(filings) as count, coalesce(sum(filings) filter (where day < $1::date), 0) as stuck
       from running_filing_days group by status`,
    [cutoffDay],
  );
  return rows;
}

/** Running filings by step, and a page of them, the longest standing still first. */
export async function runningFilings(db: Db, engine: EngineRest | undefined, calendar: WorkingDayCalendar, q: RunningFilingsQuery): Promise<RunningFilings> {
  const now = q.now ?? new Date();
  const cutoff = stuckCutoff(calendar, now, q.stuckAfterWorkingDays);
  // The counts, and the page with its open tasks from the engine, asked at the same time.
  const [counts, { page, tasks }] = await Promise.all([stepCounts(db, cutoff), pageWithTasks(db, engine, q)]);
  const byStep = RUNNING_STATUSES.map((status) => {
    const row = counts.find((r) => r.status === status);
    return { status, count: Number(row?.count ?? 0), stuck: Number(row?.stuck ?? 0) };
  });
  const still = workingDaysSinceEach(calendar, page.rows.map((r) => r.updated_at), now);
  const items = page.rows.map((r, i) => ({
    id: r.id,
    year: r.year,
    unitName: q.unitNames ? r.name : null,
    handlingRegionCode: r.handling_region_code,
    status: r.status,
    channel: r.channel,
    currentTask: tasks.get(r.id) ?? null,
    since: r.updated_at.toISOString(),
    workingDaysStill: still[i] ?? null,
    stuck: r.updated_at < cutoff,
  }));
  const total = byStep.reduce((n, s) => n + s.count, 0);
  return {
    stuckAfterWorkingDays: q.stuckAfterWorkingDays,
    stuckSince: cutoff.toISOString(),
    total,
    stuck: byStep.reduce((n, s) => n + s.stuck, 0),
    byStep,
    items,
    itemsTotal: q.status ? (byStep.find((s) => s.status === q.status)?.count ?? 0) : total,
  };
}

/** A page of the running filings, the longest standing still first, and the engine's open user task of each. */
async function pageWithTasks(db: Db, engine: EngineRest | undefined, q: RunningFilingsQuery) {
  // The page is cut from the index first, and only its rows are joined to their units.
  const page = await db.query<{ id: string; year: number; name: string; handling_region_code: string; status: RunningStatus; channel: string; updated_at: Date }>(
    `select f.id, f.year, e.name, f.handling_region_code, f.status, f.channel, f.updated_at
       from (select id, year, employer_uscc, handling_region_code, status, channel, updated_at from filings
              where ${RUNNING_SQL} and ($1::text is null or status = $1)
              order by updated_at, id limit $2 offset $3) f
       join employers e on e.uscc = f.employer_uscc
      order by f.updated_at, f.id`,
    [q.status ?? null, q.pageSize, (q.page - 1) * q.pageSize],
  );
  const names = engine ? keptOpenTaskNames(engine) : undefined;
  const tasks = names ? await names.of(page.rows.map((r) => r.id)) : new Map<string, string>();
  // The first page of every step is kept fresh behind the requests: the page an operator opens next.
  if (names) names.warm(() => firstPagesOfEachStep(db, q.pageSize));
  return { page, tasks };
}

/** The ids of the first page of each running step, the longest standing still first. */
async function firstPagesOfEachStep(db: Db, pageSize: number): Promise<string[]> {
  const pages = await Promise.all(
    RUNNING_STATUSES.map((status) =>
      db.query<{ id: string }>(`select id from filings where ${RUNNING_SQL} and status = $1 order by updated_at, id limit $2`, [status, pageSize]),
    ),
  );
  return pages.flatMap((p) => p.rows.map((r) => r.id));
}
