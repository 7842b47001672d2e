// The employee-list import without HTTP: cell conversions, header matching, CSV reading (quoting, GBK), the
// numeric-ID trap, the filing's own rules applied row by row, and archives built to exhaust the reader.
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../domain/synthetic.ts';
import { readChoice, readCode, readDate, readMoney, readText, readWholeNumber, readYesNo } from '../../employee-import/cell-values.ts';
import { csvLine, decodeCsv, looksBinary, parseCsv } from '../../employee-import/csv.ts';
import { CERT_TYPES, DISABILITY_CATEGORIES, EMPLOYEE_COLUMNS, EDUCATION_LEVELS } from '../../employee-import/employee-columns.ts';
import { importEmployees, matchHeader, type ImportOptions } from '../../employee-import/employee-import.ts';
import { csvTemplate, exampleEmployee, xlsxTemplate } from '../../employee-import/employee-template.ts';
import { checkZip } from '../../employee-import/zip-guard.ts';
import { syntheticDispatchedEmployee } from '../../filings/declaration/synthetic-filing.ts';
import { syntheticUscc } from '../../domain/synthetic.ts';
import { syntheticEmployee } from '../support/fixtures.ts';

const column = (field: string) => EMPLOYEE_COLUMNS.find((c) => c.field === field)!;
const options: ImportOptions = { year: 2025, today: new Date('2026-04-02T00:00:00Z'), maxEmployees: 5, locale: 'zh' };
const headers = EMPLOYEE_COLUMNS.map((c) => c.header);

/** One CSV data line for an employee, the way a person fills the template. */
function csvRow(e: ReturnType<typeof syntheticEmployee>, overrides: Record<string, string> = {}): string {
  const shown: Record<string, string> = {
    name: e.name, idNumber: e.idNumber, hukouRegionCode: e.hukouRegionCode, certType: '残疾人证', certNumber: e.certNumber,
    disabilityCategory: '肢体', disabilityGrade: String(e.disabilityGrade), education: '高中', phone: e.phone, jobPost: e.jobPost,
    annualWage: String(e.annualWage), employmentType: e.employmentType === 'dispatch' ? '劳务派遣' : '合同制',
    contractStart: e.contractStart ?? '', contractEnd: e.contractEnd ?? '', employedFrom: e.employedFrom, employedTo: e.employedTo,
    ...(e.postType ? { postType: e.postType === 'management_technical' ? '管理或技术岗位' : '其他岗位' } : {}),
    ...(e.dispatchAgencyUscc ? { dispatchAgencyUscc: e.dispatchAgencyUscc } : {}),
    ...(e.dispatchCountedHere !== undefined ? { dispatchCountedHere: e.dispatchCountedHere ? '是' : '否' } : {}),
    ...(typeof e.socialInsurance === 'string' ? { socialInsurance: e.socialInsurance } : {}),
    ...(typeof e.contributions === 'string' ? { contributions: e.contributions } : {}),
    ...overrides,
  };
  return csvLine(EMPLOYEE_COLUMNS.map((c) => shown[c.field] ?? ''));
}

