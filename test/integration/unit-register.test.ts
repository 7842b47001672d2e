// The register of units (issue 23 item 1, docs/units.md) over the real system: units of three registrars in three
// counties of two cities written straight into the register's tables (as the feeds and the history import would), a
// unit's filing certified here and a year imported from before the system, the levy the tax bureau collected; then
// the search by code and name prefix, county, status and registrar as a county clerk, a city and the province (each
// its own region only), one unit's page with its status history, years and discrepancies, 404 for a unit unknown or
// elsewhere, and a field-level 400 for a malformed code or filter.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UnitDetail, UnitList } from '../../api/units.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { databaseUrlNamed, dropDatabase } from '../../platform/db.ts';
import { COUNT_CAP } from '../../units/unit-store.ts';
import { databaseNameOf } from '../../scripts/engine/engine-database-role.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { insertHistoryYear, insertRegisterChange, insertRegisterRow, registerUscc, storeCertifiedFiling, type RegisterRow } from '../support/unit-register-rows.ts';

const applicationUrl = databaseUrlNamed(inject('databaseUrl'), `${databaseNameOf(inject('databaseUrl'))}_unit_register`);

const XIHU = '330106';
const BINJIANG = '330108';
const HAISHU = '330203';
const YINZHOU = '330212';

const uscc = registerUscc;

const U = {
  // Xihu, market regulation: listed abnormal in 2024 and removed; filed 2025 here under another name, 2021 imported.
  filer: { uscc: uscc('91', XIHU, 'MLA000001'), name: '西湖名录测试甲有限公司' },
  // Binjiang, deregistered.
  gone: { uscc: uscc('91', BINJIANG, 'MLB000002'), name: '滨江名录测试乙有限公司' },
  // Xihu, civil affairs, a 非正常户.
  irregular: { uscc: uscc('52', XIHU, 'MLC000003'), name: '西湖名录测试丙协会' },
  // Ningbo, establishment office.
  ningbo: { uscc: uscc('12', HAISHU, 'MLD000004'), name: '海曙名录测试丁中心' },
};
/** 24 more active Xihu enterprises, for the pages. */
const BATCH = Array.from({ length: 24 }, (_, i) => ({ uscc: uscc('91', XIHU, `MLE${String(i).padStart(6, '0')}`), name: `西湖名录批量单位${String(i).padStart(2, '0')}` }));
const XIHU_UNITS = [U.filer.uscc, U.irregular.uscc, ...BATCH.map((b) => b.uscc)];

let system: TestSystem;
let clerkXihu: string;
let cityHangzhou: string;
let cityNingbo: string;
let province: string;
let filingId: string;

const register = (u: { uscc: string; name: string }, registrar: RegisterRow['registrar'], status: RegisterRow['status'], since: string, region: string, nature: string, industry?: string) =>
  insertRegisterRow(system.db, { ...u, registrar, status, since, region, nature, ...(industry ? { industry } : {}) });

const change = (uscc: string, registrar: string, sequence: number | null, type: string, before: string | null, after: string, on: string, changes: object = {}) =>
  insertRegisterChange(system.db, { uscc, registrar, sequence, type, before, after, on, changes });

/** The filer's 2025 filing, certified with 1 counted against 2 required and a levy of 48 000, under a name of its own. */
function storeFilersFiling(): Promise<string> {
  const base = syntheticFiling(923_001, { year: 2025, regionCode: XIHU, employees: 1 });
  const filing = { ...base, employer: { ...base.employer, uscc: U.filer.uscc, name: '西湖名录测试甲公司', industryCode: 'C3311' } };
  return storeCertifiedFiling(system.db, filing, { certified: 1, required: 2, levy: 48_000 });
}

