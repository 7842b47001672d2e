// Open user tasks in the engine for the season's open filings, in proportion: a process instance of annual-review is
// started for a share of the filings waiting on a person, directly at the user task they wait at (start
// instructions), with the variables the diagram would have set on the way there — the filing's routing variables
// (processVariablesOf, as a real filing starts with) and the task's working-day deadline counted from when the filing
// reached it. The instances before that point never ran: their history in the engine starts at the task.
import type { Db } from '../../platform/db.ts';
import { toEngineVariables, type EngineRest, type PrimitiveValue } from '../../platform/engine-rest.ts';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { ANNUAL_REVIEW_PROCESS_ID, processVariablesOf, type FilingStatus } from '../../filings/filing-store.ts';
import { TASK_OF_STATUS } from './plan.ts';

export interface OpenTasksOptions {
  db: Db;
  engine: EngineRest;
  year: number;
  /** Share of the filings waiting on a person that get their instance (0–1). */
  share: number;
  /** Counties whose every waiting filing gets its instance: their inboxes hold a whole season's tasks. */
  fullCounties: readonly string[];
  concurrency: number;
  log: (line: string) => void;
}

export interface OpenTasksResult {
  waiting: number;
  started: number;
  byTask: Record<string, number>;
  seconds: number;
}

interface Waiting {
  id: string;
  status: FilingStatus;
  channel: 'online' | 'window';
  uscc: string;
  name: string;
  region: string;
  receiving: string;
  since: Date;
  disputed: number | null;
}

function deadlineVariables(calendar: WorkingDayCalendar, prefix: 'acceptance' | 'review', since: Date, workingDays: number, remindBefore: number): Record<string, PrimitiveValue> {
  const d = calendar.deadline(since, workingDays, remindBefore);
  return {
    [`${prefix}DueAt`]: d.dueAt,
    [`${prefix}RemindAt`]: d.remindAt ?? d.dueAt,
    [`${prefix}WorkingDays`]: workingDays,
    ...(prefix === 'acceptance' ? { acceptanceDueAtProvisional: d.provisionalYears.length > 0 } : {}),
  };
}

const WAITING_STATUSES = Object.keys(TASK_OF_STATUS);

/** The counties with the most filings waiting on a person in a year: where the seed opens every task. */
export async function busiestCounties(db: Db, year: number, n: number): Promise<string[]> {
  const { rows } = await db.query<{ region: string }>(
    `select handling_region_code as region from filings where year = $1 and status = any($2)
      group by 1 order by count(*) desc, 1 limit $3`,
    [year, WAITING_STATUSES, n],
  );
  return rows.map((r) => r.region);
}

export async function openTasks(options: OpenTasksOptions): Promise<OpenTasksResult> {
  const { db, engine, year, share, concurrency, log } = options;
  const statuses = WAITING_STATUSES;
  const full = new Set(options.fullCounties);
  // A deterministic share: the same filings whatever the order they are read in.
  const { rows } = await db.query<Waiting>(
    `select f.id, f.status, f.channel, f.employer_uscc as uscc, f.declaration->'employer'->>'name' as name,
            f.handling_region_code as region, f.receiving_region_code as receiving, f.updated_at as since,
            (select d.employee_indexes[1] from disputes d where d.filing_id = f.id order by d.id desc limit 1) as disputed
       from filings f
      where f.year = $1 and f.status = any($2)`,
    [year, statuses],
  );
  const chosen = rows.filter((r) => full.has(r.region) || parseInt(r.id.slice(0, 8), 16) / 0x1_0000_0000 < share);
  log(`open tasks: ${chosen.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} waiting filings (all of ${[...full].join(', ') || 'no county'}, ${(share * 100).toFixed(0)} % elsewhere)`);
  const calendar = await loadCalendar(db);
  const byTask: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  let done = 0;
  let reported = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < chosen.length; i = next++) {
      const f = chosen[i]!;
      const task = TASK_OF_STATUS[f.status]!;
      const filing = { year, channel: f.channel, employer: { uscc: f.uscc, name: f.name, regionCode: f.region }, ...(f.status === 'submitted' ? { windowIntake: { materialsComplete: false, missingMaterials: '材料不齐全' } } : {}) } as unknown as Filing;
      const variables: Record<string, PrimitiveValue> = {
        ...processVariablesOf(f.id, filing, f.receiving),
        ...(task === 'acceptance' ? deadlineVariables(calendar, 'acceptance', f.since, 3, 1) : {}),
        ...(task === 'review-employee'
          ? { ...deadlineVariables(calendar, 'review', f.since, 10, 2), disputedCount: 1, disputedEmployees: String((f.disputed ?? 0) + 1), employeeNumber: (f.disputed ?? 0) + 1 }
          : {}),
      };
      await engine.post(`/process-definition/key/${ANNUAL_REVIEW_PROCESS_ID}/start`, {
        businessKey: f.id,
        variables: toEngineVariables(variables),
        startInstructions: [{ type: 'startBeforeActivity', activityId: task }],
      });
      byTask[task] = (byTask[task] ?? 0) + 1;
      done++;
      if (done - reported >= Math.max(500, chosen.length / 20)) {
        reported = done;
        const s = (performance.now() - started) / 1000;
        log(`  ${done.toLocaleString('en')} / ${chosen.length.toLocaleString('en')} instances, ${(done / s).toFixed(0)}/s`);
      }
    }
  }));
  return { waiting: rows.length, started: done, byTask, seconds: (performance.now() - started) / 1000 };
}