describe('cell conversions', () => {
  it('reads dates from Excel date cells, serial numbers and the ways people type them', () => {
    expect(readDate(new Date(Date.UTC(2025, 0, 5)))).toEqual({ ok: true, value: '2025-01-05' });
    expect(readDate(45662)).toEqual({ ok: true, value: '2025-01-05' }); // a date cell that lost its format
    for (const typed of ['2025-01-05', '2025/1/5', '2025.1.5', '2025年1月5日', '２０２５／１／５', '20250105', ' 2025-01-05 00:00:00 ']) {
      expect(readDate(typed)).toEqual({ ok: true, value: '2025-01-05' });
    }
    expect(readDate(20250105)).toEqual({ ok: true, value: '2025-01-05' });
    for (const wrong of ['2025-02-30', '2025', '1/5/2025', 'next week', 2025]) expect(readDate(wrong)).toEqual({ ok: false, code: 'DATE_CELL' });
    expect(readDate('')).toEqual({ ok: true, value: undefined });
  });

  it('reads amounts from numbers and text, rounded to fen', () => {
    expect(readMoney(60000)).toEqual({ ok: true, value: 60000 });
    expect(readMoney(1234.567)).toEqual({ ok: true, value: 1234.57 });
    expect(readMoney('60,000.50')).toEqual({ ok: true, value: 60000.5 });
    expect(readMoney('６００００元')).toEqual({ ok: true, value: 60000 });
    expect(readMoney('￥ 58000')).toEqual({ ok: true, value: 58000 });
    expect(readMoney('六万')).toEqual({ ok: false, code: 'NUMBER_CELL' });
  });

  it('reads category and grade as digits or words, leaving ranges to the filing rules', () => {
    const category = column('disabilityCategory').read;
    expect(category('肢体')).toEqual({ ok: true, value: 4 });
    expect(category('肢体残疾')).toEqual({ ok: true, value: 4 });
    expect(category('４')).toEqual({ ok: true, value: 4 });
    expect(category(7)).toEqual({ ok: true, value: 7 });
    expect(category(9)).toEqual({ ok: true, value: 9 }); // CATEGORY_RANGE is the filing's to say
    expect(category('飞行')).toEqual({ ok: false, code: 'CATEGORY_CELL' });
    const grade = column('disabilityGrade').read;
    expect(grade('二级')).toEqual({ ok: true, value: 2 });
    expect(grade('3级')).toEqual({ ok: true, value: 3 });
    expect(grade(2.5)).toEqual({ ok: false, code: 'GRADE_CELL' });
    expect(Object.keys(DISABILITY_CATEGORIES)).toEqual(['视力', '听力', '言语', '肢体', '智力', '精神', '多重']);
  });

  it('maps Chinese labels (and the codes) to CONTRACTS values, naming the choices otherwise', () => {
    const education = readChoice(EDUCATION_LEVELS);
    expect(education(' 本科 ')).toEqual({ ok: true, value: 'bachelor' });
    expect(education('中专')).toEqual({ ok: true, value: 'vocational' });
    expect(education('研究生及以上')).toEqual({ ok: true, value: 'postgraduate' });
    expect(education('无')).toEqual({ ok: true, value: 'none' });
    expect(readChoice(CERT_TYPES)('伤残人民警察证')).toEqual({ ok: true, value: 'police' });
    expect(readChoice(CERT_TYPES)('disability')).toEqual({ ok: true, value: 'disability' });
    expect(education('学士')).toEqual({ ok: false, code: 'CHOICE', params: { choices: ['无', '小学', '初中', '高中', '中专或职高', '大专', '本科', '研究生及以上'] } });
  });

  it('trims text, turns full-width digits into ASCII, and refuses formula errors', () => {
    expect(readText('\u3000张三 ')).toEqual({ ok: true, value: '张三' });
    expect(readText('  ')).toEqual({ ok: true, value: undefined });
    expect(readCode('３３０１０６')).toEqual({ ok: true, value: '330106' });
    expect(readCode('0571 - 85781153')).toEqual({ ok: true, value: '0571-85781153' });
    expect(readCode(13812345678)).toEqual({ ok: true, value: '13812345678' });
    expect(readText({ error: '#N/A' })).toEqual({ ok: false, code: 'CELL_ERROR', params: { value: '#N/A' } });
    expect(readWholeNumber({}, [], 'X')({ error: '#REF!' })).toEqual({ ok: false, code: 'CELL_ERROR', params: { value: '#REF!' } });
  });
});

