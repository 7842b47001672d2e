// Supervision (issue 22 item 1) over the real system: filings of two cities filed online, reviewed by the departments'
// simulators and the deployed DMN, confirmed and certified through the API; then the figures, drill lists, exits and
// exports as a city (its own counties only), the province (both) and a county lead, checked against a count of our
// own over the filings. A unit's previous year stands in the database as history (the review scenarios describe
// 2025 only), so that exits across two years can be seen: an employee not declared again, one retired by age, one
// who left mid-year, one whose certificate ended.
import { chinaYearOf } from '../../platform/china-date.ts';
import { rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Employee, Filing } from '../../filings/declaration/filing.ts';
import { seededRandom, syntheticIdNumber, syntheticName } from '../../domain/synthetic.ts';
import { databaseUrlNamed, dropDatabase } from '../../platform/db.ts';
import { maskIdNumber } from '../../platform/masking.ts';
import type { ReviewResult } from '../../review/review-result.ts';
import { saveReview } from '../../review/review-store.ts';
import { databaseNameOf } from '../../scripts/engine/engine-database-role.ts';
import type { SupervisionFigures } from '../../supervision/figures-types.ts';
import { rebuildSupervisionFacts } from '../../supervision/rebuild.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';
import { completeFilingTask, fileAndReview, filingWhen } from '../support/filing-steps.ts';
import { buildScenario, simDataDirWith } from '../support/review-scenarios.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const YEAR = 2025;
const CITY_A = '330100';
const CITY_B = '330200';
const applicationUrl = databaseUrlNamed(inject('databaseUrl'), `${databaseNameOf(inject('databaseUrl'))}_supervision`);

const full = { averageStaffCount: 100, averageAnnualWage: 80_000 };
const S = {
  // Hangzhou, Xihu: two counted (a disability and a veteran certificate) against 1.5 required → above quota.
  a1: buildScenario({ seed: 931_001, regionCode: '330106', ...full, employees: [{ cert: { kind: 'disability', grade: 2 } }, { cert: { kind: 'veteran', grade: 5 } }] }),
  // Hangzhou, Binjiang: a certificate the register does not hold → none counted against 3 required.
  a2: buildScenario({ seed: 931_002, regionCode: '330108', averageStaffCount: 200, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 3 }, register: { held: false } }] }),
  // Hangzhou, Xihu, a unit that filed last year: one stays, one left in June, one whose certificate ended in August.
  exits: buildScenario({
    seed: 931_003,
    regionCode: '330106',
    ...full,
    employees: [
      { cert: { kind: 'disability', grade: 4 } },
      { cert: { kind: 'disability', grade: 3 }, employed: { from: '2025-01-01', to: '2025-06-30' } },
      { cert: { kind: 'disability', grade: 1 }, register: { validFrom: '2015-09-01', validUntil: '2025-08-31' } },
    ],
  }),
  // Ningbo, Haishu: one counted, one who left in March.
  b1: buildScenario({
    seed: 931_004,
    regionCode: '330203',
    ...full,
    employees: [{ cert: { kind: 'disability', grade: 1 } }, { cert: { kind: 'disability', grade: 4 }, employed: { from: '2025-01-01', to: '2025-03-31' } }],
  }),
};

let system: TestSystem;
let dataDir: string;
const ids: Record<keyof typeof S, string> = { a1: '', a2: '', exits: '', b1: '' };
let cityA: string;
let cityB: string;
let province: string;
let leadXihu: string;
let clerk: string;
/** The 2024 history of the `exits` unit: who was declared then and not now. */
const history = { gone: { name: '', idNumber: '' }, retired: { name: '', idNumber: '' } };

const months = (counted: (m: number) => boolean, reason: string) =>
  Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    return { month: `2024-${String(m).padStart(2, '0')}`, counted: counted(m), reasons: counted(m) ? [] : [reason] };
  });

