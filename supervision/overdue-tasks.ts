// Overdue county tasks for the supervision figures: the engine's open user tasks of one year's filings (the process
// variable `year`, filings/filing-store.ts) offered to a county's clerks, reviewers or lead (`<role>-<county>`, tasks/task-groups.ts) whose due date has passed, counted per county, and how
// many working days (calendar/) the oldest is over. Asked of the engine's REST API (two small queries per county,
// a few at a time), kept and refreshed behind the requests, so that a page's figures do not wait for the engine.
import { workingDaysLeft } from '../calendar/working-days-left.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import type { OverdueOfCounty, OverdueTasksSource } from './figures.ts';

/** The county roles a diagram offers tasks to. */
const COUNTY_ROLES = ['clerk', 'reviewer', 'lead'] as const;
const KEEP_MS = 30_000;
const AT_ONCE = 6;

/** An instant as the engine's REST API takes dates: yyyy-MM-dd'T'HH:mm:ss.SSSZ, in China time. */
function engineDate(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}.000+0800`;
}

export interface OverdueTasksOptions {
  engine: EngineRest;
  calendar: () => Promise<WorkingDayCalendar>;
  now?: () => Date;
}

export function engineOverdueTasks({ engine, calendar, now = () => new Date() }: OverdueTasksOptions): OverdueTasksSource {
  const kept = new Map<string, { at: number; value: OverdueOfCounty }>();

  async function ofCounty(year: number, county: string, at: Date, days: WorkingDayCalendar): Promise<OverdueOfCounty> {
    const query = {
      processVariables: [{ name: 'year', operator: 'eq', value: year }],
      candidateGroups: COUNTY_ROLES.map((role) => `${role}-${county}`),
      includeAssignedTasks: true,
      active: true,
      dueBefore: engineDate(at),
    };
    const [{ count }, oldest] = await Promise.all([
      engine.post<{ count: number }>('/task/count', query),
      engine.post<{ due: string | null }[]>('/task?firstResult=0&maxResults=1', { ...query, sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }] }),
    ]);
    const due = oldest[0]?.due ? new Date(oldest[0].due) : undefined;
    const left = due && !Number.isNaN(due.getTime()) ? workingDaysLeft(days, at, due) : null;
    return { overdueTasks: count, maxWorkingDaysOver: left !== null && left < 0 ? -left : 0 };
  }

  /** Asks the engine about these counties, a few at a time, and keeps the answers. */
  async function ask(year: number, codes: readonly string[]): Promise<void> {
    const at = now();
    const days = await calendar();
    for (let i = 0; i < codes.length; i += AT_ONCE) {
      const batch = codes.slice(i, i + AT_ONCE);
      const values = await Promise.all(batch.map((code) => ofCounty(year, code, at, days)));
      batch.forEach((code, k) => kept.set(`${year}:${code}`, { at: at.getTime(), value: values[k]! }));
    }
  }

  // A county never asked is asked before answering; one asked longer ago than KEEP_MS is answered from what was kept
  // and asked again behind the request, so the figures never wait for the engine twice. The engine away keeps the
  // last answers (never a zero that reads as "none overdue"); with none kept, the request fails as the engine does.
  const inFlight = new Set<string>();
  return async (year, countyCodes) => {
    const at = now().getTime();
    const keyOf = (code: string) => `${year}:${code}`;
    const stale = countyCodes.filter((code) => {
      const hit = kept.get(keyOf(code));
      return hit !== undefined && at - hit.at >= KEEP_MS && !inFlight.has(keyOf(code));
    });
    if (stale.length > 0) {
      for (const code of stale) inFlight.add(keyOf(code));
      void ask(year, stale)
        .catch(() => undefined)
        .finally(() => {
          for (const code of stale) inFlight.delete(keyOf(code));
        });
    }
    const missing = countyCodes.filter((code) => !kept.has(keyOf(code)));
    if (missing.length > 0) await ask(year, missing);
    return new Map(countyCodes.map((code) => [code, kept.get(keyOf(code))!.value]));
  };
}