describe('ID numbers that went through a number cell', () => {
  const idNumber = column('idNumber').read;
  const certNumber = column('certNumber').read;
  const valid = syntheticEmployee(seededRandom(7), 2025);

  it('refuses a numeric cell, whatever its digits, and keeps a text cell as typed', () => {
    expect(idNumber(330106199001011234)).toEqual({ ok: false, code: 'NUMBER_AS_NUMERIC_CELL' });
    expect(certNumber(33010619900101123443)).toEqual({ ok: false, code: 'NUMBER_AS_NUMERIC_CELL' });
    expect(idNumber(valid.idNumber)).toEqual({ ok: true, value: valid.idNumber });
    expect(idNumber(` ${valid.idNumber.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} `)).toEqual({ ok: true, value: valid.idNumber });
  });

  it('recognises the damage in CSV text: scientific notation, or the last digits turned to zeros', () => {
    expect(idNumber('3.30106E+17')).toEqual({ ok: false, code: 'NUMBER_AS_NUMERIC_CELL' });
    expect(idNumber(`${valid.idNumber.slice(0, 15)}000`)).toEqual(
      `${valid.idNumber.slice(0, 15)}000` === valid.idNumber ? { ok: true, value: valid.idNumber } : { ok: false, code: 'NUMBER_AS_NUMERIC_CELL' },
    );
    expect(certNumber(`${valid.idNumber.slice(0, 15)}00000`)).toEqual({ ok: false, code: 'NUMBER_AS_NUMERIC_CELL' });
    // A plain typo is left to the check-digit rule, which says what is really wrong.
    expect(idNumber(`${valid.idNumber.slice(0, 17)}${valid.idNumber.endsWith('1') ? '2' : '1'}`).ok).toBe(true);
  });
});

describe('header matching', () => {
  const row = (cells: string[]) => ({ number: 1, cells });

  it('finds the columns in any order, tolerating spaces, full-width brackets and known aliases', () => {
    const shuffled = [...headers].reverse().map((h) => (h === '实际支付工资（元）' ? ' 实际支付工资(元) ' : h === '户籍所在地代码' ? '户籍所在地' : h));
    const match = matchHeader(row(['', ...shuffled]));
    expect(match.ok).toBe(true);
    if (match.ok) {
      expect(match.columns[0]).toBeUndefined();
      expect(match.columns.slice(1).map((c) => c?.field)).toEqual([...EMPLOYEE_COLUMNS].reverse().map((c) => c.field));
    }
  });

  it('names an unknown header with its column, and each missing required column', () => {
    const match = matchHeader(row(['姓名', '年龄', ...headers.slice(2).filter((h) => h !== '证号')]));
    expect(match).toEqual({
      ok: false,
      issues: [
        { path: '/file', code: 'UNKNOWN_COLUMN', params: { header: '年龄', row: 1, column: 'B' } },
        { path: '/file', code: 'MISSING_COLUMN', params: { header: '身份证号' } },
        { path: '/file', code: 'MISSING_COLUMN', params: { header: '证号' } },
      ],
    });
  });

  it('refuses a column given twice, and accepts a list without the optional columns', () => {
    expect(matchHeader(row([...headers, '姓名']))).toMatchObject({ ok: false, issues: [{ code: 'DUPLICATE_COLUMN', params: { header: '姓名' } }] });
    const optional = ['残疾类别', '劳动合同起始日期', '劳动合同终止日期'];
    expect(matchHeader(row(headers.filter((h) => !optional.includes(h)))).ok).toBe(true);
  });
});

describe('CSV', () => {
  it('follows RFC 4180: quoted commas, doubled quotes, line breaks inside quotes, CRLF or LF', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\r\nlines",,x\nlast')).toEqual({
      ok: true,
      records: [['a', 'b,c', 'say "hi"'], ['two\r\nlines', '', 'x'], ['last']],
    });
    expect(parseCsv('a,b\r\n')).toEqual({ ok: true, records: [['a', 'b']] });
    expect(parseCsv('a,b\r\n"open,c\r\n')).toEqual({ ok: false, code: 'CSV_QUOTE', record: 2 });
    expect(csvLine(['x', 'a,b', 'say "hi"'])).toBe('x,"a,b","say ""hi"""\r\n');
  });

  it('decodes UTF-8 (BOM or not) and, failing that, GBK as Chinese Excel saves it', () => {
    expect(decodeCsv(Buffer.from('\ufeff姓名,身份证号', 'utf8'))).toBe('姓名,身份证号');
    expect(decodeCsv(Buffer.from('姓名', 'utf8'))).toBe('姓名');
    expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x41]))).toBe('姓名,A'); // GBK 姓名,A
  });

  it('tells text from binary', () => {
    expect(looksBinary(Buffer.from('姓名,年龄\r\n\t张三,3\n', 'utf8'))).toBe(false);
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe(true);
  });

  it('has a template of the header row only, with a BOM', () => {
    expect(csvTemplate().toString('utf8')).toBe(`\ufeff${headers.join(',')}\r\n`);
  });
});

