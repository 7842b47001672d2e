// What `npm run bench:dashboard` measures against a seeded season (scripts/seed-season.ts): the pages' requests
// through the real HTTP API — supervision figures, drill list and exits, the operations views, the filing search and
// a county's task inbox — with random scopes (a county, a city, the province; the seeded years), the bare engine's
// task query for the same county beside the inbox (its ceiling), and, for the slowest, the plan of its slowest SQL
// statement, found by running the same code in-process on a pool that records its statements.
import type { Db } from '../../platform/db.ts';
import type { EngineRest } from '../../platform/engine-rest.ts';
import { seededRandom, type Random } from '../../domain/synthetic.ts';
import { zhejiangCounties } from '../../domain/regions.ts';
import type { Identity } from '../../platform/http/identity.ts';
import { listFilings, type FilingQuery } from '../../filings/filing-store.ts';
import { supervisionFigures } from '../../supervision/figures.ts';
import { drillItems, drillTotal, type DrillQuery } from '../../supervision/drill-list.ts';
import { exitCounts, exitItems } from '../../supervision/exits-store.ts';
import { runningFilings } from '../../operations/running-filings.ts';
import { departmentHealth } from '../../operations/department-health.ts';
import { taskDeadlines } from '../../operations/task-deadlines.ts';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import { filingSummaries } from '../../tasks/filing-summary.ts';
import { recordingPool, type RecordedStatement } from './recording-pool.ts';

export interface DashboardBenchOptions {
  /** The API's base URL. */
  base: string;
  /** The system's engine, as its service account. */
  engine: EngineRest;
  /** The seeded database, as its owner (statements are replayed and explained here). */
  db: Db;
  years: number[];
  /** Counties whose inboxes hold every task of theirs (the seed's busiest). */
  inboxCounties: string[];
  repetitions: number;
  seed: number;
  /** Only the measures whose names start with one of these (all when absent). */
  only?: string[];
  log: (line: string) => void;
}

export interface MeasureRow {
  name: string;
  via: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  failures: number;
  /** Why it was not measured (its route is not in this checkout). */
  missing?: string;
  /** The slowest SQL statement of a replay in-process, in ms. */
  slowestSqlMs?: number;
  firstFailure?: string;
}

export interface DashboardBenchResult {
  rows: MeasureRow[];
  table: string;
  slowest?: { measure: string; sql: string; values: unknown[]; plan: string };
}

type Scope = { kind: 'county' | 'city' | 'province'; regionCode: string };

interface Measure {
  name: string;
  via: 'HTTP' | 'engine REST' | 'in-process';
  /** A request to see whether the route is there at all; a 404 means not in this checkout. */
  probe?: () => Promise<number>;
  run: (rand: Random) => Promise<void>;
  /** The same work in-process on a recording pool (its statements are what the plan is shown of). */
  replay?: (rand: Random, db: Db) => Promise<void>;
}

