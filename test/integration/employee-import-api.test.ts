// The employee-list import over real HTTP: the templates as downloaded, filled in the way a person would (with
// exceljs, or as a GBK CSV from Chinese Excel), the answer row by row, the file-level refusals, and the parsed
// list accepted by POST /api/filings.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from '../../filings/declaration/filing.ts';
import { seededRandom } from '../../domain/synthetic.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticEmployee, syntheticFiling } from '../support/fixtures.ts';
import { assertKeepsContract } from '../support/contract-check.ts';

const HEADERS = [
  '姓名', '身份证号', '户籍所在地代码', '证件类型', '证号', '残疾类别', '残疾等级', '文化程度', '联系电话', '就业岗位', '岗位类别',
  '实际支付工资（元）', '用工性质', '派遣单位统一社会信用代码', '派遣协议约定计入本单位', '劳动合同起始日期', '劳动合同终止日期',
  '在岗起始日期', '在岗终止日期', '参保信息', '上年度缴费信息',
];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The row as a person types it into the template: Chinese labels, dates as the template formats them. */
function rowOf(e: Employee): (string | number | Date)[] {
  const date = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : '');
  return [
    e.name, e.idNumber, e.hukouRegionCode, '残疾人证', e.certNumber, '肢体', e.disabilityGrade, '高中', e.phone, e.jobPost, '',
    e.annualWage, '合同制', '', '', date(e.contractStart), date(e.contractEnd), date(e.employedFrom), date(e.employedTo),
  ];
}

function withWrongCheckDigit(e: Employee): Employee {
  const last = e.idNumber.charAt(17) === '1' ? '2' : '1';
  return { ...e, idNumber: e.idNumber.slice(0, 17) + last };
}

// GBK encoding for the test's CSV, built from the decoder Node has (it has no GBK encoder).
const gbkBytes = (() => {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return (text: string) =>
    Buffer.from(
      Array.from(text).flatMap((char) => {
        if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)];
        const bytes = table.get(char);
        if (!bytes) throw new Error(`no GBK code for ${char}`);
        return bytes;
      }),
    );
})();

function csvText(employees: Employee[]): string {
  const cell = (v: string | number | Date) => (v instanceof Date ? `${v.getUTCFullYear()}/${v.getUTCMonth() + 1}/${v.getUTCDate()}` : String(v));
  return [HEADERS, ...employees.map((e) => rowOf(e).map(cell))].map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

let api: TestApi;
let employer: string;
let employerUscc: string;

beforeAll(async () => {
  api = await startTestApi();
  employerUscc = syntheticFiling(501).employer.uscc;
  employer = await api.login({ role: 'employer', uscc: employerUscc });
});
afterAll(async () => {
  await api.close();
});

async function download(path: string, token?: string) {
  const res = await fetch(api.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  // exceljs's load() is typed for an ArrayBuffer, so both forms are kept.
  const data = await res.arrayBuffer();
  return { status: res.status, headers: res.headers, data, bytes: Buffer.from(data) };
}

async function upload(file: Buffer, name: string, opts: { token?: string; year?: string; headers?: Record<string, string>; api?: TestApi } = {}) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(file)]), name);
  const target = opts.api ?? api;
  const res = await fetch(`${target.url}/api/employee-imports?year=${opts.year ?? '2025'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token ?? employer}`, ...(opts.headers ?? {}) },
    body,
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  assertKeepsContract('POST', '/api/employee-imports', res.status, res.headers.get('content-type'), parsed);
  return { status: res.status, headers: res.headers, body: parsed };
}