describe('importing a list', () => {
  const rand = seededRandom(11);
  const good = [syntheticEmployee(rand, 2025), syntheticEmployee(rand, 2025)];

  it('returns the declaration values of clean rows, skipping empty ones', async () => {
    const csv = csvLine(headers) + csvRow(good[0]!) + ',,,\r\n' + csvRow(good[1]!, { certType: ' 残疾人证 ', annualWage: '60,000' });
    const outcome = await importEmployees(Buffer.from(csv), options);
    expect(outcome).toEqual({ ok: true, result: { employees: good, errors: [] } });
  });

  it('applies the filing rules to every row and names row and column of each problem, all at once', async () => {
    const csv =
      csvLine(headers) +
      csvRow(good[0]!, { disabilityCategory: '9', contractStart: '', contractEnd: '' }) +
      csvRow(good[1]!, { employedFrom: '2024-12-01', employedTo: '明年', education: '学士' });
    const outcome = await importEmployees(Buffer.from(csv), options);
    expect(outcome.ok && outcome.result.employees).toEqual([]);
    expect(outcome.ok && outcome.result.errors).toEqual([
      { row: 2, column: '残疾类别', path: '/employees/0/disabilityCategory', code: 'CATEGORY_RANGE', message: '第 2 行的残疾类别应为 1–7' },
      { row: 2, column: '劳动合同起始日期', path: '/employees/0/contractStart', code: 'REQUIRED', message: '请填写第 2 行的劳动合同起始日期' },
      { row: 2, column: '劳动合同终止日期', path: '/employees/0/contractEnd', code: 'REQUIRED', message: '请填写第 2 行的劳动合同终止日期' },
      {
        row: 3, column: '文化程度', path: '/employees/1/education', code: 'CHOICE',
        message: '第 3 行的文化程度只能是：无、小学、初中、高中、中专或职高、大专、本科、研究生及以上',
      },
      { row: 3, column: '在岗起始日期', path: '/employees/1/employedFrom', code: 'DATE_OUTSIDE_YEAR', message: '第 3 行的在岗起始日期应在申报年度 2025 年内' },
      // Unreadable, so reported once as such — not again as missing.
      { row: 3, column: '在岗终止日期', path: '/employees/1/employedTo', code: 'DATE_CELL', message: '第 3 行的在岗终止日期不是有效日期，请按 2025-01-01 或 2025/1/1 的格式填写' },
    ]);
  });

  it('words the problems in English on request', async () => {
    const csv = csvLine(headers) + csvRow(good[0]!, { idNumber: '3.30106E+17', phone: '12345' });
    const outcome = await importEmployees(Buffer.from(csv), { ...options, locale: 'en' });
    expect(outcome.ok && outcome.result.errors.map((e) => e.message)).toEqual([
      "row 2's ID number must be entered as text: a number cell loses the last digits; format the column as Text and type it again",
      "row 2's phone must be a mobile number or a fixed line with area code (0571-85781153)",
    ]);
  });

  it('refuses a list longer than a filing may declare, an empty file and a file that is no spreadsheet', async () => {
    const many = csvLine(headers) + Array.from({ length: 6 }, () => csvRow(good[0]!)).join('');
    expect(await importEmployees(Buffer.from(many), options)).toEqual({ ok: false, issues: [{ path: '/file', code: 'TOO_MANY_ROWS', params: { max: 5 } }] });
    expect(await importEmployees(Buffer.from('\ufeff\r\n\r\n'), options)).toEqual({ ok: false, issues: [{ path: '/file', code: 'NO_HEADER' }] });
    expect(await importEmployees(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), options)).toEqual({
      ok: false,
      issues: [{ path: '/file', code: 'FILE_TYPE', params: { legacyExcel: true } }],
    });
  });

  it('has a synthetic example whose values pass the filing rules', async () => {
    const example = exampleEmployee(2025);
    const csv = csvLine(headers) + csvRow(example);
    expect(await importEmployees(Buffer.from(csv), options)).toEqual({ ok: true, result: { employees: [example], errors: [] } });
  });

  it('says of each column in its 填写说明 what the import requires, once, and shows each filled in the example', async () => {
    const workbook = new ExcelJS.Workbook();
    const template = await xlsxTemplate({ maxRows: 5, exampleYear: 2025 });
    await workbook.xlsx.load(template.buffer.slice(template.byteOffset, template.byteOffset + template.byteLength) as ArrayBuffer);
    const said = new Map<string, { requirement: string; hint: string; example: string }>();
    workbook.getWorksheet('填写说明')!.eachRow((row) => {
      const [header = '', requirement = '', hint = '', example = ''] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
      said.set(header, { requirement, hint, example });
    });
    const example = exampleEmployee(2025);
    for (const c of EMPLOYEE_COLUMNS) {
      const row = said.get(c.header)!;
      expect(row.requirement, c.header).toBe(c.headerRequired ? '必填' : (c.requiredWhen ?? '选填'));
      // The hint never contradicts the requirement beside it.
      if (row.requirement === '选填') expect(row.hint, c.header).not.toMatch(/必填/);
      else expect(row.hint, c.header).not.toMatch(/可不填|选填|不填/);
      expect(row.example, c.header).not.toBe('');
      // What it calls optional is: a row with that cell blank imports without a word.
      if (row.requirement === '选填') {
        const blank = await importEmployees(Buffer.from(csvLine(headers) + csvRow(example, { [c.field]: '' })), options);
        expect(blank.ok && blank.result.errors, c.header).toEqual([]);
      }
    }
    expect([...said.values()].filter((r) => r.requirement === '选填').length).toBe(3);
    expect(said.get('派遣协议约定计入本单位')).toMatchObject({ requirement: '劳务派遣人员必填', example: '是' });
    expect(said.get('岗位类别')).toMatchObject({ requirement: '选填', example: '其他岗位' });
  });
});