/** The `exits` unit's 2024 filing, closed, with its stored review: written as history, no process. */
async function storeLastYear(db: pg.Pool): Promise<void> {
  const filing2025 = S.exits.filing;
  const rand = seededRandom(931_099);
  const stays = filing2025.employees[0]!;
  const person = (birthFrom: string, birthTo: string): Employee => ({
    ...stays,
    name: syntheticName(rand),
    idNumber: syntheticIdNumber(rand, { regionCode: '330106', birthFrom, birthTo, male: true }),
    employedFrom: '2024-01-01',
    employedTo: '2024-12-31',
  });
  const gone = person('1985-01-01', '1990-12-31');
  // A man born in February 1964 reaches 60 (the deployed retirement age for his birth year) in February 2024.
  const retired = person('1964-02-01', '1964-02-28');
  history.gone = { name: gone.name, idNumber: gone.idNumber };
  history.retired = { name: retired.name, idNumber: retired.idNumber };
  const declaration: Filing = { ...filing2025, year: 2024, employees: [{ ...stays, employedFrom: '2024-01-01', employedTo: '2024-12-31' }, gone, retired] };
  const id = randomUUID();
  await db.query(`insert into employers (uscc, name, region_code, unit_nature) values ($1, $2, $3, $4) on conflict (uscc) do nothing`, [
    declaration.employer.uscc, declaration.employer.name, '330106', declaration.employer.unitNature,
  ]);
  await db.query(
    `insert into filings (id, year, channel, employer_uscc, receiving_region_code, handling_region_code, status, declaration, created_by)
     values ($1, 2024, 'online', $2, '330106', '330106', 'closed', $3, 'test-history')`,
    [id, declaration.employer.uscc, JSON.stringify(declaration)],
  );
  const employee = (index: number, counted: (m: number) => boolean, reason: string) => {
    const ms = months(counted, reason);
    const countedMonths = ms.filter((m) => m.counted).length;
    return { index, counted: countedMonths > 0, weight: 1, countedMonths, contribution: Math.round((countedMonths / 12) * 100) / 100, months: ms, reasons: countedMonths < 12 ? [reason] : [] };
  };
  const result = {
    year: 2024,
    certifiedCount: 2.17,
    requiredCount: 1.5,
    shortfall: 0,
    levyEstimate: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80_000, wageBaseCap: 232_000, quotaRatio: 0.015, actualRatio: 0.0217 },
    employerFindings: [],
    employees: [employee(0, () => true, ''), employee(1, () => true, ''), employee(2, (m) => m <= 2, 'AGE_OUT_OF_RANGE')],
  } as unknown as ReviewResult;
  const rules = { key: 'test', id: 'test:1', version: 1 };
  await saveReview(db, id, result, { counting: rules, weight: rules, levy: rules }, `history:${id}`);
}

async function certify(key: keyof typeof S): Promise<void> {
  const { id, employer } = await fileAndReview(system, S[key].filing);
  ids[key] = id;
  await completeFilingTask(system, employer, id, 'confirm-result', { confirmationDecision: 'confirm' });
  await filingWhen(system, employer, id, 'certified', (f) => f.status === 'certified');
}

beforeAll(async () => {
  dataDir = await simDataDirWith(Object.values(S));
  system = await startTestSystem({ DATABASE_URL: applicationUrl, SIM_DATA_DIR: dataDir });
  await storeLastYear(system.db);
  await Promise.all((Object.keys(S) as (keyof typeof S)[]).map((key) => certify(key)));
  cityA = await system.login({ role: 'city', regionCode: CITY_A });
  cityB = await system.login({ role: 'city', regionCode: CITY_B });
  province = await system.login({ role: 'province', regionCode: '330000' });
  leadXihu = await system.login({ role: 'lead', regionCode: '330106' });
  clerk = await system.login({ role: 'clerk', regionCode: '330106' });
}, 300_000);

