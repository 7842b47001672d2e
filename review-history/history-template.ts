// The history workbook template (GET /api/templates/review-history.xlsx): the 单位年度 sheet (one row per unit and
// year), the 残疾职工 sheet (one row per disabled employee, keyed by the unit's USCC and the year) and 填写说明. Both
// data sheets carry one example row whose name starts with 【示例】: the import skips it, so it may stay.
// Why one 残疾职工 sheet rather than a sheet per unit-year: a province's 100 000 unit-years would be 100 000 sheets,
// which Excel cannot open usefully and no person can fill; one sheet keyed by USCC + year is sorted, filtered and
// pasted into like any list, and every row still names its unit-year.
import ExcelJS from 'exceljs';
import { seededRandom, syntheticUscc } from '../domain/synthetic.ts';
import { CERT_TYPES, EMPLOYMENT_TYPES } from '../employee-import/employee-columns.ts';
import { exampleEmployee, requirement } from '../employee-import/employee-template.ts';
import { columnLetter } from '../employee-import/spreadsheet.ts';
import {
  EMPLOYEE_KEY_COLUMNS,
  EMPLOYEE_SHEET_NAME,
  EXAMPLE_MARK,
  HISTORY_EMPLOYEE_COLUMNS,
  INSTRUCTIONS_SHEET_NAME,
  UNIT_COLUMNS,
  UNIT_SHEET_NAME,
} from './history-columns.ts';

const NUMBER_FORMATS: Record<string, string | undefined> = { text: '@', general: undefined, date: 'yyyy-mm-dd', money: '0.00', whole: '0' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };

interface SheetColumn {
  header: string;
  format: string;
  width: number;
}

function addDataSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], example: (string | number)[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.format];
    return { header: column.header, width: column.width, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  sheet.addRow(example).font = EXAMPLE_FONT;
  return sheet;
}

const NOTES = (lastYear: number) => [
  `1. 本模板用于导入系统上线前（${lastYear} 年及以前，如 2020、2021 年度）的按比例就业年审数据；之后的年度请通过申报办理。`,
  '2. “单位年度”表每行一个单位的一个年度，从第 2 行起填写；同一单位同一年度只能有一行。统一社会信用代码须为单位名录中的单位，且在您的管辖范围内。',
  '3. “残疾职工”表每行一名残疾职工，用“统一社会信用代码 + 年度”对应到“单位年度”表中的一行；同一单位年度中同一身份证号只能出现一次。',
  '4. 两张表第 2 行是示例（名称以【示例】开头，灰色斜体），导入时自动跳过，可以保留或删除。',
  '5. 身份证号、证号、统一社会信用代码列为“文本”格式，粘贴时请用“选择性粘贴 → 数值”，避免变成科学计数法。',
  '6. 先“检查”（不写入任何数据），所有问题会按工作表、行、列一次列出；改正后再“确认导入”。重新导入修正后的文件会替换同一单位年度的数据，不会重复。',
];

function addInstructions(workbook: ExcelJS.Workbook, lastYear: number): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  sheet.columns = [{ width: 10 }, { width: 28 }, { width: 12 }, { width: 80 }];
  sheet.addRow(['历史年审数据导入填写说明']).font = { bold: true, size: 14 };
  for (const note of NOTES(lastYear)) sheet.addRow([note]);
  sheet.addRow([]);
  const header = sheet.addRow(['工作表', '列名', '是否必填', '填写说明']);
  header.font = { bold: true };
  for (const column of UNIT_COLUMNS) sheet.addRow([UNIT_SHEET_NAME, column.header, '必填', column.hint]);
  for (const column of EMPLOYEE_KEY_COLUMNS) sheet.addRow([EMPLOYEE_SHEET_NAME, column.header, '必填', column.hint]);
  for (const column of HISTORY_EMPLOYEE_COLUMNS) sheet.addRow([EMPLOYEE_SHEET_NAME, column.header, requirement(column), column.hint]);
  sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/** The template, with its examples in `exampleYear` (the last year the history may hold). */
export async function historyTemplate(exampleYear: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '残疾人按比例就业情况联网认证';
  const uscc = syntheticUscc(seededRandom(20_210_101), { regionCode: '330106' });
  addDataSheet(workbook, UNIT_SHEET_NAME, UNIT_COLUMNS, [uscc, `${EXAMPLE_MARK}杭州某某科技有限公司`, exampleYear, 120, 98000, 2, 1.8, 0]);
  const employee = exampleEmployee(exampleYear);
  const shown = (field: string): string | number => {
    const value = (employee as unknown as Record<string, unknown>)[field];
    if (field === 'name') return `${EXAMPLE_MARK}${String(value)}`;
    if (field === 'certType') return CERT_TYPES.find((c) => c.code === value)?.labels[0] ?? '';
    if (field === 'employmentType') return EMPLOYMENT_TYPES.find((c) => c.code === value)?.labels[0] ?? '';
    return typeof value === 'number' || typeof value === 'string' ? value : '';
  };
  const employees = addDataSheet(workbook, EMPLOYEE_SHEET_NAME, [...EMPLOYEE_KEY_COLUMNS, ...HISTORY_EMPLOYEE_COLUMNS], [uscc, exampleYear, ...HISTORY_EMPLOYEE_COLUMNS.map((c) => shown(c.field))]);
  // The drop-downs of the coded columns, over the rows a person fills.
  const validations = (employees as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  HISTORY_EMPLOYEE_COLUMNS.forEach((column, i) => {
    if (!column.dropdown) return;
    const letter = columnLetter(i + EMPLOYEE_KEY_COLUMNS.length);
    validations.add(`${letter}2:${letter}5001`, { type: 'list', allowBlank: true, formulae: [`"${column.dropdown.join(',')}"`] });
  });
  addInstructions(workbook, exampleYear);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