describe('dispatched workers and 岗位类别', () => {
  const rand = seededRandom(24);
  const agency = syntheticUscc(rand, { prefix: '91', regionCode: '330106' });
  const dispatched = syntheticDispatchedEmployee(rand, 2025, agency, true, { postType: 'management_technical' });
  const contract = syntheticEmployee(rand, 2025);

  it('reads yes or no the ways people write it', () => {
    for (const yes of ['是', ' 是 ', 'Y', 'yes', true, 1, '√']) expect(readYesNo(yes)).toEqual({ ok: true, value: true });
    for (const no of ['否', 'N', 'FALSE', false, 0]) expect(readYesNo(no)).toEqual({ ok: true, value: false });
    expect(readYesNo('')).toEqual({ ok: true, value: undefined });
    expect(readYesNo('可能')).toEqual({ ok: false, code: 'CHOICE', params: { choices: ['是', '否'] } });
  });

  it('imports a dispatched worker with the agency, the agreement and the post type', async () => {
    const other = syntheticDispatchedEmployee(rand, 2025, agency, false);
    const csv = csvLine(headers) + csvRow(dispatched) + csvRow(other, { postType: '其他' });
    const outcome = await importEmployees(Buffer.from(csv), options);
    expect(outcome).toEqual({ ok: true, result: { employees: [dispatched, { ...other, postType: 'other' }], errors: [] } });
  });

  it('names each missing, wrong or misplaced dispatch cell by row and column', async () => {
    const wrongCheck = agency.slice(0, 17) + (agency.endsWith('0') ? '1' : '0');
    const csv =
      csvLine(headers) +
      csvRow(dispatched, { dispatchAgencyUscc: '', dispatchCountedHere: '' }) +
      csvRow(dispatched, { dispatchAgencyUscc: wrongCheck, dispatchCountedHere: '可能', postType: '经理' }) +
      csvRow(contract, { dispatchAgencyUscc: agency, dispatchCountedHere: '否' });
    const outcome = await importEmployees(Buffer.from(csv), options);
    expect(outcome.ok && outcome.result.employees).toEqual([]);
    expect(outcome.ok && outcome.result.errors.map(({ row, column, code, message }) => ({ row, column, code, message }))).toEqual([
      { row: 2, column: '派遣单位统一社会信用代码', code: 'REQUIRED', message: '请填写第 2 行的派遣单位统一社会信用代码' },
      { row: 2, column: '派遣协议约定计入本单位', code: 'REQUIRED', message: '请填写第 2 行的派遣协议约定计入本单位' },
      { row: 3, column: '岗位类别', code: 'CHOICE', message: '第 3 行的岗位类别只能是：管理或技术岗位、其他岗位' },
      { row: 3, column: '派遣单位统一社会信用代码', code: 'USCC_CHECKSUM', message: '第 3 行的派遣单位统一社会信用代码校验位不正确，请核对' },
      { row: 3, column: '派遣协议约定计入本单位', code: 'CHOICE', message: '第 3 行的派遣协议约定计入本单位只能是：是、否' },
      {
        row: 4, column: '派遣单位统一社会信用代码', code: 'DISPATCH_ONLY',
        message: '第 4 行的派遣单位统一社会信用代码只用于用工性质为“劳务派遣”的职工，请删除或将用工性质改为劳务派遣',
      },
      {
        row: 4, column: '派遣协议约定计入本单位', code: 'DISPATCH_ONLY',
        message: '第 4 行的派遣协议约定计入本单位只用于用工性质为“劳务派遣”的职工，请删除或将用工性质改为劳务派遣',
      },
    ]);
  });

  it('still imports a list made from the template before these columns', async () => {
    const added = new Set(['postType', 'dispatchAgencyUscc', 'dispatchCountedHere']);
    const older = EMPLOYEE_COLUMNS.filter((c) => !added.has(c.field));
    const row = csvRow(contract);
    const cells = parseCsv(row);
    const kept = cells.ok ? cells.records[0]!.filter((_cell, i) => !added.has(EMPLOYEE_COLUMNS[i]!.field)) : [];
    const outcome = await importEmployees(Buffer.from(csvLine(older.map((c) => c.header)) + csvLine(kept)), options);
    expect(outcome).toEqual({ ok: true, result: { employees: [contract], errors: [] } });
  });
});

