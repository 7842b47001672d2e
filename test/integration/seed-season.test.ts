// `npm run seed:season` at small N (2 000 filings, three years) into a scratch database, then `bench:dashboard`'s
// measures against it: the counts per year, status and county are what the plan asked for; every declaration passes
// the filing's own checks (schema, check digits, dates); one filing per unit and year; the rows a status implies are
// there and no others; the supervision figures (kept incrementally, rebuilt after the load) equal a count of our own
// over the filings; the open tasks stand in the engine at their user task, in the counties' inboxes; and the bench
// prints a table with every measure (no time limit is asserted: this machine is shared).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool, databaseUrlNamed, dropDatabase, type Db } from '../../platform/db.ts';
import { databaseNameOf } from '../../scripts/engine/engine-database-role.ts';
import { checkIdNumber } from '../../domain/identifiers/id-number.ts';
import { checkUscc } from '../../domain/identifiers/uscc.ts';
import { checkDisabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { zhejiangCounties } from '../../domain/regions.ts';
import { validateFiling } from '../../filings/declaration/validate-filing.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { supervisionFigures } from '../../supervision/figures.ts';
import { loadSeason, type LoadSummary } from '../../scripts/seed-season/load-season.ts';
import { CURRENT_SEASON_MIX, PAST_SEASON_MIX, seasonPlan, TASK_OF_STATUS } from '../../scripts/seed-season/plan.ts';
import { busiestCounties, openTasks, type OpenTasksResult } from '../../scripts/seed-season/open-tasks.ts';
import { rebuildFacts } from '../../scripts/seed-season/supervision-facts.ts';
import { benchDashboard, type DashboardBenchResult } from '../../scripts/bench/dashboard-measures.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

// Under the run's database name: the run's set-up drops it if a killed run left it behind.
const seasonUrl = databaseUrlNamed(inject('databaseUrl'), `${databaseNameOf(inject('databaseUrl'))}_season`);
const FILINGS = 2000;
const YEARS = [2023, 2024, 2025];

let summary: LoadSummary;
let db: Db;
let system: TestSystem;
let tasks: OpenTasksResult;
let inboxCounties: string[];
let bench: DashboardBenchResult;
let printed = '';

beforeAll(async () => {
  summary = await loadSeason({ databaseUrl: seasonUrl, filings: FILINGS, years: YEARS, seed: 11, now: new Date(), replace: true, log: () => undefined });
  db = createPool(seasonUrl);
  await rebuildFacts(db, () => undefined);
  system = await startTestSystem({ DATABASE_URL: seasonUrl });
  inboxCounties = await busiestCounties(db, 2025, 2);
  tasks = await openTasks({ db, engine: system.rest, year: 2025, share: 0.2, fullCounties: inboxCounties, concurrency: 4, log: () => undefined });
  bench = await benchDashboard({ base: system.apiUrl, engine: system.rest, db, years: YEARS, inboxCounties, repetitions: 5, seed: 3, log: () => undefined });
  printed = bench.table;
  console.log(`${bench.table}\n${bench.slowest?.plan ?? ''}`);
}, 600_000);

afterAll(async () => {
  // The run's engine outlives this suite: the instances started here go with it, as a later suite must not see them.
  if (system) {
    const { rows } = await db.query<{ id: string }>('select id from filings where year = 2025 and status = any($1)', [Object.keys(TASK_OF_STATUS)]);
    for (const { id } of rows) {
      const instances = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: id });
      for (const instance of instances) await system.rest.delete(`/process-instance/${instance.id}?skipCustomListeners=true&skipIoMappings=true`);
    }
    await system.stop();
  }
  await db?.end();
  await dropDatabase(seasonUrl);
}, 300_000);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

