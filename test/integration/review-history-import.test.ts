// The 2020–2021 review history import over real HTTP and PostgreSQL (issue 23 items 3 and 7): the template, a dry
// run that names every problem of a workbook with errors in known cells (a malformed file, a wrong year, a bad and an
// unknown USCC, a duplicate unit-year, a number out of range, an employee whose ID check digit is wrong or whose unit
// is missing) and writes nothing; a correct import, audited; a corrected file that replaces, never duplicates; the
// importer's region; and the imported years in the supervision figures and the season reminders' "last year's filers".
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from '../../filings/declaration/filing.ts';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { unfiledUnits } from '../../notifications/unfiled-units.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { assertKeepsContract } from '../support/contract-check.ts';
import { syntheticEmployee } from '../support/fixtures.ts';
import { historyWorkbook, type EmployeeRow, type UnitRow } from '../../scripts/bench/history-workbooks.ts';
import { eventually } from '../support/system.ts';

const rand = seededRandom(23_030);
const XIHU = '330106';
const HAISHU = '330203';
const A = syntheticUscc(rand, { regionCode: XIHU });
const B = syntheticUscc(rand, { regionCode: XIHU });
const N = syntheticUscc(rand, { regionCode: HAISHU });
// A well-formed USCC no registrar and no filing knows.
const UNKNOWN = syntheticUscc(rand, { regionCode: XIHU });
const employee = (year: number, seed: number): Partial<Employee> => {
  const e = syntheticEmployee(seededRandom(seed), year);
  return { name: e.name, idNumber: e.idNumber, certType: e.certType, certNumber: e.certNumber, disabilityGrade: e.disabilityGrade, employmentType: e.employmentType, employedFrom: e.employedFrom, employedTo: e.employedTo, annualWage: e.annualWage };
};
const a2021 = [employee(2021, 1), { ...employee(2021, 2), employedTo: '2021-06-30' }];
const good: UnitRow[] = [
  [A, '杭州甲有限公司', 2021, 120, 98000, 1, 1.8, 12000],
  [B, '杭州乙有限公司', 2020, 80, 76000.5, 2, 1.2, 0],
  [A, '杭州甲有限公司', 2020, 110, 92000, 1, 1.65, 9000],
];
const goodEmployees: EmployeeRow[] = [
  { uscc: A, year: 2021, employee: a2021[0]! },
  { uscc: A, year: 2021, employee: a2021[1]! },
  { uscc: B, year: 2020, employee: employee(2020, 3) },
];

let api: TestApi;
let province: string;
let hangzhou: string;
let ningbo: string;
let template: ArrayBuffer;

