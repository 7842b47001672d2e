// Each department's health as the workers saw it (workers/runtime/worker-figures.ts writes the figures): over a recent
// window, its tasks run and failed, their duration's p50 and p95, the last failure and when, and a state an operator
// reads at a glance. The workers have no circuit breaker: a department that fails is tried again per task with
// back-off (platform/retry.ts) until the task becomes an incident, so the state is read from the outcomes instead.
import type { Db } from '../platform/db.ts';
import { TOPIC_MODULES } from '../workers/registry.ts';

export type DepartmentState = 'ok' | 'degraded' | 'failing' | 'idle';

export interface DepartmentHealth {
  department: string;
  topics: string[];
  calls: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastOkAt: string | null;
  /** failing: the last outcome failed and at least half did; degraded: some failed; idle: no call in the window. */
  state: DepartmentState;
}

export interface DepartmentHealthQuery {
  /** The window, in minutes back from now. */
  minutes: number;
}

/** Every department a topic asks, in the registry's order, with its figures over the window. */
export async function departmentHealth(db: Db, q: DepartmentHealthQuery): Promise<{ windowMinutes: number; departments: DepartmentHealth[] }> {
  const { rows } = await db.query<{
    department: string;
    calls: string;
    failures: string;
    p50: number | null;
    p95: number | null;
    last_ok_at: Date | null;
    last_error_at: Date | null;
    last_error: string | null;
  }>(
    `with recent as (
       select * from worker_topic_minutes where minute >= date_trunc('minute', now()) - make_interval(mins => $1) and department is not null
     )
     select r.department, sum(r.calls) as calls, sum(r.failures) as failures,
            (select percentile_disc(0.5) within group (order by l) from recent x, unnest(x.latency_ms) l where x.department = r.department) as p50,
            (select percentile_disc(0.95) within group (order by l) from recent x, unnest(x.latency_ms) l where x.department = r.department) as p95,
            max(r.last_ok_at) as last_ok_at, max(r.last_error_at) as last_error_at,
            (select x.last_error from recent x where x.department = r.department and x.last_error_at is not null order by x.last_error_at desc limit 1) as last_error
       from recent r group by r.department`,
    [q.minutes],
  );
  const figures = new Map(rows.map((r) => [r.department, r]));
  const topicsOf = new Map<string, string[]>();
  for (const m of TOPIC_MODULES) if (m.department) topicsOf.set(m.department.name, [...(topicsOf.get(m.department.name) ?? []), m.topic]);
  const departments = [...topicsOf.keys(), ...[...figures.keys()].filter((d) => !topicsOf.has(d))].map((department): DepartmentHealth => {
    const f = figures.get(department);
    const calls = Number(f?.calls ?? 0);
    const failures = Number(f?.failures ?? 0);
    const lastFailed = !!f?.last_error_at && (!f.last_ok_at || f.last_error_at > f.last_ok_at);
    const state: DepartmentState = calls === 0 ? 'idle' : lastFailed && failures * 2 >= calls ? 'failing' : failures > 0 ? 'degraded' : 'ok';
    return {
      department,
      topics: topicsOf.get(department) ?? [],
      calls,
      failures,
      p50Ms: f?.p50 ?? null,
      p95Ms: f?.p95 ?? null,
      lastError: f?.last_error ?? null,
      lastErrorAt: f?.last_error_at?.toISOString() ?? null,
      lastOkAt: f?.last_ok_at?.toISOString() ?? null,
      state,
    };
  });
  return { windowMinutes: q.minutes, departments };
}