describe('archives built to exhaust the reader', () => {
  /** A one-entry zip; `declared` lets the entry lie about its unpacked size. */
  function zipOf(name: string, content: Buffer, declared = content.length): Buffer {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + nameBytes.length, 12);
    end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
    return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
  }
  const limits = { maxEntries: 10, maxUnzippedBytes: 1024 * 1024 };
  const expanding = Buffer.alloc(8 * 1024 * 1024, 0x41); // 8 MB of one letter deflates to a few KB

  it('stops an entry that unpacks past the bound, whether it declares its size or lies about it', async () => {
    expect(checkZip(zipOf('xl/sharedStrings.xml', Buffer.from('<sst/>')), limits)).toBe('ok');
    expect(checkZip(zipOf('xl/sharedStrings.xml', expanding), limits)).toBe('too_large');
    expect(checkZip(zipOf('xl/sharedStrings.xml', expanding, 100), limits)).toBe('too_large');
    const bomb = zipOf('xl/sharedStrings.xml', Buffer.alloc(80 * 1024 * 1024, 0x41));
    expect(await importEmployees(bomb, options)).toEqual({ ok: false, issues: [{ path: '/file', code: 'FILE_TOO_COMPLEX' }] });
  });

  it('refuses a truncated archive as unreadable', async () => {
    const zip = zipOf('a.txt', Buffer.from('hello'));
    expect(await importEmployees(zip.subarray(0, zip.length - 30), options)).toEqual({ ok: false, issues: [{ path: '/file', code: 'FILE_TYPE' }] });
  });

  it('reads a workbook with whole-column validation rules without expanding them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(headers);
    const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
    for (const letter of ['D', 'F', 'H', 'L']) validations.add(`${letter}1:${letter}1048576`, { type: 'list', allowBlank: true, formulae: ['"a,b"'] });
    const started = Date.now();
    const outcome = await importEmployees(Buffer.from(await workbook.xlsx.writeBuffer()), options);
    expect(outcome).toEqual({ ok: true, result: { employees: [], errors: [] } });
    expect(Date.now() - started).toBeLessThan(3000); // loading it whole takes tens of seconds and hundreds of MB
  });
});
