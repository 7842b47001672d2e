// The people's tasks whose deadline is today or already passed, as operators watch them: counted exactly by the
// engine, and broken down by county (the filing's handling county) and by kind of task (the step in the diagram).
// Deadlines are the engine's due dates, which the diagrams set in working days (deadlines/, calendar/); "today" is
// the China date. The breakdown reads the most overdue tasks first, at most DEADLINE_TASKS_READ of them.
import { chinaDayNumber } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';

/** Tasks read for the breakdown: beyond this the counts stay exact, the breakdown covers the most overdue. */
export const DEADLINE_TASKS_READ = 1000;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

interface EngineTask {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  due: string | null;
}

export interface DeadlineCount {
  dueToday: number;
  overdue: number;
}

export interface TaskDeadlines extends DeadlineCount {
  /** Today's China date. */
  today: string;
  byCounty: Array<DeadlineCount & { regionCode: string | null }>;
  byKind: Array<DeadlineCount & { taskKey: string; name: string }>;
  /** Whether the breakdown covers every task counted (false: only the most overdue DEADLINE_TASKS_READ). */
  complete: boolean;
}

/** The engine's date format: milliseconds and a numeric offset. */
const engineInstant = (d: Date) => d.toISOString().replace('Z', '+0000');

export async function taskDeadlines(db: Db, engine: EngineRest, q: { now?: Date } = {}): Promise<TaskDeadlines> {
  const now = q.now ?? new Date();
  const day = chinaDayNumber(now);
  const startOfToday = new Date(day * DAY_MS - CHINA_OFFSET_MS);
  const endOfToday = new Date(startOfToday.getTime() + DAY_MS - 1);
  const [overdue, dueToday, tasks] = await Promise.all([
    engine.post<{ count: number }>('/task/count', { dueBefore: engineInstant(new Date(startOfToday.getTime() - 1)) }),
    engine.post<{ count: number }>('/task/count', { dueAfter: engineInstant(startOfToday), dueBefore: engineInstant(endOfToday) }),
    engine.post<EngineTask[]>(`/task?firstResult=0&maxResults=${DEADLINE_TASKS_READ}`, {
      dueBefore: engineInstant(endOfToday),
      sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }],
    }),
  ]);
  const countyOf = await countiesOf(db, engine, [...new Set(tasks.map((t) => t.processInstanceId))]);
  const byCounty = new Map<string | null, DeadlineCount>();
  const byKind = new Map<string, DeadlineCount & { name: string }>();
  for (const task of tasks) {
    const late = task.due !== null && Date.parse(task.due) < startOfToday.getTime();
    const county = countyOf.get(task.processInstanceId) ?? null;
    const c = byCounty.get(county) ?? { dueToday: 0, overdue: 0 };
    const k = byKind.get(task.taskDefinitionKey) ?? { name: task.name ?? task.taskDefinitionKey, dueToday: 0, overdue: 0 };
    if (late) {
      c.overdue++;
      k.overdue++;
    } else {
      c.dueToday++;
      k.dueToday++;
    }
    byCounty.set(county, c);
    byKind.set(task.taskDefinitionKey, k);
  }
  const worst = (a: DeadlineCount, b: DeadlineCount) => b.overdue - a.overdue || b.dueToday - a.dueToday;
  return {
    today: new Date(day * DAY_MS).toISOString().slice(0, 10),
    dueToday: dueToday.count,
    overdue: overdue.count,
    byCounty: [...byCounty].map(([regionCode, c]) => ({ regionCode, ...c })).sort(worst),
    byKind: [...byKind].map(([taskKey, k]) => ({ taskKey, ...k })).sort(worst),
    complete: tasks.length < DEADLINE_TASKS_READ,
  };
}

/** Each process instance's county: the handling county of the filing that is its business key. */
async function countiesOf(db: Db, engine: EngineRest, instanceIds: string[]): Promise<Map<string, string>> {
  const counties = new Map<string, string>();
  if (instanceIds.length === 0) return counties;
  const instances = await engine.post<{ id: string; businessKey: string | null }[]>('/process-instance', { processInstanceIds: instanceIds });
  const filingIds = [...new Set(instances.map((i) => i.businessKey).filter((k): k is string => !!k && /^[0-9a-f-]{36}$/i.test(k)))];
  const { rows } = await db.query<{ id: string; handling_region_code: string }>('select id, handling_region_code from filings where id = any($1::uuid[])', [filingIds]);
  const regionOf = new Map(rows.map((r) => [r.id, r.handling_region_code]));
  for (const i of instances) {
    const region = i.businessKey ? regionOf.get(i.businessKey) : undefined;
    if (region) counties.set(i.id, region);
  }
  return counties;
}
