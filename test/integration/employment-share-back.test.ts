// The yearly share-back to market regulation and the levy collected (附件2 §二, §三; docs/share-back.md) on the real
// engine: processes/employment-share-back.bpmn is deployed with its yearly timer; fired, it reads the levy the tax
// bureau collected into levy_collections and shares every certified unit registered by market regulation in batches
// (the diagram's loop), storing the answer per unit. Fired again, it sends nothing (served calls counted at the
// simulator) and replaces the levy read. A department outage ends in an incident, and the operator's retry completes
// the run without a unit sent twice; a rejected unit is an incident too, and its retry sends it again. The levy
// collected shows beside the estimate in the supervision figures, the drill list and the Excel export.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import type { SupervisionFigures } from '../../supervision/figures-types.ts';
import { shareYearOf } from '../../workers/share-employment-with-market-regulation.ts';
import { storeCertifiedResult } from '../support/certified-result.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';
import { setDepartmentOutage } from '../support/department-outage.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

const KEY = 'employment-share-back';
const YEAR = shareYearOf(new Date());
const COUNTY = '330110';
const seed = Date.now() % 1_000_000;
const random = seededRandom(seed);
const samrUnit = () => syntheticUscc(random, { prefix: '91', regionCode: COUNTY });

let system: TestSystem;
let dataDir: string;
let province: string;

/** The first units: five of market regulation (the loop: batches of 2), one of civil affairs (not theirs to take). */
const units = [samrUnit(), samrUnit(), samrUnit(), samrUnit(), samrUnit()];
const civilUnit = syntheticUscc(random, { prefix: '51', regionCode: COUNTY });
const levy = (uscc: string, levyCollected: number) => ({ uscc, year: YEAR, consistent: true, levyCollected, collectedOn: `${YEAR + 1}-06-30` });

async function certifiedUnit(uscc: string, n: number, counts = { certifiedCount: 1.5, requiredCount: 3 }): Promise<void> {
  const filing = syntheticFiling(seed + n, { year: YEAR, regionCode: COUNTY });
  const id = await storeUnitFiling(system.db, { ...filing, employer: { ...filing.employer, uscc } }, YEAR, 'certified');
  await storeCertifiedResult(system.db, id, counts, YEAR);
}

async function simulatorData(taxRecords: unknown[], rejections: unknown[]): Promise<void> {
  await writeFile(path.join(dataDir, 'tax-results.json'), JSON.stringify(taxRecords));
  await writeFile(path.join(dataDir, 'market-share-rejections.json'), JSON.stringify(rejections));
  if (system) {
    const res = await fetch(`${system.simulators!.url}/_admin/reload`, { method: 'POST' });
    expect(res.status, await res.text()).toBe(200);
  }
}

const served = () => system.simulators!.faults.servedCounts()['market-share'] ?? 0;

const shares = async () =>
  (
    await system.db.query<{ uscc: string; outcome: string | null; receipt_number: string | null; reject_reason: string | null; attempt: number; figures: Record<string, number> }>(
      `select uscc, outcome, receipt_number, reject_reason, attempt, figures from employment_shares where year = $1 order by uscc`,
      [YEAR],
    )
  ).rows;

/** Fires the yearly timer once and returns the instance it started. */
async function fireTimer(): Promise<string> {
  const before = new Set((await system.rest.get<{ id: string }[]>('/history/process-instance', { processDefinitionKey: KEY })).map((i) => i.id));
  const [timer] = await system.rest.get<{ id: string }[]>('/job', { processDefinitionKey: KEY, timers: true });
  await system.rest.post(`/job/${timer!.id}/execute`);
  return eventually('the started instance', async () =>
    (await system.rest.get<{ id: string }[]>('/history/process-instance', { processDefinitionKey: KEY })).find((i) => !before.has(i.id))?.id,
  );
}

const completed = (id: string) =>
  eventually(`instance ${id} completed`, async () => {
    const [instance] = await system.rest.get<{ state: string }[]>('/history/process-instance', { processInstanceId: id });
    return instance?.state === 'COMPLETED' ? true : undefined;
  });

const incidentOn = (processInstanceId: string) =>
  eventually('an incident on share-employment', async () =>
    (await system.rest.get<{ activityId: string; incidentMessage: string; configuration: string }[]>('/incident', { processInstanceId })).find((i) => i.activityId === 'share-employment'),
  );

async function retry(processInstanceId: string): Promise<void> {
  const [task] = await system.rest.get<{ id: string; retries: number }[]>('/external-task', { processInstanceId, activityId: 'share-employment' });
  expect(task!.retries).toBe(0);
  await system.rest.put(`/external-task/${task!.id}/retries`, { retries: 1 });
}