afterAll(async () => {
  await system?.stop();
  await dropDatabase(applicationUrl).catch(() => undefined);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const get = (token: string, path: string) => system.request('GET', path, { token });

/** Our own count over the filings of a region: statuses and stored reviews, read straight from the filings' tables. */
async function ownCount(regionPrefix: string) {
  const rows = (
    await system.db.query<{ id: string; handling_region_code: string; status: string; channel: string; result: ReviewResult | null; declaration: Filing }>(
      `select f.id, f.handling_region_code, f.status, f.channel, r.result, f.declaration
         from filings f left join filing_reviews r on r.filing_id = f.id where f.year = $1 and f.handling_region_code like $2`,
      [YEAR, `${regionPrefix}%`],
    )
  ).rows;
  const certifiedStatuses = ['certified', 'feedback', 'sent_to_tax', 'closed'];
  const certified = rows.filter((r) => certifiedStatuses.includes(r.status));
  const countedEmployees = (r: (typeof rows)[number]) => (r.result?.employees ?? []).filter((e) => e.counted);
  const kind = (k: string) => certified.flatMap((r) => countedEmployees(r).filter((e) => r.declaration.employees[e.index]!.certType === k)).length;
  const below = certified.filter((r) => r.result!.certifiedCount < r.result!.requiredCount);
  const above = certified.filter((r) => r.result!.certifiedCount > r.result!.requiredCount);
  const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
  return {
    ids: rows.map((r) => r.id).sort(),
    filed: rows.length,
    online: rows.filter((r) => r.channel === 'online').length,
    certified: certified.length,
    sentToTax: rows.filter((r) => ['sent_to_tax', 'closed'].includes(r.status)).length,
    awaitingConfirmation: rows.filter((r) => r.status === 'awaiting_confirmation').length,
    certifiedEmployees: certified.flatMap(countedEmployees).length,
    disability: kind('disability'),
    veteran: kind('veteran'),
    belowUnits: below.length,
    shortfall: sum(below.map((r) => r.result!.requiredCount - r.result!.certifiedCount)),
    levy: sum(certified.map((r) => r.result!.levyEstimate.payable)),
    aboveUnits: above.length,
    surplus: sum(above.map((r) => r.result!.certifiedCount - r.result!.requiredCount)),
  };
}

describe('figures', () => {
  it("a city's figures are a count of its own filings, and nothing of another city's", async () => {
    const res = await get(cityA, `/api/supervision/figures?year=${YEAR}&regionCode=${CITY_A}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const f = res.body as SupervisionFigures;
    const own = await ownCount('3301');
    expect(own.ids).toEqual([ids.a1, ids.a2, ids.exits].sort());
    expect(f.regionName).toBe('杭州市');
    expect(f.progress).toMatchObject({
      filed: own.filed, online: own.online, window: 0, accepted: own.filed, awaitingConfirmation: own.awaitingConfirmation,
      disputed: 0, certified: own.certified, sentToTax: own.sentToTax,
    });
    // Expected: last year's filer (the exits unit) plus the two units new this year.
    expect(f.progress.expected).toBe(3);
    expect(f.employment.certifiedEmployees).toBe(own.certifiedEmployees);
    expect(f.employment.byCertificateKind.find((k) => k.kind === 'disability')?.count).toBe(own.disability);
    expect(f.employment.byCertificateKind.find((k) => k.kind === 'veteran')?.count).toBe(own.veteran);
    expect(f.employment.belowQuota).toEqual({ units: own.belowUnits, shortfall: own.shortfall, levyEstimate: own.levy });
    expect(f.employment.aboveQuota).toEqual({ units: own.aboveUnits, surplus: own.surplus });
    expect(own.belowUnits).toBeGreaterThan(0);
    expect(own.aboveUnits).toBeGreaterThan(0);
    expect(f.employment.ratioBuckets.reduce((n, b) => n + b.units, 0)).toBe(own.certified);
    expect(f.employment.ratioBuckets.find((b) => b.key === 'none')?.units).toBe(1);
    const manufacturing = f.employment.byIndustry.find((i) => i.industryCode === S.a1.filing.employer.industryCode.charAt(0));
    expect(manufacturing).toMatchObject({ units: 3, certifiedEmployees: own.certifiedEmployees, belowQuotaUnits: own.belowUnits });
    // Every county of the city is listed; only Hangzhou's.
    expect(f.byCounty.every((c) => c.regionCode.startsWith('3301'))).toBe(true);
    expect(f.byCounty.find((c) => c.regionCode === '330106')).toMatchObject({ expected: 2, filed: 2, certified: 2 });
    expect(f.byCounty.find((c) => c.regionCode === '330108')).toMatchObject({ expected: 1, filed: 1, certified: 1, belowQuotaUnits: 1 });
    expect(f.years.map((y) => y.year)).toEqual([2024, 2025]);
    expect(f.years[0]).toMatchObject({ filed: 1, certified: 1 });
    expect(JSON.stringify(f)).not.toContain('3302');
  });

  it('the province sees both cities; a county lead its county; a clerk is refused', async () => {
    const all = (await get(province, `/api/supervision/figures?year=${YEAR}&regionCode=330000`)).body as SupervisionFigures;
    const own = await ownCount('33');
    expect(all.progress.filed).toBe(own.filed);
    expect(all.employment.certifiedEmployees).toBe(own.certifiedEmployees);
    expect(all.byCounty.find((c) => c.regionCode === '330203')).toMatchObject({ filed: 1, certified: 1 });
    const lead = await get(leadXihu, `/api/supervision/figures?year=${YEAR}`);
    expect(lead.status).toBe(200);
    expect(lead.body.byCounty.map((c: { regionCode: string }) => c.regionCode)).toEqual(['330106']);
    expect(lead.body.progress.filed).toBe(2);
    expect((await get(leadXihu, `/api/supervision/figures?year=${YEAR}&regionCode=330108`)).status).toBe(403);
    expect((await get(cityA, `/api/supervision/figures?year=${YEAR}&regionCode=${CITY_B}`)).status).toBe(403);
    expect((await get(cityA, `/api/supervision/figures?year=${YEAR}&regionCode=330203`)).status).toBe(403);
    expect((await get(clerk, `/api/supervision/figures?year=${YEAR}&regionCode=330106`)).status).toBe(403);
    expect((await get(clerk, `/api/supervision/exits?year=${YEAR}&regionCode=330106`)).status).toBe(403);
  });

  it('answers bad query parameters with field errors', async () => {
    const bad = await get(cityA, `/api/supervision/filings?year=20x5&regionCode=339999&measure=everything&pageSize=500`);
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path?: string; field?: string }) => e.path ?? e.field);
    expect(paths.join(' ')).toMatch(/year/);
    expect(paths.join(' ')).toMatch(/measure/);
    expect(paths.join(' ')).toMatch(/pageSize/);
    const region = await get(cityA, `/api/supervision/figures?year=${YEAR}&regionCode=339999`);
    expect(region.status).toBe(400);
    expect(JSON.stringify(region.body.errors)).toContain('REGION_UNKNOWN');
    expect((await get(cityA, `/api/supervision/export?year=${YEAR}`)).status).toBe(400);
  });
});

// A county reviewer's task past its due date: a diagram of the test's own offers it to reviewer-330108.
const OVERDUE_PROCESS = 'test-supervision-overdue';
const OVERDUE_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d-${OVERDUE_PROCESS}" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="${OVERDUE_PROCESS}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="late" name="逾期任务" operaton:candidateGroups="reviewer-330108" operaton:dueDate="\${due}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="late" />
    <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('overdue tasks', () => {
  it("counts a county's tasks past their due date in the figures of their filings' year, with the working days over", async () => {
    await deployDiagram(system.rest, OVERDUE_PROCESS, OVERDUE_DIAGRAM);
    const due = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 19);
    // A task of a filing of the year before, still open: in that year's figures, not in the year under review.
    const lateYear = YEAR - 1;
    await system.rest.post(`/process-definition/key/${OVERDUE_PROCESS}/start`, {
      variables: { due: { value: due, type: 'String' }, year: { value: lateYear, type: 'Integer' } },
    });
    const figures = (await get(cityA, `/api/supervision/figures?year=${lateYear}&regionCode=${CITY_A}`)).body as SupervisionFigures;
    const binjiang = figures.byCounty.find((c) => c.regionCode === '330108')!;
    expect(binjiang.overdueTasks).toBe(1);
    // Twenty calendar days hold at least ten working days and at most twenty.
    expect(binjiang.maxWorkingDaysOver).toBeGreaterThanOrEqual(10);
    expect(binjiang.maxWorkingDaysOver).toBeLessThanOrEqual(20);
    expect(figures.byCounty.find((c) => c.regionCode === '330106')?.overdueTasks).toBe(0);
    // The year under review (the default) has no overdue task of its own.
    const underReview = (await get(cityA, `/api/supervision/figures?regionCode=${CITY_A}`)).body as SupervisionFigures;
    expect(underReview.year).toBe(chinaYearOf(new Date()) - 1);
    expect(underReview.byCounty.every((c) => c.overdueTasks === 0)).toBe(true);
  });
});

describe('drill lists', () => {
  it('lists the filings behind a figure, within the city', async () => {
    const filed = await get(cityA, `/api/supervision/filings?year=${YEAR}&regionCode=${CITY_A}&measure=filed`);
    expect(filed.status).toBe(200);
    expect(filed.body.total).toBe(3);
    expect(filed.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.a1, ids.a2, ids.exits].sort());
    const below = await get(cityA, `/api/supervision/filings?year=${YEAR}&regionCode=${CITY_A}&measure=belowQuota`);
    expect(below.body).toMatchObject({ total: 1, items: [{ id: ids.a2, regionCode: '330108', certifiedEmployees: 0, requiredEmployees: 3 }] });
    const above = await get(cityA, `/api/supervision/filings?year=${YEAR}&regionCode=${CITY_A}&measure=aboveQuota`);
    expect(above.body.items.map((i: { id: string }) => i.id)).toContain(ids.a1);
    const none = await get(cityA, `/api/supervision/filings?year=${YEAR}&regionCode=${CITY_A}&ratioBucket=none`);
    expect(none.body).toMatchObject({ total: 1, items: [{ id: ids.a2 }] });
    const paged = await get(cityA, `/api/supervision/filings?year=${YEAR}&regionCode=${CITY_A}&measure=certified&pageSize=2&page=2`);
    expect(paged.body.total).toBe(3);
    expect(paged.body.items).toHaveLength(1);
    const both = await get(province, `/api/supervision/filings?year=${YEAR}&regionCode=330000&measure=certified&pageSize=100`);
    expect(both.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([ids.a1, ids.b1]));
    // Ordered by county, then unit.
    const counties = both.body.items.map((i: { regionCode: string }) => i.regionCode);
    expect(counties).toEqual([...counties].sort());
  });
});

describe('exits', () => {
  it('finds who left, retired, whose certificate ended or who was not declared again, with masked ID numbers', async () => {
    const res = await get(cityA, `/api/supervision/exits?year=${YEAR}&regionCode=${CITY_A}&pageSize=100`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [, left, ended] = S.exits.filing.employees;
    const byName = new Map(res.body.items.map((i: { employeeName: string }) => [i.employeeName, i]));
    expect(byName.get(history.gone.name)).toMatchObject({ reason: 'not-declared', lastMonth: '2024-12', idNumberMasked: maskIdNumber(history.gone.idNumber), filingId: ids.exits });
    expect(byName.get(history.retired.name)).toMatchObject({ reason: 'retired', reasonLabel: '达到退休年龄', lastMonth: '2024-02' });
    expect(byName.get(left!.name)).toMatchObject({ reason: 'left', lastMonth: '2025-06', regionCode: '330106', uscc: S.exits.filing.employer.uscc });
    expect(byName.get(ended!.name)).toMatchObject({ reason: 'certificate-ended', lastMonth: '2025-08' });
    expect(res.body.total).toBe(4);
    expect(res.body.byCounty).toEqual([{ regionCode: '330106', regionName: '杭州市西湖区', count: 4 }]);
    // Nothing of Ningbo's; the province sees its exit too.
    expect(JSON.stringify(res.body)).not.toContain(S.b1.filing.employees[1]!.name);
    const all = await get(province, `/api/supervision/exits?year=${YEAR}&regionCode=330000&reason=left`);
    expect(all.body.items.map((i: { employeeName: string }) => i.employeeName).sort()).toEqual([left!.name, S.b1.filing.employees[1]!.name].sort());
    // The read is audited; no whole ID number in the new tables.
    const audited = await system.db.query(`select actor, detail from audit_log where action = 'supervision.exits_read' order by seq`);
    expect(audited.rows.map((r) => r.actor)).toContain(`dev-city-${CITY_A}`);
    const stored = JSON.stringify((await system.db.query('select * from supervision_exits')).rows);
    for (const idNumber of [history.gone.idNumber, history.retired.idNumber, left!.idNumber, ended!.idNumber]) expect(stored).not.toContain(idNumber);
  });

  it('compares a unit with no filing here last year with its imported history (review_history): who is not declared again left', async () => {
    // Unit a1 files for the first time in 2025; its 2024 review came in the 2020–2024 workbook (docs/review-history.md).
    const filing = S.a1.filing;
    const rand = seededRandom(931_777);
    const stays = filing.employees[0]!;
    const gone = { name: syntheticName(rand), idNumber: syntheticIdNumber(rand, { regionCode: '330106', birthFrom: '1980-01-01', birthTo: '1990-12-31', male: false }) };
    const asImported = (e: { name: string; idNumber: string }) => ({ ...e, certType: stays.certType, certNumber: stays.certNumber, disabilityGrade: stays.disabilityGrade, employmentType: stays.employmentType, employedFrom: '2024-01-01', employedTo: '2024-12-31', annualWage: 60_000 });
    const refresh = () => system.db.query('select supervision_refresh($1, true)', [ids.a1]);
    await system.db.query(
      `insert into review_history (uscc, year, unit_name, region_code, staff_count, average_wage, certified_count, required_count, levy_paid, import_id)
       values ($1, 2024, $2, '330106', 100, 80000, 2, 1.5, 0, $3)`,
      [filing.employer.uscc, filing.employer.name, randomUUID()],
    );
    await system.db.query(
      `insert into review_history_employees (uscc, year, position, employee) values ($1, 2024, 0, $2), ($1, 2024, 1, $3)`,
      [filing.employer.uscc, JSON.stringify(asImported(stays)), JSON.stringify(asImported(gone))],
    );
    try {
      await refresh();
      const res = await get(cityA, `/api/supervision/exits?year=${YEAR}&regionCode=330106&pageSize=100`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const fromHistory = res.body.items.filter((i: { filingId: string }) => i.filingId === ids.a1);
      // The one declared in 2024 and not in 2025; the one declared in both is no exit.
      expect(fromHistory).toEqual([expect.objectContaining({ employeeName: gone.name, reason: 'not-declared', lastMonth: '2024-12', idNumberMasked: maskIdNumber(gone.idNumber) })]);
    } finally {
      await system.db.query('delete from review_history where uscc = $1 and year = 2024', [filing.employer.uscc]);
      await refresh();
    }
    const after = await get(cityA, `/api/supervision/exits?year=${YEAR}&regionCode=330106&pageSize=100`);
    expect(after.body.items.filter((i: { filingId: string }) => i.filingId === ids.a1)).toEqual([]);
  });

  it('the rebuild gives the same tables the triggers kept', async () => {
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          system.db.query('select * from supervision_filing_facts order by filing_id').then((r) => r.rows),
          system.db.query('select * from supervision_totals where filed <> 0 order by year, county_code, industry').then((r) => r.rows),
          system.db.query('select * from supervision_exits order by filing_id, person_hash').then((r) => r.rows),
          system.db.query('select * from supervision_exit_totals where exits <> 0 order by year, county_code, reason').then((r) => r.rows),
        ]),
      );
    const kept = await snapshot();
    const counts = await rebuildSupervisionFacts(system.db);
    expect(counts.facts).toBeGreaterThanOrEqual(5);
    expect(await snapshot()).toBe(kept);
    await rebuildSupervisionFacts(system.db, { year: YEAR });
    expect(await snapshot()).toBe(kept);
  });
});

describe('export', () => {
  async function workbook(token: string, query: string): Promise<ExcelJS.Worksheet> {
    const res = await fetch(`${system.apiUrl}/api/supervision/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as unknown as Parameters<typeof book.xlsx.load>[0]);
    return book.worksheets[0]!;
  }
  const values = (sheet: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  it('opens in Excel with Chinese headings and the rows, within the city', async () => {
    const counties = values(await workbook(cityA, `table=byCounty&year=${YEAR}&regionCode=${CITY_A}`));
    expect(counties[1]).toContain('县（市、区）');
    expect(counties.slice(2).every((r) => String(r[0]).startsWith('3301'))).toBe(true);
    expect(counties.find((r) => r[0] === '330106')?.[3]).toBe(2);

    const filings = values(await workbook(cityA, `table=filings&measure=certified&year=${YEAR}&regionCode=${CITY_A}`));
    expect(filings[1]).toEqual(expect.arrayContaining(['统一社会信用代码', '单位名称', '状态']));
    expect(filings.slice(2).map((r) => r[1]).sort()).toEqual([S.a1, S.a2, S.exits].map((s) => s.filing.employer.uscc).sort());
    expect(JSON.stringify(filings)).not.toContain(S.b1.filing.employer.uscc);

    const exits = values(await workbook(cityA, `table=exits&year=${YEAR}&regionCode=${CITY_A}`));
    expect(exits[1]).toContain('身份证号（已遮蔽）');
    expect(exits.slice(2)).toHaveLength(4);
    expect(JSON.stringify(exits)).not.toContain(history.gone.idNumber);

    const progress = values(await workbook(province, `table=progress&year=${YEAR}&regionCode=330000`));
    expect(progress.find((r) => r[0] === '已申报')?.[1]).toBe(4);
    for (const table of ['byIndustry', 'ratio']) expect(values(await workbook(cityA, `table=${table}&year=${YEAR}&regionCode=${CITY_A}`)).length).toBeGreaterThan(2);
  });
});
