// Overdue county tasks for the supervision figures: the engine's open user tasks offered to a county's clerks,
// reviewers or lead (`<role>-<county>`, tasks/task-groups.ts) whose due date has passed, counted per county, and how
// many working days (calendar/) the oldest is over. Asked of the engine's REST API (two small queries per county,
// a few at a time) and kept for a short while, so that a page refreshing its figures does not ask again.
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

  async function ofCounty(county: string, at: Date, days: WorkingDayCalendar): Promise<OverdueOfCounty> {
    const query = {
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

  return async (countyCodes) => {
    const at = now();
    const result = new Map<string, OverdueOfCounty>();
    const toAsk = countyCodes.filter((code) => {
      const hit = kept.get(code);
      if (hit && at.getTime() - hit.at < KEEP_MS) {
        result.set(code, hit.value);
        return false;
      }
      return true;
    });
    if (toAsk.length === 0) return result;
    const days = await calendar();
    for (let i = 0; i < toAsk.length; i += AT_ONCE) {
      const batch = toAsk.slice(i, i + AT_ONCE);
      // The engine away: a county's last answer, however old, rather than a zero that reads as "none overdue".
      const values = await Promise.all(
        batch.map((code) =>
          ofCounty(code, at, days).catch((error: unknown) => {
            const stale = kept.get(code);
            if (stale) return stale.value;
            throw error;
          }),
        ),
      );
      batch.forEach((code, k) => {
        const value = values[k]!;
        if (kept.get(code)?.value !== value) kept.set(code, { at: at.getTime(), value });
        result.set(code, value);
      });
    }
    return result;
  };
}