async function filledTemplate(rows: (string | number | Date)[][]): Promise<Buffer> {
  const template = await download('/api/templates/employees.xlsx', employer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.data);
  const sheet = workbook.getWorksheet('残疾职工名单')!;
  rows.forEach((values, i) => {
    sheet.getRow(i + 2).values = values;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('templates', () => {
  it('serves the .xlsx: the list sheet with its header and text columns, and the instructions with a synthetic example', async () => {
    const res = await download('/api/templates/employees.xlsx', employer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="employees-template.xlsx"; filename*=UTF-8''${encodeURIComponent('残疾职工名单模板.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.data);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['残疾职工名单', '填写说明']);
    const sheet = workbook.getWorksheet('残疾职工名单')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.rowCount).toBe(1);
    for (const letter of ['B', 'E']) expect(sheet.getColumn(letter).numFmt).toBe('@'); // ID and certificate numbers as text
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"残疾人证,残疾军人证,伤残人民警察证"'] });
    const instructions = workbook.getWorksheet('填写说明')!;
    const exampleId = instructions.getColumn(1).values.indexOf('身份证号');
    expect(String(instructions.getRow(exampleId).getCell(4).value)).toMatch(/^330106\d{11}[\dX]$/);
  });

  it('serves the CSV as UTF-8 with a BOM and the header row only', async () => {
    const res = await download('/api/templates/employees.csv', employer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('残疾职工名单模板.csv')}`);
    expect(res.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.bytes.subarray(3).toString('utf8')).toBe(`${HEADERS.join(',')}\r\n`);
  });

  it('serves both to any signed-in user, and to nobody else', async () => {
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106' });
    expect((await download('/api/templates/employees.csv', reviewer)).status).toBe(200);
    expect((await download('/api/templates/employees.xlsx')).status).toBe(401);
  });
});

describe('importing a filled-in list', () => {
  const rand = seededRandom(502);
  const [first, second, third] = [syntheticEmployee(rand, 2025), syntheticEmployee(rand, 2025), syntheticEmployee(rand, 2025)];
  const employees = [first!, withWrongCheckDigit(second!), third!];
  const expectedError = {
    row: 3,
    column: '身份证号',
    path: '/employees/1/idNumber',
    code: 'ID_CHECKSUM',
    message: '第 3 行的身份证号校验位不正确，请核对',
  };

  it('answers an .xlsx with the good rows as employees and the bad row named by row and column', async () => {
    const res = await upload(await filledTemplate(employees.map(rowOf)), '名单.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.body).toEqual({ employees: [first, third], errors: [expectedError] });
  });

  it('answers the same for a CSV saved by Chinese Excel (GBK)', async () => {
    const res = await upload(gbkBytes(csvText(employees)), '名单.csv');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ employees: [first, third], errors: [expectedError] });
  });

  it('says in English what is wrong when asked', async () => {
    const res = await upload(gbkBytes(csvText(employees)), 'list.csv', { headers: { 'accept-language': 'en' } });
    expect(res.body.errors).toEqual([{ ...expectedError, message: "row 3's ID number: check digit is wrong" }]);
  });

  it('tells the person to enter an ID typed into a number cell again as text', async () => {
    const row = rowOf(first!);
    row[1] = Number(first!.idNumber.slice(0, 17)) * 10; // what Excel keeps of an 18-digit number
    const res = await upload(await filledTemplate([row]), '名单.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.employees).toEqual([]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: '身份证号', code: 'NUMBER_AS_NUMERIC_CELL', message: expect.stringContaining('身份证号请以文本格式填写') }),
    ]);
  });

  it('answers the template uploaded empty with an empty list', async () => {
    const template = await download('/api/templates/employees.xlsx', employer);
    const res = await upload(template.bytes, '残疾职工名单模板.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ employees: [], errors: [] });
  });

  it('produces employees that a filing accepts as they are', async () => {
    const clean = [first!, third!];
    const imported = await upload(await filledTemplate(clean.map(rowOf)), '名单.xlsx');
    expect(imported.body.errors).toEqual([]);
    const filing = { ...syntheticFiling(501), employees: imported.body.employees };
    const res = await api.request('POST', '/api/filings', { token: employer, body: filing });
    expect(res.status).toBe(201);
  });
});

describe('files that cannot be imported', () => {
  it('refuses a picture with 400, saying which files are accepted', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b55', 'hex');
    const res = await upload(png, '名单.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/file', code: 'FILE_TYPE', message: '文件不是可读取的 Excel（.xlsx）或 CSV 文件，请使用下载的模板填写后上传' },
    ]);
  });

  it('refuses an unknown column with 400 naming it', async () => {
    const csv = Buffer.from(`${HEADERS.join(',')},年龄\r\n`, 'utf8');
    const res = await upload(csv, '名单.csv');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/file', code: 'UNKNOWN_COLUMN', message: '第 1 行第 V 列的表头“年龄”不是模板中的列，请删除该列或改用下载的模板' },
    ]);
  });

  it('requires a file, a review year a filing may name, and the right role', async () => {
    const noFile = await fetch(`${api.url}/api/employee-imports?year=2025`, {
      method: 'POST',
      headers: { authorization: `Bearer ${employer}` },
      body: new FormData(),
    });
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).errors).toEqual([{ path: '/file', code: 'REQUIRED', message: '请选择要导入的文件' }]);
    const csv = Buffer.from(`${HEADERS.join(',')}\r\n`, 'utf8');
    const wrongYear = await upload(csv, 'a.csv', { year: '2014' });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.errors).toEqual([expect.objectContaining({ path: '/year', code: 'YEAR_RANGE' })]);
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106' });
    expect((await upload(csv, 'a.csv', { token: reviewer })).status).toBe(403);
    const clerk = await api.login({ role: 'clerk', regionCode: '330106' });
    expect((await upload(csv, 'a.csv', { token: clerk })).status).toBe(200);
  });

  describe('over the size limit', () => {
    let small: TestApi;
    beforeAll(async () => {
      small = await startTestApi({ DOCUMENT_MAX_BYTES: '2048' });
    });
    afterAll(async () => {
      await small.close();
    });

    it('answers 413', async () => {
      const token = await small.login({ role: 'employer', uscc: employerUscc });
      const big = Buffer.from(`${HEADERS.join(',')}\r\n${'x,'.repeat(2000)}\r\n`, 'utf8');
      const res = await upload(big, '名单.csv', { token, api: small });
      expect(res.status).toBe(413);
      expect(res.body.title).toBe('导入的文件不能超过 2 KB');
    });
  });
});