async function upload(file: Buffer, token: string, dryRun: boolean) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(file)]), '历史数据.xlsx');
  const res = await fetch(`${api.url}/api/review-history/imports?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  const parsed = await res.json();
  assertKeepsContract('POST', '/api/review-history/imports', res.status, res.headers.get('content-type'), parsed);
  return { status: res.status, body: parsed };
}

/** Uploads and waits for the import to end (a poll with a deadline). */
async function run(file: Buffer, token: string, dryRun: boolean) {
  const started = await upload(file, token, dryRun);
  expect(started.status).toBe(202);
  return eventually('the import to end', async () => {
    const res = await api.request('GET', `/api/review-history/imports/${started.body.id}`, { token });
    return ['done', 'refused', 'failed'].includes(res.body.state) ? res.body : undefined;
  });
}

const stored = async () =>
  (await api.db.query(`select uscc, year, unit_name, staff_count, levy_paid::float8 as levy, (select count(*)::int from review_history_employees e where e.uscc = h.uscc and e.year = h.year) as employees
                          from review_history h where uscc = any($1) order by uscc, year`, [[A, B, N, UNKNOWN]])).rows;

beforeAll(async () => {
  api = await startTestApi();
  await api.db.query(`delete from review_history where uscc = any($1)`, [[A, B, N, UNKNOWN]]);
  for (const [uscc, region] of [[A, XIHU], [B, XIHU], [N, HAISHU]] as const) {
    await api.db.query(
      `insert into unit_register (uscc, name, registrar, status, status_since, region_code, unit_nature)
       values ($1, '名录单位', 'samr', 'active', '2015-01-01', $2, '企业') on conflict (uscc) do nothing`,
      [uscc, region],
    );
  }
  province = await api.login({ role: 'province', regionCode: '330000', userId: 'province.history' });
  hangzhou = await api.login({ role: 'city', regionCode: '330100', userId: 'city.hz.history' });
  ningbo = await api.login({ role: 'city', regionCode: '330200', userId: 'city.nb.history' });
  const res = await fetch(`${api.url}/api/templates/review-history.xlsx`, { headers: { authorization: `Bearer ${province}` } });
  expect(res.status).toBe(200);
  template = await res.arrayBuffer();
});
afterAll(async () => {
  await api?.close();
});

describe('the template', () => {
  it('has the unit-year sheet, the employees sheet keyed by USCC and year, instructions, and example rows marked 【示例】', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['单位年度', '残疾职工', '填写说明']);
    const units = workbook.getWorksheet('单位年度')!;
    expect((units.getRow(1).values as unknown[]).slice(1)).toEqual([
      '统一社会信用代码', '单位名称', '年度', '在职职工人数', '职工年平均工资（元）', '安排残疾人就业人数（认定）', '应安排人数', '已缴保障金（元）',
    ]);
    expect(String(units.getRow(2).getCell(2).value)).toMatch(/^【示例】/);
    expect((workbook.getWorksheet('残疾职工')!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['统一社会信用代码', '年度', '姓名']);
    const employer = await api.login({ role: 'employer', uscc: A });
    expect((await fetch(`${api.url}/api/templates/review-history.xlsx`, { headers: { authorization: `Bearer ${employer}` } })).status).toBe(403);
  });
});

describe('a dry run', () => {
  it('refuses a file that is not a workbook at once, and a workbook without the 单位年度 sheet as a problem of the file', async () => {
    const text = await upload(Buffer.from('统一社会信用代码,年度\n'), province, true);
    expect(text.status).toBe(400);
    expect(text.body.errors[0]).toMatchObject({ path: '/file', code: 'FILE_TYPE' });
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['x']);
    const result = await run(Buffer.from(await other.xlsx.writeBuffer()), province, true);
    expect(result).toMatchObject({ state: 'refused', errorCount: 1 });
    expect(result.errors[0]).toMatchObject({ sheet: '', row: 0, code: 'NO_UNIT_SHEET' });
    expect(result.errors[0].message).toContain('单位年度');
  });

  it('names every problem with its sheet, row and column, in Chinese, and writes nothing', async () => {
    const badCheck = A.slice(0, 17) + (A.endsWith('1') ? '2' : '1');
    const badId = { ...employee(2021, 9) };
    badId.idNumber = badId.idNumber!.slice(0, 17) + (badId.idNumber!.endsWith('1') ? '2' : '1');
    // Template rows start at 3: row 2 is the example, which is skipped.
    const file = await historyWorkbook(
      [
        [A, '杭州甲有限公司', 2021, 120, 98000, 1, 1.8, 12000], // 3: fine
        [A, '杭州甲有限公司', 2023, 120, 98000, 1, 1.8, 12000], // 4: a year the system reviews itself
        [badCheck, '校验位错', 2021, 50, 60000, 0, 0.75, 0], // 5: check character
        [UNKNOWN, '不在名录', 2021, 50, 60000, 0, 0.75, 0], // 6: known to nobody
        [A, '杭州甲有限公司', 2021, 120, 98000, 1, 1.8, 12000], // 7: duplicate of row 3
        [B, '杭州乙有限公司', 2020, -5, 76000, 2, 1.2, '很多'], // 8: staff below 0, levy not a number
      ],
      [
        { uscc: A, year: 2021, employee: badId }, // 3: ID check digit
        { uscc: B, year: 2019, employee: employee(2019, 10) }, // 4: no such unit-year in the file
      ],
      template,
    );
    const result = await run(file, province, true);
    expect(result.state).toBe('refused');
    const found = result.errors.map((e: { sheet: string; row: number; column: string; code: string }) => `${e.sheet}|${e.row}|${e.column}|${e.code}`);
    expect(found).toEqual([
      '单位年度|4|年度|HISTORY_YEAR',
      '单位年度|5|统一社会信用代码|USCC_CHECKSUM',
      '单位年度|6|统一社会信用代码|UNKNOWN_UNIT',
      '单位年度|7|统一社会信用代码|DUPLICATE_UNIT_YEAR',
      '单位年度|8|在职职工人数|NUMBER_RANGE',
      '单位年度|8|已缴保障金（元）|NUMBER_CELL',
      '残疾职工|3|身份证号|ID_CHECKSUM',
      '残疾职工|4|统一社会信用代码|EMPLOYEE_UNIT_MISSING',
    ]);
    expect(result.errorCount).toBe(8);
    const byCode = Object.fromEntries(result.errors.map((e: { code: string; message: string }) => [e.code, e.message]));
    expect(byCode.HISTORY_YEAR).toBe('第 4 行的“年度”只能是 2000–2021 年：历史数据导入只收系统上线前（首个申报季之前）的年度，之后的年度请通过申报办理');
    expect(byCode.DUPLICATE_UNIT_YEAR).toContain('第 7 行与第 3 行');
    expect(byCode.ID_CHECKSUM).toContain('第 3 行的身份证号');
    expect(await stored()).toEqual([]);
  });

  it('reports a clean file as ready, still writing nothing', async () => {
    const result = await run(await historyWorkbook(good, goodEmployees, template), province, true);
    expect(result).toMatchObject({ state: 'done', dryRun: true, rowsTotal: 3, rowsDone: 3, employeesTotal: 3, errorCount: 0 });
    expect(await stored()).toEqual([]);
  });
});

describe('the import', () => {
  it('writes every unit-year with its employees, audited; a corrected file replaces them, never duplicates', async () => {
    const first = await run(await historyWorkbook(good, goodEmployees, template), province, false);
    expect(first).toMatchObject({ state: 'done', dryRun: false, rowsTotal: 3, rowsDone: 3, replaced: 0 });
    expect(await stored()).toEqual([
      { uscc: A, year: 2020, unit_name: '杭州甲有限公司', staff_count: 110, levy: 9000, employees: 0 },
      { uscc: A, year: 2021, unit_name: '杭州甲有限公司', staff_count: 120, levy: 12000, employees: 2 },
      { uscc: B, year: 2020, unit_name: '杭州乙有限公司', staff_count: 80, levy: 0, employees: 1 },
    ].sort((x, y) => x.uscc.localeCompare(y.uscc) || x.year - y.year));
    const kept = await api.db.query(`select employee from review_history_employees where uscc = $1 and year = 2021 order by position`, [A]);
    expect(Object.keys(kept.rows[0].employee).sort()).toEqual(['annualWage', 'certNumber', 'certType', 'disabilityGrade', 'employedFrom', 'employedTo', 'employmentType', 'idNumber', 'name']);
    const audit = await api.db.query(`select actor, detail from audit_log where action = 'review_history.import' and subject_id = $1`, [first.id]);
    expect(audit.rows).toEqual([{ actor: 'province.history', detail: { unitYears: 3, employees: 3, replaced: 0, years: [2020, 2021] } }]);

    // Corrected: A's 2021 staff and levy, one employee fewer.
    const corrected = await run(await historyWorkbook([[A, '杭州甲有限公司', 2021, 125, 98000, 1, 1.87, 13000]], [goodEmployees[0]!], template), province, false);
    expect(corrected).toMatchObject({ state: 'done', rowsTotal: 1, replaced: 1 });
    const rows = await stored();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.uscc === A && r.year === 2021)).toMatchObject({ staff_count: 125, levy: 13000, employees: 1 });
  });

  it('lets a city import only the units of its own counties, and shows an import to its creator only', async () => {
    const file = await historyWorkbook([[N, '宁波丙有限公司', 2021, 60, 70000, 0, 0.9, 4000]], [], template);
    const refused = await run(file, hangzhou, false);
    expect(refused.state).toBe('refused');
    expect(refused.errors).toEqual([expect.objectContaining({ sheet: '单位年度', row: 3, column: '统一社会信用代码', code: 'OUT_OF_SCOPE' })]);
    expect(refused.errors[0].message).toContain('宁波市海曙区');
    expect((await stored()).some((r) => r.uscc === N)).toBe(false);
    const done = await run(file, ningbo, false);
    expect(done.state).toBe('done');
    expect((await api.request('GET', `/api/review-history/imports/${done.id}`, { token: hangzhou })).status).toBe(404);
    expect((await api.request('GET', `/api/review-history/imports/${done.id}`, { token: province })).status).toBe(200);
  });
});

describe('imported years count', () => {
  it('in the supervision figures: the years comparison, and last year\'s filers among the units expected', async () => {
    const res = await api.request('GET', '/api/supervision/figures?year=2022&regionCode=330106', { token: hangzhou });
    expect(res.status).toBe(200);
    const years = Object.fromEntries(res.body.years.map((y: { year: number }) => [y.year, y]));
    // This file's units in Xihu; other suites' filings of 2022 there, if any, add to both sides alike.
    expect(years[2021]).toMatchObject({ filed: expect.any(Number) });
    expect(years[2021].filed).toBeGreaterThanOrEqual(1);
    expect(years[2020].filed).toBeGreaterThanOrEqual(2);
    const mine = await api.db.query(`select count(*)::int as n from review_history where year = 2021 and region_code = $1`, [XIHU]);
    expect(res.body.progress.expected).toBeGreaterThanOrEqual(mine.rows[0].n);
    // The 2021 filings other suites left in Xihu (the test database is shared) count beside the imported units.
    const filedHere = await api.db.query(
      `select count(*)::int as n from supervision_filing_facts where year = 2021 and county_code = $1 and filed`,
      [XIHU],
    );
    expect(years[2021].filed).toBe(mine.rows[0].n + filedHere.rows[0].n);
  });

  it('in the season reminders: a unit whose last year is history and that has not filed is reminded', async () => {
    const units = await unfiledUnits(api.db, { reviewYear: 2022, remindedSince: new Date(), after: '', limit: 1000 });
    expect(units).toEqual(expect.arrayContaining([{ uscc: A, name: '杭州甲有限公司' }, { uscc: N, name: '宁波丙有限公司' }]));
    expect(units.some((u) => u.uscc === B)).toBe(false); // B's history is of 2020
  });
});