beforeAll(async () => {
  system = await startTestSystem({ DATABASE_URL: applicationUrl });
  await register(U.filer, 'samr', 'active', '2024-09-01', XIHU, 'enterprise', 'C3311');
  await change(U.filer.uscc, 'samr', null, 'registered', null, 'active', '2015-03-02');
  await change(U.filer.uscc, 'samr', 101, 'abnormal-listed', 'active', 'abnormal', '2024-05-10');
  await change(U.filer.uscc, 'samr', 140, 'abnormal-removed', 'abnormal', 'active', '2024-09-01');
  await change(U.filer.uscc, 'samr', 141, 'details-changed', 'active', 'active', '2024-10-08', { name: U.filer.name });
  await register(U.gone, 'samr', 'deregistered', '2025-06-30', BINJIANG, 'enterprise');
  await change(U.gone.uscc, 'samr', 77, 'deregistered', 'active', 'deregistered', '2025-06-30');
  await register(U.irregular, 'civil', 'irregular', '2025-02-01', XIHU, 'social_organization');
  await register(U.ningbo, 'org', 'active', '2010-01-01', HAISHU, 'public_institution');
  // 鄞州区: more units than a search counts.
  await system.db.query(
    `insert into unit_register (uscc, name, registrar, status, status_since, region_code, unit_nature)
     select '9133021200' || lpad(i::text, 7, '0') || 'X', '鄞州名录批量单位' || i, 'samr', 'active', '2020-01-01', $1, 'enterprise'
       from generate_series(1, $2::integer) i`,
    [YINZHOU, COUNT_CAP + 1],
  );
  for (const b of BATCH) await register(b, 'samr', 'active', '2020-01-01', XIHU, 'enterprise');
  filingId = await storeFilersFiling();
  await insertHistoryYear(system.db, { uscc: U.filer.uscc, year: 2021, name: U.filer.name, region: XIHU, staff: 120, wage: 86_000, certified: 1, required: 1.8, levyPaid: 12_000.5 });
  await system.db.query(`insert into levy_collections (uscc, year, amount, collected_on) values ($1, 2025, 36000, '2026-07-15'), ($1, 2021, 12000.50, null)`, [U.filer.uscc]);
  clerkXihu = await system.login({ role: 'clerk', regionCode: XIHU });
  cityHangzhou = await system.login({ role: 'city', regionCode: '330100' });
  cityNingbo = await system.login({ role: 'city', regionCode: '330200' });
  province = await system.login({ role: 'province', regionCode: '330000' });
}, 180_000);

afterAll(async () => {
  await system?.stop();
  await dropDatabase(applicationUrl).catch(() => undefined);
});

const get = (token: string, path: string) => system.request('GET', path, { token });
const codes = (list: UnitList) => list.items.map((u) => u.uscc);

