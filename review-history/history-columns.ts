// The history workbook's columns, as data (docs/review-history.md): the 单位年度 sheet, one row per unit and year as
// the 2020–2021 reviews certified it, and the 残疾职工 sheet, one row per disabled employee of a unit-year, keyed by
// the unit's USCC and the year. The employee columns are the employee-list template's own (employee-import/), so a
// cell is read and worded exactly as a filing's employee list is. The template, the reading and the messages are made
// from these lists.
import { readCode, readMoney, readText, readWholeNumber, type Cell, type CellRead } from '../employee-import/cell-values.ts';
import { EMPLOYEE_COLUMNS, type EmployeeColumn } from '../employee-import/employee-columns.ts';

export const UNIT_SHEET_NAME = '单位年度';
export const EMPLOYEE_SHEET_NAME = '残疾职工';
export const INSTRUCTIONS_SHEET_NAME = '填写说明';
/** A row whose unit (or employee) name starts so is the template's example: skipped, never imported. */
export const EXAMPLE_MARK = '【示例】';

export type UnitField = 'uscc' | 'unitName' | 'year' | 'staffCount' | 'averageWage' | 'certifiedCount' | 'requiredCount' | 'levyPaid';

export interface HistoryColumn<F extends string> {
  header: string;
  english: string;
  field: F;
  read: (cell: Cell) => CellRead<string | number>;
  format: 'text' | 'general' | 'money' | 'whole' | 'date';
  width: number;
  hint: string;
  /** Inclusive bounds of a number. */
  min?: number;
  max?: number;
  /** Whole numbers only. */
  whole?: boolean;
}

/** A number cell (a count or an amount), to two decimals; `code` names what it should be when it is not one. */
function readNumber(code: string): (cell: Cell) => CellRead<number> {
  return (cell) => {
    const read = readMoney(cell);
    return read.ok || read.code === 'CELL_ERROR' ? read : { ok: false, code };
  };
}

const readYear = readWholeNumber({}, ['年', '年度'], 'YEAR_CELL');

export const UNIT_COLUMNS: readonly HistoryColumn<UnitField>[] = [
  { header: '统一社会信用代码', english: 'USCC', field: 'uscc', read: readCode, format: 'text', width: 24, hint: '18 位，末位为校验码；须为单位名录中的单位' },
  { header: '单位名称', english: 'unit name', field: 'unitName', read: readText, format: 'text', width: 30, hint: '该年度年审时的单位名称' },
  { header: '年度', english: 'year', field: 'year', read: readYear, format: 'whole', width: 8, hint: '年审的数据年度，如 2021；只能是系统上线前的年度' },
  { header: '在职职工人数', english: 'staff count', field: 'staffCount', read: readNumber('COUNT_CELL'), format: 'whole', width: 14, hint: '该年度在职职工人数（整数）', min: 0, max: 1_000_000, whole: true },
  { header: '职工年平均工资（元）', english: 'average wage (yuan)', field: 'averageWage', read: readNumber('NUMBER_CELL'), format: 'money', width: 20, hint: '该年度职工年平均工资，单位元', min: 0, max: 10_000_000 },
  { header: '安排残疾人就业人数（认定）', english: 'certified count', field: 'certifiedCount', read: readNumber('COUNT_CELL'), format: 'money', width: 24, hint: '年审认定的安排人数，可含按比例折算的小数（如 2.5）', min: 0, max: 1_000_000 },
  { header: '应安排人数', english: 'required count', field: 'requiredCount', read: readNumber('COUNT_CELL'), format: 'money', width: 12, hint: '按比例应安排的人数，可含两位小数，不得多于在职职工人数', min: 0, max: 1_000_000 },
  { header: '已缴保障金（元）', english: 'levy paid (yuan)', field: 'levyPaid', read: readNumber('NUMBER_CELL'), format: 'money', width: 18, hint: '该年度已缴纳的残疾人就业保障金，未缴填 0', min: 0, max: 10_000_000_000 },
];

/** The employee fields the history keeps (db/migrations/028: review_history_employees.employee). */
export const HISTORY_EMPLOYEE_FIELDS = ['name', 'idNumber', 'certType', 'certNumber', 'disabilityGrade', 'employmentType', 'employedFrom', 'employedTo', 'annualWage'] as const;

export type EmployeeKeyField = 'uscc' | 'year';

/** The 残疾职工 sheet: the unit-year it belongs to, then the employee-list template's columns for the kept fields. */
export const EMPLOYEE_KEY_COLUMNS: readonly HistoryColumn<EmployeeKeyField>[] = [
  { ...UNIT_COLUMNS[0]!, field: 'uscc', hint: '所属单位的统一社会信用代码，须在“单位年度”表中' },
  { ...UNIT_COLUMNS[2]!, field: 'year', hint: '所属单位年度，须在“单位年度”表中' },
];

export const HISTORY_EMPLOYEE_COLUMNS: readonly EmployeeColumn[] = HISTORY_EMPLOYEE_FIELDS.map((field) => {
  const column = EMPLOYEE_COLUMNS.find((c) => c.field === field);
  if (!column) throw new Error(`the employee list has no column for ${field}`);
  return column;
});
