// The sentences a person reads about a history workbook: a cell is named by its sheet, row and column ("单位年度表第
// 3 行的年度"); the file's own problems (not a workbook, too large, the reading limits) are the employee list's
// sentences (employee-import/import-messages.ts), and an employee cell's are the list's too.
import { importMessages } from '../employee-import/import-messages.ts';
import type { Locale, Template } from '../platform/field-messages.ts';

const at = (p: Record<string, unknown>, zh: boolean) =>
  zh ? `第 ${String(p.row)} 行的“${String(p.column)}”` : `row ${String(p.row)}, column "${String(p.column)}"`;

const own: Readonly<Record<string, readonly [Template, Template]>> = {
  NO_UNIT_SHEET: [
    () => '文件中没有“单位年度”工作表，请使用下载的历史数据模板填写',
    () => 'the workbook has no sheet named 单位年度; fill in the downloaded history template',
  ],
  NO_HEADER: [(_f, p) => `“${String(p.sheet)}”表没有表头行，请使用下载的模板填写`, (_f, p) => `the sheet ${String(p.sheet)} has no header row`],
  UNKNOWN_COLUMN: [
    (_f, p) => `“${String(p.sheet)}”表第 ${String(p.column)} 列的表头“${String(p.header)}”不是模板中的列，请删除该列或改用下载的模板`,
    (_f, p) => `the header "${String(p.header)}" (sheet ${String(p.sheet)}, column ${String(p.column)}) is not a template column`,
  ],
  MISSING_COLUMN: [
    (_f, p) => `“${String(p.sheet)}”表缺少“${String(p.header)}”列，请使用下载的模板填写`,
    (_f, p) => `the sheet ${String(p.sheet)} lacks the column "${String(p.header)}"`,
  ],
  DUPLICATE_COLUMN: [
    (_f, p) => `“${String(p.sheet)}”表的“${String(p.header)}”列出现了不止一次，请只保留一列`,
    (_f, p) => `the column "${String(p.header)}" appears more than once in ${String(p.sheet)}`,
  ],
  TOO_MANY_ROWS: [
    (_f, p) => `一个文件最多 ${String(p.units)} 行单位年度、${String(p.employees)} 行残疾职工，请分成几个文件导入`,
    (_f, p) => `a file holds at most ${String(p.units)} unit-years and ${String(p.employees)} employees; split it`,
  ],
  REQUIRED: [(_f, p) => `请填写${at(p, true)}`, (_f, p) => `${at(p, false)} is required`],
  CELL_ERROR: [(_f, p) => `${at(p, true)}是公式错误值 ${String(p.value)}，请填写实际内容`, (_f, p) => `${at(p, false)} is the formula error ${String(p.value)}`],
  NUMBER_CELL: [(_f, p) => `${at(p, true)}应为金额数字，如 60000 或 60000.50`, (_f, p) => `${at(p, false)} must be an amount such as 60000`],
  COUNT_CELL: [(_f, p) => `${at(p, true)}应为人数，如 120 或 2.5`, (_f, p) => `${at(p, false)} must be a number of people such as 120 or 2.5`],
  YEAR_CELL: [(_f, p) => `${at(p, true)}应为四位年份，如 2021`, (_f, p) => `${at(p, false)} must be a year such as 2021`],
  WHOLE_NUMBER: [(_f, p) => `${at(p, true)}应为整数`, (_f, p) => `${at(p, false)} must be a whole number`],
  NUMBER_RANGE: [
    (_f, p) => `${at(p, true)}应在 ${String(p.min)} 至 ${String(p.max)} 之间`,
    (_f, p) => `${at(p, false)} must be from ${String(p.min)} to ${String(p.max)}`,
  ],
  USCC_FORMAT: [
    (_f, p) => `${at(p, true)}应为 18 位统一社会信用代码（数字和大写字母，不含 I、O、Z、S、V）`,
    (_f, p) => `${at(p, false)} must be an 18-character USCC`,
  ],
  USCC_CHECKSUM: [(_f, p) => `${at(p, true)}校验位不正确，请核对`, (_f, p) => `${at(p, false)}: check character is wrong`],
  HISTORY_YEAR: [
    (_f, p) => `${at(p, true)}只能是 ${String(p.from)}–${String(p.to)} 年：历史数据导入只收系统上线前（首个申报季之前）的年度，之后的年度请通过申报办理`,
    (_f, p) => `${at(p, false)} must be from ${String(p.from)} to ${String(p.to)}: only years before the system's first season are imported`,
  ],
  REQUIRED_OVER_STAFF: [(_f, p) => `${at(p, true)}不能多于在职职工人数`, (_f, p) => `${at(p, false)} cannot exceed the staff count`],
  DUPLICATE_UNIT_YEAR: [
    (_f, p) => `第 ${String(p.row)} 行与第 ${String(p.first)} 行是同一单位的 ${String(p.year)} 年度，每个单位每年只能有一行，请合并或删除其中一行`,
    (_f, p) => `row ${String(p.row)} repeats the unit and year ${String(p.year)} of row ${String(p.first)}`,
  ],
  UNKNOWN_UNIT: [
    (_f, p) => `${at(p, true)}不在单位名录中，也没有在本系统申报过，请核对代码`,
    (_f, p) => `${at(p, false)} is neither in the register of units nor a unit that has filed here`,
  ],
  OUT_OF_SCOPE: [
    (_f, p) => `${at(p, true)}所属地区（${String(p.region)}）不在您的管辖范围内，只能导入本辖区单位的历史数据`,
    (_f, p) => `${at(p, false)} belongs to ${String(p.region)}, outside your region`,
  ],
  EMPLOYEE_UNIT_MISSING: [
    (_f, p) => `第 ${String(p.row)} 行的单位（${String(p.uscc)}，${String(p.year)} 年度）不在“单位年度”表中，请先在该表中填写这一单位年度`,
    (_f, p) => `row ${String(p.row)}: the unit ${String(p.uscc)} of ${String(p.year)} is not in the 单位年度 sheet`,
  ],
  DUPLICATE_EMPLOYEE: [
    (_f, p) => `第 ${String(p.row)} 行与第 ${String(p.first)} 行是同一单位年度的同一名职工（身份证号相同），请删除其中一行`,
    (_f, p) => `row ${String(p.row)} repeats the employee of row ${String(p.first)} in the same unit-year`,
  ],
};

/** The sentence of a history problem: `params` carries row and column for a cell, the limit for the file. */
export function historyMessage(code: string, params: Record<string, unknown>, locale: Locale): string {
  const template = own[code];
  if (template) return template[locale === 'zh' ? 0 : 1]('', params);
  // The file's own problems (FILE_TYPE, ROW_LIMIT, XML_DEPTH …): the employee list's sentences.
  return importMessages.messageFor({ path: '/file', code, params }, locale);
}

export const HISTORY_CODES = Object.keys(own);