beforeAll(async () => {
  // The shipped seed data, but this test's own tax records and rejections.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'share-back-sim-'));
  await cp(path.resolve(import.meta.dirname, '../../connectors/seed-data'), dataDir, { recursive: true });
  await simulatorData([levy(units[0]!, 12_000.5), levy(units[1]!, 0), levy(civilUnit, 3_000)], []);
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, WORKER_RETRIES: '2' });
  province = await system.login({ role: 'province', regionCode: '330000' });
  // The project's diagram with batches of 2 units, so that five units take the loop three times.
  const xml = await readFile(path.resolve(import.meta.dirname, '../../processes/employment-share-back.bpmn'), 'utf8');
  await deployDiagram(system.rest, KEY, xml.replace('name="batchSize" value="200"', 'name="batchSize" value="2"'));
  for (const [n, uscc] of units.entries()) await certifiedUnit(uscc, n);
  await certifiedUnit(civilUnit, 10);
  // A unit still under review is not shared.
  const pending = syntheticFiling(seed + 11, { year: YEAR, regionCode: COUNTY });
  await storeUnitFiling(system.db, { ...pending, employer: { ...pending.employer, uscc: samrUnit() } }, YEAR, 'reviewing');
}, 180_000);

afterAll(async () => {
  if (system) {
    // The test's version goes; the project's diagram (and its timer) is the latest again.
    for (const d of await system.rest.get<{ id: string }[]>('/deployment', { name: `test-${KEY}` })) await system.rest.delete(`/deployment/${d.id}?cascade=true`);
  }
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the yearly share-back to market regulation', () => {
  it('is deployed with its yearly timer after the season, in the diagram', async () => {
    const definition = await system.rest.get<{ historyTimeToLive: number; name: string }>(`/process-definition/key/${KEY}`);
    expect(definition).toMatchObject({ name: '就业情况共享市场监管部门', historyTimeToLive: 1825 });
    const [timer] = await system.rest.get<{ dueDate: string }[]>('/job', { processDefinitionKey: KEY, timers: true });
    // 15 January, 09:00 in China (01:00 UTC).
    expect(new Date(timer!.dueDate).toISOString()).toMatch(/-01-15T01:00:00\.000Z$/);
  });

  it('fired, stores the levy collected and shares each certified unit of market regulation in batches, with its answer', async () => {
    const before = served();
    await completed(await fireTimer());
    const rows = await shares();
    expect(rows.map((r) => r.uscc)).toEqual([...units].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ outcome: 'accepted', reject_reason: null, attempt: 1 });
      expect(row.receipt_number).toMatch(/^SCJG-/);
      expect(row.figures).toMatchObject({ disabledEmployees: 0, certifiedCount: 1.5, requiredCount: 3 });
      expect(row.figures.staffCount).toBeGreaterThan(0);
    }
    // Five units in batches of two: three calls.
    expect(served() - before).toBe(3);
    const { rows: collected } = await system.db.query(`select uscc, amount::float8 as amount, collected_on::text from levy_collections where year = $1 order by uscc`, [YEAR]);
    expect(collected).toEqual(
      [
        { uscc: units[0], amount: 12_000.5, collected_on: `${YEAR + 1}-06-30` },
        { uscc: units[1], amount: 0, collected_on: `${YEAR + 1}-06-30` },
        { uscc: civilUnit, amount: 3_000, collected_on: `${YEAR + 1}-06-30` },
      ].sort((a, b) => (a.uscc! < b.uscc! ? -1 : 1)),
    );
  });

  it('fired again, sends no unit a second time and replaces the levy read', async () => {
    await simulatorData([levy(units[0]!, 12_500), levy(units[1]!, 0), levy(civilUnit, 3_000)], []);
    const before = served();
    const receipts = (await shares()).map((r) => r.receipt_number);
    await completed(await fireTimer());
    expect(served()).toBe(before);
    expect((await shares()).map((r) => r.receipt_number)).toEqual(receipts);
    const { rows } = await system.db.query(`select count(*)::int as n, sum(amount)::float8 as total from levy_collections where year = $1`, [YEAR]);
    expect(rows[0]).toEqual({ n: 3, total: 15_500 });
  });

  it('turns a department outage into an incident; retried once it is back, completes without a unit sent twice', async () => {
    const added = [samrUnit(), samrUnit(), samrUnit()];
    for (const [n, uscc] of added.entries()) await certifiedUnit(uscc, 20 + n);
    const before = served();
    let instance: string;
    try {
      await setDepartmentOutage(system, 'market-share', true);
      instance = await fireTimer();
      const incident = await incidentOn(instance);
      expect(incident.incidentMessage).toContain('市场监管部门就业情况接收接口暂时无法访问');
      // Nothing was answered while it was down; the batch waits with its key.
      expect((await shares()).filter((r) => added.includes(r.uscc)).every((r) => r.outcome === null)).toBe(true);
    } finally {
      await setDepartmentOutage(system, 'market-share', false);
    }
    await retry(instance);
    await completed(instance);
    const rows = await shares();
    expect(rows).toHaveLength(units.length + added.length);
    expect(rows.every((r) => r.outcome === 'accepted' && r.attempt === 1)).toBe(true);
    // Three new units in batches of two: two calls answered, none of them a repeat.
    expect(served() - before).toBe(2);
  });

  it('turns a rejected unit into an incident naming its reason; retried, sends that unit again and completes', async () => {
    const rejected = samrUnit();
    await certifiedUnit(rejected, 30);
    await simulatorData([levy(units[0]!, 12_500), levy(units[1]!, 0), levy(civilUnit, 3_000)], [{ uscc: rejected, reason: '该市场主体已被列入经营异常名录，暂不接收' }]);
    const instance = await fireTimer();
    const incident = await incidentOn(instance);
    expect(incident.incidentMessage).toContain('市场监管部门拒收了');
    expect(incident.incidentMessage).toContain(`${rejected}：该市场主体已被列入经营异常名录，暂不接收`);
    expect((await shares()).find((r) => r.uscc === rejected)).toMatchObject({ outcome: 'rejected', reject_reason: '该市场主体已被列入经营异常名录，暂不接收', attempt: 1 });

    // Market regulation settles it on its side; the operator retries.
    await simulatorData([levy(units[0]!, 12_500), levy(units[1]!, 0), levy(civilUnit, 3_000)], []);
    const before = served();
    await retry(instance);
    await completed(instance);
    expect((await shares()).find((r) => r.uscc === rejected)).toMatchObject({ outcome: 'accepted', reject_reason: null, attempt: 2 });
    expect(served() - before).toBe(1);

    // Operators (and the province, reading) see where the year stands; an employer does not.
    const operator = await system.login({ role: 'operator', userId: 'operator.share-back' });
    const state = await system.request('GET', '/api/operations/share-back', { token: operator });
    expect(state.status).toBe(200);
    expect(state.body.years.find((y: { year: number }) => y.year === YEAR)).toEqual({ year: YEAR, accepted: units.length + 4, rejected: 0, awaitingAnswer: 0 });
    expect((await system.request('GET', '/api/operations/share-back', { token: province })).status).toBe(200);
  });

  it('shows the levy collected beside the estimate in the supervision figures, the filings behind them and the Excel export', async () => {
    const res = await system.request('GET', `/api/supervision/figures?year=${YEAR}&regionCode=${COUNTY}`, { token: province });
    expect(res.status).toBe(200);
    const figures = res.body as SupervisionFigures;
    // Our own count over the same data: the collections of units with an active filing of the year in the county.
    const { rows } = await system.db.query<{ units: number; amount: number }>(
      `select count(*)::int as units, coalesce(sum(l.amount), 0)::float8 as amount from levy_collections l
        where l.year = $1 and exists (select 1 from filings f where f.employer_uscc = l.uscc and f.year = l.year and f.handling_region_code = $2
                                        and f.status not in ('returned', 'withdrawn', 'transferred'))`,
      [YEAR, COUNTY],
    );
    expect(figures.employment.levyCollected).toEqual(rows[0]);
    expect(figures.employment.levyCollected.amount).toBeGreaterThanOrEqual(15_500);
    expect(figures.byCounty.find((c) => c.regionCode === COUNTY)!.levyCollected).toBe(rows[0]!.amount);
    expect(figures.years.find((y) => y.year === YEAR)!.levyCollected).toBe(rows[0]!.amount);

    const list = await system.request('GET', `/api/supervision/filings?year=${YEAR}&regionCode=${COUNTY}&measure=certified&pageSize=100`, { token: province });
    expect(list.status).toBe(200);
    const items = list.body.items as { uscc: string; levyCollected: number | null }[];
    expect(items.find((i) => i.uscc === units[0])!.levyCollected).toBe(12_500);
    expect(items.find((i) => i.uscc === units[2])!.levyCollected).toBeNull();

    const xlsx = await fetch(`${system.apiUrl}/api/supervision/export?table=byCounty&year=${YEAR}&regionCode=${COUNTY}`, { headers: { authorization: `Bearer ${province}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => sheet.push((row.values as unknown[]).slice(1)));
    const column = sheet[1]!.indexOf('税务已征收保障金（元）');
    expect(column).toBeGreaterThan(0);
    expect(sheet.find((r) => r[0] === COUNTY)![column]).toBe(rows[0]!.amount);
  });
});