const counties = zhejiangCounties().map((c) => c.code);
const cities = [...new Set(zhejiangCounties().map((c) => c.cityCode))];
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function benchDashboard(options: DashboardBenchOptions): Promise<DashboardBenchResult> {
  const { base, engine, db, years, repetitions, log } = options;
  const latest = Math.max(...years);
  const inboxCounties = options.inboxCounties.length ? options.inboxCounties : counties.slice(0, 1);
  const tokens = new Map<string, string>();
  async function token(role: string, regionCode?: string): Promise<string> {
    const key = `${role}|${regionCode ?? ''}`;
    const known = tokens.get(key);
    if (known) return known;
    const res = await fetch(`${base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, ...(regionCode ? { regionCode } : {}) }) });
    if (res.status !== 200) throw new Error(`dev login ${role} ${regionCode ?? ''}: ${res.status} ${await res.text()}`);
    const { token: t } = (await res.json()) as { token: string };
    tokens.set(key, t);
    return t;
  }
  async function get(path: string, role: string, regionCode?: string): Promise<number> {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await token(role, regionCode)}` } });
    await res.arrayBuffer();
    return res.status;
  }
  async function ok(path: string, role: string, regionCode?: string): Promise<void> {
    const status = await get(path, role, regionCode);
    if (status !== 200) throw new Error(`GET ${path} as ${role} ${regionCode ?? ''}: ${status}`);
  }
  // The season being worked on half the time, an earlier year otherwise.
  const year = (rand: Random) => (rand() < 0.5 ? latest : pick(rand, years));
  const scopeOf = (kind: Scope['kind'], rand: Random): Scope =>
    kind === 'county' ? { kind, regionCode: pick(rand, counties) } : kind === 'city' ? { kind, regionCode: pick(rand, cities) } : { kind, regionCode: '330000' };
  // Who reads supervision at each level: a county's lead, a city's supervisor, the province.
  const supervisor = (s: Scope) => (s.kind === 'county' ? 'lead' : s.kind);
  const staff = (s: Scope): Identity => ({ sub: `bench-${s.kind}`, role: s.kind === 'county' ? 'clerk' : s.kind, regionCode: s.regionCode });

  const anyScope = (rand: Random) => scopeOf(pick(rand, ['county', 'city', 'province'] as const), rand);
  const drillQuery = (rand: Random): DrillQuery & { scope: Scope } => {
    const scope = anyScope(rand);
    const measure = pick(rand, ['certified', 'belowQuota', 'aboveQuota', 'awaitingConfirmation', 'filed'] as const);
    return { scope, year: year(rand), regionCode: scope.regionCode, measure };
  };

  const measures: Measure[] = [];
  for (const kind of ['county', 'city', 'province'] as const) {
    measures.push({
      name: `supervision figures · ${kind}`,
      via: 'HTTP',
      probe: () => get(`/api/supervision/figures?year=${latest}&regionCode=330000`, 'province'),
      run: async (rand) => {
        const s = scopeOf(kind, rand);
        await ok(`/api/supervision/figures?year=${year(rand)}&regionCode=${s.regionCode}`, supervisor(s), s.regionCode);
      },
      replay: async (rand, rec) => {
        await supervisionFigures(rec, { year: year(rand), regionCode: scopeOf(kind, rand).regionCode });
      },
    });
  }
  measures.push(
    {
      name: 'supervision drill list · any scope',
      via: 'HTTP',
      probe: () => get(`/api/supervision/filings?year=${latest}&regionCode=330000&measure=certified&page=1&pageSize=20`, 'province'),
      run: async (rand) => {
        const q = drillQuery(rand);
        await ok(`/api/supervision/filings?year=${q.year}&regionCode=${q.regionCode}&measure=${q.measure}&page=1&pageSize=20`, supervisor(q.scope), q.regionCode);
      },
      replay: async (rand, rec) => {
        const q = drillQuery(rand);
        await drillTotal(rec, q);
        await drillItems(rec, q, { limit: 20, offset: 0 });
      },
    },
    {
      name: 'supervision exits · any scope',
      via: 'HTTP',
      probe: () => get(`/api/supervision/exits?year=${latest}&regionCode=330000&page=1&pageSize=20`, 'province'),
      run: async (rand) => {
        const s = anyScope(rand);
        await ok(`/api/supervision/exits?year=${year(rand)}&regionCode=${s.regionCode}&page=1&pageSize=20`, supervisor(s), s.regionCode);
      },
      replay: async (rand, rec) => {
        const q = { year: year(rand), regionCode: anyScope(rand).regionCode };
        await exitCounts(rec, q);
        await exitItems(rec, q, { limit: 20, offset: 0 });
      },
    },
    {
      name: 'operations running filings',
      via: 'HTTP',
      probe: () => get('/api/operations/running-filings?page=1&pageSize=20', 'operator', '330000'),
      run: async (rand) => {
        const status = pick(rand, ['', 'submitted', 'awaiting_confirmation', 'manual_review']);
        await ok(`/api/operations/running-filings?page=1&pageSize=20${status ? `&status=${status}` : ''}`, 'operator', '330000');
      },
      replay: async (_rand, rec) => {
        await runningFilings(rec, engine, await loadCalendar(rec), { page: 1, pageSize: 20, stuckAfterWorkingDays: 5, unitNames: false });
      },
    },
    {
      name: 'operations deadlines',
      via: 'HTTP',
      probe: () => get('/api/operations/deadlines', 'operator', '330000'),
      run: () => ok('/api/operations/deadlines', 'operator', '330000'),
      replay: async (_rand, rec) => {
        await taskDeadlines(rec, engine);
      },
    },
    {
      name: 'operations department health',
      via: 'HTTP',
      probe: () => get('/api/operations/departments', 'operator', '330000'),
      run: () => ok('/api/operations/departments', 'operator', '330000'),
      replay: async (_rand, rec) => {
        await departmentHealth(rec, { minutes: 15 });
      },
    },
  );
  for (const kind of ['county', 'city', 'province'] as const) {
    const role = kind === 'county' ? 'clerk' : kind;
    const query = (rand: Random): FilingQuery => {
      const status = pick(rand, [undefined, 'submitted', 'awaiting_confirmation', 'certified', 'sent_to_tax'] as const);
      return { year: year(rand), ...(status ? { status } : {}), limit: 20, offset: rand() < 0.2 ? 20 * Math.floor(rand() * 10) : 0 };
    };
    measures.push({
      name: `filing search · ${kind} ${role === 'clerk' ? 'clerk' : 'staff'}`,
      via: 'HTTP',
      run: async (rand) => {
        const s = scopeOf(kind, rand);
        const q = query(rand);
        await ok(`/api/filings?year=${q.year}${q.status ? `&status=${q.status}` : ''}&limit=${q.limit}&offset=${q.offset}`, role, s.regionCode);
      },
      replay: async (rand, rec) => {
        await listFilings(rec, staff(scopeOf(kind, rand)), query(rand));
      },
    });
  }
  for (const role of ['clerk', 'reviewer'] as const) {
    measures.push({
      name: `task inbox · county ${role}`,
      via: 'HTTP',
      run: async (rand) => ok('/api/tasks', role, pick(rand, inboxCounties)),
      // Our part of the inbox: the filings of the tasks (the engine's part is its REST, measured below).
      replay: async (rand, rec) => {
        const tasks = await engine.post<{ processInstanceId: string }[]>('/task?firstResult=0&maxResults=200', { candidateGroups: [`${role}-${pick(rand, inboxCounties)}`], active: true });
        const instances = tasks.length ? await engine.post<{ businessKey: string }[]>('/process-instance', { processInstanceIds: tasks.map((t) => t.processInstanceId) }) : [];
        await filingSummaries(rec, instances.map((i) => i.businessKey));
      },
    });
  }
  measures.push({
    name: 'engine ceiling: task query · county clerk',
    via: 'engine REST',
    run: async (rand) => {
      await engine.post('/task?firstResult=0&maxResults=200', {
        candidateGroups: [`clerk-${pick(rand, inboxCounties)}`], includeAssignedTasks: true, active: true, sorting: [{ sortBy: 'created', sortOrder: 'asc' }],
      });
    },
  });

  if (options.only) {
    const only = options.only;
    measures.splice(0, measures.length, ...measures.filter((m) => only.some((prefix) => m.name.startsWith(prefix))));
  }
  // Routes not in this checkout are named, not measured.
  const rows = new Map<Measure, MeasureRow>();
  const times = new Map<Measure, number[]>();
  for (const m of measures) {
    const status = m.probe ? await m.probe() : 200;
    rows.set(m, { name: m.name, via: m.via, n: 0, p50: NaN, p95: NaN, max: NaN, failures: 0, ...(status === 404 ? { missing: 'route not in this checkout' } : {}) });
    times.set(m, []);
  }
  const live = measures.filter((m) => !rows.get(m)!.missing);
  // Warm-up: one of each (sign-ins, the engine's and PostgreSQL's caches) that is not counted.
  const warm = seededRandom(options.seed ^ 0x5eed);
  for (const m of live) await m.run(warm).catch(() => undefined);
  const rand = seededRandom(options.seed);
  for (let i = 0; i < repetitions; i++) {
    for (const m of live) {
      const t = performance.now();
      try {
        await m.run(rand);
        times.get(m)!.push(performance.now() - t);
      } catch (error) {
        const row = rows.get(m)!;
        row.failures++;
        row.firstFailure ??= (error as Error).message;
      }
    }
    if ((i + 1) % Math.max(1, Math.floor(repetitions / 5)) === 0) log(`  repetition ${i + 1} / ${repetitions}`);
  }
  for (const m of live) {
    const sorted = times.get(m)!.sort((a, b) => a - b);
    Object.assign(rows.get(m)!, { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN });
  }

  // The statements behind each measure, replayed in-process: the slowest of each, and of the slowest measure its plan.
  const statements = new Map<Measure, RecordedStatement[]>();
  const replayRand = seededRandom(options.seed ^ 0xfeed);
  for (const m of live) {
    if (!m.replay) continue;
    const recorded: RecordedStatement[] = [];
    for (let i = 0; i < 3; i++) await m.replay(replayRand, recordingPool(db, recorded)).catch((e: Error) => log(`  replay of ${m.name} failed: ${e.message}`));
    recorded.sort((a, b) => b.ms - a.ms);
    statements.set(m, recorded);
    if (recorded[0]) rows.get(m)!.slowestSqlMs = recorded[0].ms;
  }
  // The slowest statement of all the replays: its plan is what the note shows.
  let slowest: DashboardBenchResult['slowest'];
  const candidates = [...statements].flatMap(([m, recorded]) => (recorded[0] ? [{ measure: m.name, statement: recorded[0] }] : []));
  const worst = candidates.sort((a, b) => b.statement.ms - a.statement.ms)[0];
  if (worst) {
    const { statement } = worst;
    const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.text}`, statement.values);
    slowest = { measure: worst.measure, sql: statement.text.replace(/\s+/g, ' ').trim(), values: statement.values, plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n') };
  }
  return { rows: [...rows.values()], table: formatTable([...rows.values()]), ...(slowest ? { slowest } : {}) };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

export function formatTable(rows: MeasureRow[]): string {
  const header = ['measure', 'via', 'n', 'p50 ms', 'p95 ms', 'max ms', 'slowest SQL ms', 'failures'];
  const lines = rows.map((r) =>
    r.missing
      ? [r.name, r.via, '0', '—', '—', '—', '—', r.missing]
      : [r.name, r.via, String(r.n), ms(r.p50), ms(r.p95), ms(r.max), r.slowestSqlMs === undefined ? '—' : ms(r.slowestSqlMs), r.failures ? `${r.failures} (${r.firstFailure})` : '0'],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}
