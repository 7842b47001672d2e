// What the system's readiness is made of (the parts GET /api/health names) and what operators are told besides
// (GET /api/operations/health): each part checked once per refresh by the health monitor (server/health-monitor.ts).
import { DEPARTMENT_URL_KEYS, unreachableDepartments } from '../connectors/department-reachability.ts';
import { variables, type Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
export { outboxBacklog, type OutboxBacklog } from '../outbox/outbox-backlog.ts';

export type CheckState = 'up' | 'down' | 'unavailable';

export interface CheckResult {
  state: CheckState;
  /** For operators only: why it is down, or what it found. */
  detail?: string;
}

/** One named readiness check. */
export interface HealthCheck {
  name: string;
  check: () => Promise<CheckResult>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function databaseCheck(db: Db): HealthCheck {
  return {
    name: 'database',
    check: async () => {
      try {
        await db.query('select 1');
        return { state: 'up' };
      } catch (error) {
        return { state: 'down', detail: messageOf(error) };
      }
    },
  };
}

/** The engine answers our service account. */
export function engineCheck(engine: EngineRest | undefined): HealthCheck {
  return {
    name: 'engine',
    check: async () => {
      if (!engine) return { state: 'unavailable', detail: 'no engine is configured' };
      try {
        await engine.get('/process-definition/count');
        return { state: 'up' };
      } catch (error) {
        return { state: 'down', detail: messageOf(error) };
      }
    },
  };
}

/** The processes every filing needs are deployed. */
export function deploymentCheck(engine: EngineRest | undefined, processKeys: readonly string[]): HealthCheck {
  return {
    name: 'deployment',
    check: async () => {
      if (!engine) return { state: 'unavailable', detail: 'no engine is configured' };
      const missing: string[] = [];
      try {
        for (const key of processKeys) {
          const found = await engine.get<unknown[]>('/process-definition', { key, latestVersion: true });
          if (found.length === 0) missing.push(key);
        }
      } catch (error) {
        return { state: 'down', detail: messageOf(error) };
      }
      return missing.length ? { state: 'down', detail: `not deployed: ${missing.join(', ')}` } : { state: 'up' };
    },
  };
}

/** What the worker runtime reports of itself; `external` when workers run in other processes (WORKERS=off). */
export interface WorkerStatus {
  external: boolean;
  topics: readonly string[];
  /** The last fetch failed with this message; undefined when it worked. */
  lastError: string | undefined;
  /** Outcomes reported since start (completed, failed, BPMN errors, reports repeated after a conflict, …). */
  counts?: Readonly<Record<string, number>>;
}

export function workersCheck(status: () => WorkerStatus | undefined): HealthCheck {
  return {
    name: 'workers',
    check: async () => {
      const s = status();
      if (!s) return { state: 'unavailable', detail: 'no workers are running' };
      if (s.external) return { state: 'up', detail: 'run in separate processes (WORKERS=off)' };
      if (s.lastError) return { state: 'down', detail: s.lastError };
      return { state: 'up', detail: `${s.topics.length} topics: ${s.topics.join(', ')}` };
    },
  };
}

/** One department's address as operators see it. */
export interface DepartmentReachability {
  variable: string;
  url: string;
  reachable: boolean;
  reason?: string;
}

/** Every configured department, reachable or not (a TCP connection, no request). */
export async function departmentReachability(config: Config): Promise<DepartmentReachability[]> {
  const unreachable = new Map((await unreachableDepartments(config, 2000)).map((d) => [d.variable, d]));
  return DEPARTMENT_URL_KEYS.map((key) => {
    const variable = variables[key].name;
    const down = unreachable.get(variable);
    return { variable, url: config[key], reachable: !down, ...(down ? { reason: down.reason } : {}) };
  });
}

/** The engine's open incidents, counted (the list itself is GET /api/operations/incidents). */
export async function openIncidentCount(engine: EngineRest): Promise<number> {
  return (await engine.get<{ count: number }>('/incident/count')).count;
}