describe('searching the register', () => {
  it("shows a county clerk their county's units only, by status then code, page by page", async () => {
    const first = await get(clerkXihu, '/api/units?pageSize=100');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const list = first.body as UnitList;
    expect(list.total).toBe(XIHU_UNITS.length);
    expect(codes(list).sort()).toEqual([...XIHU_UNITS].sort());
    // By county, then status (active before irregular), then code.
    expect(list.items.at(-1)).toMatchObject({ uscc: U.irregular.uscc, status: 'irregular', statusLabel: '非正常户', registrar: 'civil', registrarLabel: '民政', regionName: '杭州市西湖区' });
    const filer = list.items.find((u) => u.uscc === U.filer.uscc);
    expect(filer).toMatchObject({ statusLabel: '存续', registrarLabel: '市场监管', industryCode: 'C3311', industryLabel: '制造业', statusSince: '2024-09-01' });

    const page3 = (await get(clerkXihu, '/api/units?pageSize=10&page=3')).body as UnitList;
    expect(page3.total).toBe(XIHU_UNITS.length);
    expect(codes(page3)).toEqual(codes(list).slice(20, 30));
    expect(list.totalCapped).toBe(false);

    // Another county of the same city is not the clerk's.
    const other = await get(clerkXihu, `/api/units?regionCode=${BINJIANG}`);
    expect(other.status).toBe(403);
    expect(other.body.title).toBe('只能查询本辖区的单位');
  });

  it('finds by the start of the code or the name, by status and by registrar', async () => {
    const byCode = (await get(clerkXihu, `/api/units?uscc=${U.filer.uscc.slice(0, 12)}`)).body as UnitList;
    expect(codes(byCode)).toEqual([U.filer.uscc]);
    const byWholeCode = (await get(clerkXihu, `/api/units?uscc=${U.irregular.uscc}`)).body as UnitList;
    expect(codes(byWholeCode)).toEqual([U.irregular.uscc]);
    const byName = (await get(clerkXihu, `/api/units?name=${encodeURIComponent('西湖名录批量单位1')}`)).body as UnitList;
    expect(byName.total).toBe(10);
    // A prefix with % means the character itself, not "anything".
    expect(((await get(clerkXihu, `/api/units?name=${encodeURIComponent('西湖%')}`)).body as UnitList).total).toBe(0);
    const irregular = (await get(clerkXihu, '/api/units?status=irregular')).body as UnitList;
    expect(codes(irregular)).toEqual([U.irregular.uscc]);
    const civil = (await get(clerkXihu, '/api/units?registrar=civil')).body as UnitList;
    expect(codes(civil)).toEqual([U.irregular.uscc]);
    expect(((await get(clerkXihu, '/api/units?status=deregistered')).body as UnitList).total).toBe(0);
  });

  it("shows a city its counties' units and the province any region, never another city's", async () => {
    const hangzhou = (await get(cityHangzhou, '/api/units?pageSize=100')).body as UnitList;
    expect(codes(hangzhou).sort()).toEqual([...XIHU_UNITS, U.gone.uscc].sort());
    const binjiang = (await get(cityHangzhou, `/api/units?regionCode=${BINJIANG}`)).body as UnitList;
    expect(binjiang.items).toEqual([expect.objectContaining({ uscc: U.gone.uscc, status: 'deregistered', statusLabel: '注销', statusSince: '2025-06-30' })]);
    expect((await get(cityHangzhou, `/api/units?regionCode=${HAISHU}`)).status).toBe(403);
    const ningbo = (await get(cityNingbo, `/api/units?regionCode=${HAISHU}`)).body as UnitList;
    expect(codes(ningbo)).toEqual([U.ningbo.uscc]);
    const hangzhouAll = (await get(province, '/api/units?regionCode=330100&pageSize=100')).body as UnitList;
    expect(hangzhouAll).toMatchObject({ total: XIHU_UNITS.length + 1, totalCapped: false });
    const haishu = (await get(province, `/api/units?regionCode=${HAISHU}&registrar=org`)).body as UnitList;
    expect(haishu.items).toEqual([expect.objectContaining({ uscc: U.ningbo.uscc, registrarLabel: '机构编制' })]);
  });

  it('refuses a malformed filter at its field, in Chinese, and employers altogether', async () => {
    const bad = await get(clerkXihu, '/api/units?uscc=91330106i&status=closed&pageSize=500&regionCode=110000');
    expect(bad.status).toBe(400);
    const byPath = Object.fromEntries((bad.body.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath['/uscc']).toBe('统一社会信用代码格式不正确：应为 18 位数字或大写字母（不含 I、O、S、V、Z），查询时可只填开头几位');
    expect(byPath['/status']).toBe('登记状态只能是：active、deregistered、abnormal、irregular');
    expect(byPath['/pageSize']).toBe('每页条数应为 1 至 100 的整数');
    const region = await get(clerkXihu, '/api/units?regionCode=110000');
    expect(region.status).toBe(400);
    expect(region.body.errors).toEqual([expect.objectContaining({ path: '/regionCode', code: 'REGION_UNKNOWN', message: '行政区应为浙江省内的县（市、区）、设区市或全省代码' })]);
    const employer = await system.login({ role: 'employer', uscc: U.filer.uscc });
    expect((await get(employer, '/api/units')).status).toBe(403);
    expect((await get(employer, `/api/units/${U.filer.uscc}`)).status).toBe(403);
  });

  it('counts up to 10 000 and says there are more', async () => {
    const many = (await get(cityNingbo, '/api/units?pageSize=100')).body as UnitList;
    expect(many).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(many.items).toHaveLength(100);
    const all = (await get(province, '/api/units')).body as UnitList;
    expect(all).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    // The last page there is to turn to.
    const last = (await get(province, `/api/units?regionCode=${YINZHOU}&pageSize=100&page=${COUNT_CAP / 100}`)).body as UnitList;
    expect(last.items).toHaveLength(100);
  });
});

describe("a unit's page", () => {
  it('shows the register row, its changes with dates and source, each year filed or imported with the levy collected beside it', async () => {
    const res = await get(clerkXihu, `/api/units/${U.filer.uscc}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const unit = res.body as UnitDetail;
    expect(unit).toMatchObject({ uscc: U.filer.uscc, name: U.filer.name, status: 'active', statusLabel: '存续', registrarLabel: '市场监管', regionCode: XIHU, registeredOn: '2015-03-02' });

    expect(unit.changes.map((c) => [c.effectiveOn, c.changeTypeLabel, c.statusAfterLabel, c.sourceLabel])).toEqual([
      ['2024-10-08', '登记事项变更', '存续', '市场监督管理部门变更推送（第 141 条）'],
      ['2024-09-01', '移出经营异常名录', '存续', '市场监督管理部门变更推送（第 140 条）'],
      ['2024-05-10', '列入经营异常名录', '列入经营异常名录', '市场监督管理部门变更推送（第 101 条）'],
      ['2015-03-02', '新设登记', '存续', '市场监督管理部门初始数据'],
    ]);
    expect(unit.changes[0]!.changedFields).toEqual([{ field: 'name', label: '单位名称', value: U.filer.name }]);

    expect(unit.years.map((y) => y.year)).toEqual([2025, 2021]);
    const [filed, imported] = unit.years;
    expect(filed).toEqual({
      year: 2025,
      filing: { filingId, status: 'certified', channel: 'online', certified: true, certifiedCount: 1, requiredCount: 2, levyEstimate: 48_000 },
      history: null,
      levyCollected: { amount: 36_000, collectedOn: '2026-07-15' },
    });
    expect(imported).toMatchObject({
      year: 2021,
      filing: null,
      history: { unitName: U.filer.name, staffCount: 120, averageWage: 86_000, certifiedCount: 1, requiredCount: 1.8, levyPaid: 12_000.5 },
      levyCollected: { amount: 12_000.5, collectedOn: null },
    });
  });

  it("shows where the latest filing differs as discrepancies, and the filing changes nothing in the register", async () => {
    const unit = (await get(cityHangzhou, `/api/units/${U.filer.uscc}`)).body as UnitDetail;
    expect(unit.discrepancies).toEqual([{ field: 'name', label: '单位名称', register: U.filer.name, declared: '西湖名录测试甲公司', filingId, year: 2025 }]);
    const row = await system.db.query<{ name: string }>('select name from unit_register where uscc = $1', [U.filer.uscc]);
    expect(row.rows[0]!.name).toBe(U.filer.name);
  });

  it('answers 404 for a unit unknown to the register or outside the region, alike', async () => {
    const unknown = uscc('91', XIHU, 'MLY999999');
    for (const [token, code] of [[clerkXihu, unknown], [clerkXihu, U.gone.uscc], [cityNingbo, U.filer.uscc], [cityHangzhou, U.ningbo.uscc]] as const) {
      const res = await get(token, `/api/units/${code}`);
      expect(res.status, code).toBe(404);
      expect(res.body.title).toBe('单位名录中没有该单位，或不在本辖区');
    }
    expect((await get(province, `/api/units/${U.ningbo.uscc}`)).status).toBe(200);
  });

  it('refuses a malformed code at its field: the format, then the check character', async () => {
    const short = await get(clerkXihu, '/api/units/91330106ABC');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: '/uscc', code: 'FORMAT' })]);
    expect(short.body.errors[0].message).toMatch(/^统一社会信用代码/);
    const wrongCheck = U.filer.uscc.slice(0, 17) + (U.filer.uscc.endsWith('0') ? '1' : '0');
    const checksum = await get(clerkXihu, `/api/units/${wrongCheck}`);
    expect(checksum.status).toBe(400);
    expect(checksum.body.errors).toEqual([{ path: '/uscc', code: 'USCC_CHECKSUM', message: '统一社会信用代码校验位不正确，请核对' }]);
  });
});
