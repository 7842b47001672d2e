// The downloadable employee-list template: an .xlsx whose first sheet is the list to fill in (header, widths,
// text-formatted number columns, drop-down lists) and whose second sheet explains each column with a synthetic
// example; and a CSV with the header row only, for those who prefer plain text.
import ExcelJS from 'exceljs';
import type { Employee } from '../filings/declaration/filing.ts';
import { syntheticDispatchedEmployee, syntheticEmployee } from '../filings/declaration/synthetic-filing.ts';
import { seededRandom, syntheticUscc } from '../domain/synthetic.ts';
import { csvLine } from './csv.ts';
import {
  CERT_TYPES,
  DISABILITY_CATEGORIES,
  EDUCATION_LEVELS,
  EMPLOYEE_COLUMNS,
  EMPLOYEE_SHEET_NAME,
  EMPLOYMENT_TYPES,
  INSTRUCTIONS_SHEET_NAME,
  POST_TYPES,
  type ColumnFormat,
  type EmployeeColumn,
} from './employee-columns.ts';
import { columnLetter } from './spreadsheet.ts';

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: '@', // Excel keeps what is typed as text: no lost digits, no scientific notation, leading zeros kept
  general: undefined,
  date: 'yyyy-mm-dd',
  money: '0.00',
  whole: '0',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A made-up employee for the instructions: synthetic numbers with correct check digits, never a real person. */
export function exampleEmployee(year: number): Employee {
  // The optional columns filled too, as the paper form words them, so every column shows what it takes.
  return { ...syntheticEmployee(seededRandom(20_250_101), year), postType: 'other', socialInsurance: '养老、医疗', contributions: '12个月' };
}

/** A made-up dispatched worker, for the example of the columns only dispatched workers fill. */
export function exampleDispatchedEmployee(year: number): Employee {
  const rand = seededRandom(20_250_102);
  return syntheticDispatchedEmployee(rand, year, syntheticUscc(rand, { prefix: '91', regionCode: '330106' }), true);
}

/** A value as a person would type it into the column: labels for coded values, the name for a category. */
function shownValue(employee: Employee, column: EmployeeColumn): string | number {
  const value = employee[column.field];
  const label = (choices: typeof CERT_TYPES) => choices.find((c) => c.code === value)?.labels[0] ?? '';
  switch (column.field) {
    case 'certType':
      return label(CERT_TYPES);
    case 'education':
      return label(EDUCATION_LEVELS);
    case 'employmentType':
      return label(EMPLOYMENT_TYPES);
    case 'postType':
      return label(POST_TYPES);
    case 'dispatchCountedHere':
      return value === undefined ? '' : value ? '是' : '否';
    case 'disabilityCategory':
      return Object.entries(DISABILITY_CATEGORIES).find(([, n]) => n === value)?.[0] ?? '';
    default:
      return typeof value === 'number' || typeof value === 'string' ? value : '';
  }
}

/** What the 是否必填 column says: the same as the import and the filing rules require. */
export const requirement = (column: EmployeeColumn): string => (column.headerRequired ? '必填' : column.requiredWhen ?? '选填');

const NOTES = [
  '1. 在“残疾职工名单”表中每行填写一名残疾职工，从第 2 行开始；请勿修改第 1 行表头，也不要合并单元格。',
  '2. 身份证号、证号、联系电话等列已设为“文本”格式。从其他表格粘贴时请用“选择性粘贴 → 数值”，并确认没有变成 3.30106E+17 这样的科学计数法。',
  '3. 日期可填 2025-01-01、2025/1/1 或 2025年1月1日；在岗起止日期须在申报年度内。',
  '4. 导入时会逐行检查，有误的行会列出行号、列名和原因，改正后重新导入即可；没有问题的行直接加入申报名单。',
  '5. 也可另存为 CSV（逗号分隔）后导入。',
  '6. 劳务派遣人员：用工性质选“劳务派遣”，并填写派遣单位统一社会信用代码和“派遣协议约定计入本单位”（是/否）；同一人按派遣单位与用工单位的书面协议只在一方计算，申报后请上传派遣协议。',
  '7. 下表“示例”列为虚构数据，仅供参考，请勿填入名单。',
];

function addListSheet(workbook: ExcelJS.Workbook, maxRows: number): void {
  const sheet = workbook.addWorksheet(EMPLOYEE_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EMPLOYEE_COLUMNS.map((column) => {
    const numFmt = NUMBER_FORMATS[column.format];
    return { header: column.header, key: column.field, width: column.width, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });

  // Validation covers exactly the rows a list may have, never whole columns (which cost every reader dearly).
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  EMPLOYEE_COLUMNS.forEach((column, index) => {
    const letter = columnLetter(index);
    const range = `${letter}2:${letter}${maxRows + 1}`;
    if (column.dropdown) {
      // The category also takes its digit (4 for 肢体): the list is a help there, not a fence.
      const strict = column.field !== 'disabilityCategory';
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${column.dropdown.join(',')}"`],
        showErrorMessage: strict,
        errorStyle: 'stop',
        errorTitle: column.header,
        error: `请从下拉列表中选择：${column.dropdown.join('、')}`,
      });
    } else if (column.field === 'disabilityGrade') {
      validations.add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [1, 10],
        showErrorMessage: true,
        errorTitle: column.header,
        error: '残疾等级应为 1–10 的整数（残疾人证 1–4 级）',
      });
    } else if (column.field === 'idNumber') {
      validations.add(range, {
        type: 'textLength',
        operator: 'equal',
        allowBlank: true,
        formulae: [18],
        showInputMessage: true,
        promptTitle: column.header,
        prompt: '18 位身份证号，以文本格式填写',
        showErrorMessage: true,
        errorTitle: column.header,
        error: '身份证号应为 18 位',
      });
    }
  });
}

function addInstructionsSheet(workbook: ExcelJS.Workbook, example: Employee, dispatched: Employee): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  sheet.columns = [
    { key: 'header', width: 20 },
    { key: 'requirement', width: 16 },
    { key: 'hint', width: 70 },
    { key: 'example', width: 26, style: { numFmt: '@' } },
  ];
  sheet.addRow(['残疾职工名单填写说明']).font = { bold: true, size: 14 };
  for (const note of NOTES) sheet.addRow([note]);
  sheet.addRow([]);
  const header = sheet.addRow(['列名', '是否必填', '填写说明', '示例（虚构）']);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const column of EMPLOYEE_COLUMNS) {
    // As text, so the example ID shows all its digits exactly as it should be typed.
    // A column only dispatched workers fill shows the dispatched example's value.
    sheet.addRow([column.header, requirement(column), column.hint, String(shownValue(example, column) || shownValue(dispatched, column))]);
  }
  sheet.getColumn('hint').alignment = { wrapText: true, vertical: 'top' };
}

/** The .xlsx template; drop-downs and formats cover `maxRows` rows below the header. */
export async function xlsxTemplate(options: { maxRows: number; exampleYear: number }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '残疾人按比例就业情况联网认证';
  addListSheet(workbook, options.maxRows);
  addInstructionsSheet(workbook, exampleEmployee(options.exampleYear), exampleDispatchedEmployee(options.exampleYear));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The CSV template: the header row only, UTF-8 with a BOM so that Excel opens it in Chinese. */
export function csvTemplate(): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvLine(EMPLOYEE_COLUMNS.map((c) => c.header)), 'utf8')]);
}