describe('seed:season at 2 000 filings', () => {
  it('holds the filings the plan asked for: per year, per status and per county, in every county', async () => {
    const plan = seasonPlan(FILINGS, YEARS);
    expect(await count('select count(*) as n from filings')).toBe(FILINGS);
    for (const year of YEARS) expect(await count('select count(*) as n from filings where year = $1', [year])).toBe(plan.filingsPerYear.get(year));
    const { rows } = await db.query<{ year: number; status: string; county: string; n: string }>(
      'select year, status, handling_region_code as county, count(*) as n from filings group by 1, 2, 3',
    );
    const byYearStatus = new Map<string, number>();
    const byYearCounty = new Map<string, number>();
    for (const r of rows) {
      byYearStatus.set(`${r.year}|${r.status}`, (byYearStatus.get(`${r.year}|${r.status}`) ?? 0) + Number(r.n));
      byYearCounty.set(`${r.year}|${r.county}`, (byYearCounty.get(`${r.year}|${r.county}`) ?? 0) + Number(r.n));
    }
    expect(byYearStatus).toEqual(summary.byYearStatus);
    expect(byYearCounty).toEqual(summary.byYearCounty);
    // Past seasons only in their end states; the current one spread over every step.
    const past = new Set(PAST_SEASON_MIX.map(([s]) => s));
    const current = new Set(CURRENT_SEASON_MIX.map(([s]) => s));
    for (const key of byYearStatus.keys()) {
      const [year, status] = key.split('|') as [string, never];
      expect(Number(year) === 2025 ? current.has(status) : past.has(status), key).toBe(true);
    }
    for (const status of ['submitted', 'awaiting_confirmation', 'manual_review', 'certified', 'sent_to_tax']) {
      expect(byYearStatus.get(`2025|${status}`) ?? 0, status).toBeGreaterThan(0);
    }
    const counties = new Set(rows.map((r) => r.county));
    expect([...counties].sort()).toEqual(zhejiangCounties().map((c) => c.code).sort());
  });

  it('declares synthetic people with valid check digits, and every declaration passes the filing checks', async () => {
    const { rows } = await db.query<{ declaration: Filing }>('select declaration from filings');
    expect(rows).toHaveLength(FILINGS);
    for (const { declaration } of rows) {
      const result = validateFiling(declaration, { maxEmployees: 2000, yearFrom: 2020, yearTo: 2026, today: new Date() });
      expect(result.ok ? [] : result.issues, declaration.employer.uscc).toEqual([]);
      expect(checkUscc(declaration.employer.uscc)).toBeNull();
      expect(checkIdNumber(declaration.employer.legalRepIdNumber)).toBeNull();
      for (const e of declaration.employees) {
        expect(checkIdNumber(e.idNumber)).toBeNull();
        if (e.certType === 'disability') expect(checkDisabilityCertNumber(e.certNumber, { idNumber: e.idNumber, category: e.disabilityCategory, grade: e.disabilityGrade })).toBeNull();
      }
    }
  });

  it('has one filing per unit and year, and the rows each status implies', async () => {
    expect(await count('select count(*) as n from (select 1 from filings group by employer_uscc, year having count(*) > 1) d')).toBe(0);
    expect(await count('select count(distinct employer_uscc) as n from filings')).toBe(summary.employers);
    const certified = ['certified', 'feedback', 'sent_to_tax', 'closed'];
    expect(await count('select count(*) as n from certificates')).toBe(await count('select count(*) as n from filings where status = any($1)', [certified]));
    expect(await count('select count(*) as n from certificates c join filings f on f.id = c.filing_id where f.status <> all($1)', [certified])).toBe(0);
    expect(await count('select count(*) as n from tax_handovers')).toBe(await count(`select count(*) as n from filings where status in ('sent_to_tax', 'closed')`));
    expect(await count(`select count(*) as n from tax_handovers where consistent is null`)).toBe(await count(`select count(*) as n from filings where status = 'sent_to_tax'`));
    expect(await count('select count(*) as n from filing_reviews r join filings f on f.id = r.filing_id where f.status in ($1, $2, $3, $4)', ['submitted', 'accepted', 'reviewing', 'returned'])).toBe(0);
    expect(await count(`select count(*) as n from filings f where status in ('awaiting_confirmation', 'certified', 'closed') and not exists (select 1 from filing_reviews r where r.filing_id = f.id)`)).toBe(0);
    // Every history starts with the filing and ends in the filing's status.
    expect(await count(`select count(*) as n from filings f where (select h.status from filing_status_history h where h.filing_id = f.id order by h.at, h.id limit 1) <> 'submitted'`)).toBe(0);
    expect(await count(`select count(*) as n from filings f where (select h.status from filing_status_history h where h.filing_id = f.id order by h.at desc, h.id desc limit 1) <> f.status`)).toBe(0);
  });

  it('keeps supervision figures equal to a count of our own over the filings', async () => {
    const { rows } = await db.query<{ year: number; county: string; status: string; channel: string; employees: number | null }>(
      `select f.year, f.handling_region_code as county, f.status, f.channel,
              (select count(*) from jsonb_array_elements(r.result -> 'employees') x where (x ->> 'counted')::boolean)::int as employees
         from filings f left join filing_reviews r on r.filing_id = f.id`,
    );
    for (const year of YEARS) {
      for (const regionCode of ['330000', '330100', inboxCounties[0]!]) {
        const mine = rows.filter((r) => r.year === year && r.county.startsWith(regionCode === '330000' ? '33' : regionCode.endsWith('00') ? regionCode.slice(0, 4) : regionCode));
        const filed = mine.filter((r) => !['returned', 'withdrawn', 'transferred'].includes(r.status));
        const certified = filed.filter((r) => ['certified', 'feedback', 'sent_to_tax', 'closed'].includes(r.status));
        const figures = await supervisionFigures(db, { year, regionCode });
        expect(figures.progress, `${year} ${regionCode}`).toMatchObject({
          filed: filed.length,
          online: filed.filter((r) => r.channel === 'online').length,
          window: filed.filter((r) => r.channel === 'window').length,
          awaitingConfirmation: filed.filter((r) => r.status === 'awaiting_confirmation').length,
          certified: certified.length,
          sentToTax: filed.filter((r) => ['sent_to_tax', 'closed'].includes(r.status)).length,
        });
        expect(figures.employment.certifiedEmployees, `${year} ${regionCode}`).toBe(certified.reduce((s, r) => s + (r.employees ?? 0), 0));
      }
    }
  });

  it('opens the tasks of the busiest counties and a share elsewhere in the engine, at their user task', async () => {
    const waiting = await count('select count(*) as n from filings where year = 2025 and status = any($1)', [Object.keys(TASK_OF_STATUS)]);
    expect(tasks.waiting).toBe(waiting);
    const inCounty = await count(`select count(*) as n from filings where year = 2025 and status = 'submitted' and handling_region_code = $1`, [inboxCounties[0]]);
    expect(inCounty).toBeGreaterThan(0);
    const { count: acceptance } = await system.rest.get<{ count: number }>('/task/count', { processDefinitionKey: 'annual-review', taskDefinitionKey: 'acceptance', candidateGroup: `clerk-${inboxCounties[0]}` });
    expect(acceptance).toBe(inCounty);
    expect(tasks.started).toBeGreaterThanOrEqual(inCounty);
    expect(tasks.started).toBeLessThan(waiting);
    const clerk = await system.login({ role: 'clerk', regionCode: inboxCounties[0] });
    const inbox = await system.request('GET', '/api/tasks', { token: clerk });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.filter((t: { taskDefinitionKey: string }) => t.taskDefinitionKey === 'acceptance')).toHaveLength(inCounty);
    expect(inbox.body.items.every((t: { filing: { handlingRegionCode: string } | null }) => t.filing?.handlingRegionCode === inboxCounties[0])).toBe(true);
  });

  it('bench:dashboard prints a table with every measure, each measured without failure', () => {
    const names = [
      'supervision figures · county', 'supervision figures · city', 'supervision figures · province',
      'supervision drill list · any scope', 'supervision exits · any scope',
      'operations running filings', 'operations deadlines', 'operations department health',
      'filing search · county clerk', 'filing search · city staff', 'filing search · province staff',
      'task inbox · county clerk', 'task inbox · county reviewer', 'engine ceiling: task query · county clerk',
    ];
    expect(bench.rows.map((r) => r.name)).toEqual(names);
    for (const row of bench.rows) {
      expect(row.missing, row.name).toBeUndefined();
      expect({ name: row.name, n: row.n, failures: row.failures, firstFailure: row.firstFailure }).toEqual({ name: row.name, n: 5, failures: 0, firstFailure: undefined });
      expect(row.p95).toBeGreaterThan(0);
    }
    for (const name of names) expect(printed).toContain(name);
    expect(bench.slowest?.plan).toMatch(/Execution Time/);
  });
});

