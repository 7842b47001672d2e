// Turns the history workbook into unit-years and their employees, or says what is wrong with every cell at once —
// sheet, row and column (docs/review-history.md). Each unit row: a USCC with its check character, a year before the
// system's first season, numbers within range, one row per unit and year. Each employee row: a unit-year of the
// 单位年度 sheet, and the fields a filing's employee has checked by the filing's own rules (validateEmployee: ID and
// certificate check digits, grade, dates within the year). Runs on a reading thread (history-thread.ts); whether a
// unit is known and within the importer's region needs the database and is checked after (history-import-job.ts).
import type { Employee } from '../filings/declaration/filing.ts';
import { validateEmployee } from '../filings/declaration/validate-filing.ts';
import { checkUscc } from '../domain/identifiers/uscc.ts';
import { halfWidth, type Cell } from '../employee-import/cell-values.ts';
import { cellMessage } from '../employee-import/import-messages.ts';
import { columnLetter, type SheetRow } from '../employee-import/spreadsheet.ts';
import type { Locale } from '../platform/field-messages.ts';
import {
  EMPLOYEE_KEY_COLUMNS,
  EMPLOYEE_SHEET_NAME,
  EXAMPLE_MARK,
  HISTORY_EMPLOYEE_COLUMNS,
  UNIT_COLUMNS,
  UNIT_SHEET_NAME,
  type HistoryColumn,
  type UnitField,
} from './history-columns.ts';
import { historyMessage } from './history-messages.ts';
import { MAX_EMPLOYEE_ROWS, MAX_UNIT_ROWS, readHistoryWorkbook } from './history-workbook.ts';

/** One problem, where a person finds it: the sheet, the row Excel shows (0: the file as a whole) and the column's header. */
export interface HistoryError {
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface UnitYear {
  uscc: string;
  year: number;
  unitName: string;
  staffCount: number;
  averageWage: number;
  certifiedCount: number;
  requiredCount: number;
  levyPaid: number;
  /** The 单位年度 row it came from. */
  row: number;
  /** The employee fields the history keeps, in the sheet's order. */
  employees: Partial<Employee>[];
}

export interface HistoryCheckOptions {
  /** The last year the history may hold: the year before the system's first season. */
  lastYear: number;
  today: Date;
  locale: Locale;
}

export interface HistoryCheck {
  units: UnitYear[];
  employeeCount: number;
  errors: HistoryError[];
}

/** The earliest year review_history holds (its check constraint). */
export const FIRST_HISTORY_YEAR = 2000;

const headerKey = (text: string) => halfWidth(text).replace(/\s+/g, '').replace(/^\*+|\*+$/g, '').replace(/[（(].*?[）)]/g, '');

function cellText(cell: Cell): string {
  if (cell === null || typeof cell === 'object') return cell instanceof Date ? cell.toISOString().slice(0, 10) : '';
  return String(cell).trim();
}

interface Located<C> {
  columns: (C | undefined)[];
  errors: HistoryError[];
}

/** Finds each column by its header text, in any order; an unknown, repeated or missing header is named. */
function locate<C extends { header: string }>(sheet: string, header: SheetRow | undefined, expected: readonly C[], locale: Locale): Located<C> {
  const errors: HistoryError[] = [];
  const columns: (C | undefined)[] = [];
  const error = (column: string, code: string, params: Record<string, unknown>) =>
    errors.push({ sheet, row: header?.number ?? 1, column, code, message: historyMessage(code, params, locale) });
  if (!header) {
    error('', 'NO_HEADER', { sheet });
    return { columns, errors };
  }
  const byKey = new Map(expected.map((c) => [headerKey(c.header), c]));
  const seen = new Set<C>();
  header.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const column = byKey.get(headerKey(text));
    if (!column) error(columnLetter(index), 'UNKNOWN_COLUMN', { sheet, header: text, column: columnLetter(index) });
    else if (seen.has(column)) error(column.header, 'DUPLICATE_COLUMN', { sheet, header: column.header });
    else {
      seen.add(column);
      columns[index] = column;
    }
  });
  for (const column of expected) if (!seen.has(column)) error(column.header, 'MISSING_COLUMN', { sheet, header: column.header });
  return { columns, errors };
}

/** A history column's value, or the problem with it: unreadable, missing, out of range, not whole. */
function readHistoryCell<F extends string>(column: HistoryColumn<F>, cell: Cell): { value?: string | number; code?: string; params?: Record<string, unknown> } {
  const read = column.read(cell);
  if (!read.ok) return { code: read.code, ...(read.params ? { params: read.params } : {}) };
  if (read.value === undefined || read.value === '') return { code: 'REQUIRED' };
  const value = read.value;
  if (typeof value === 'number') {
    if (column.whole && !Number.isInteger(value)) return { code: 'WHOLE_NUMBER' };
    if ((column.min !== undefined && value < column.min) || (column.max !== undefined && value > column.max)) {
      return { code: 'NUMBER_RANGE', params: { min: column.min, max: column.max } };
    }
  }
  return { value };
}

const isExample = (cell: Cell | undefined) => typeof cell === 'string' && cell.trim().startsWith(EXAMPLE_MARK);

export async function checkHistoryWorkbook(bytes: Buffer, options: HistoryCheckOptions): Promise<HistoryCheck> {
  const { locale } = options;
  const fileError = (code: string, params: Record<string, unknown> = {}): HistoryCheck => ({
    units: [],
    employeeCount: 0,
    errors: [{ sheet: '', row: 0, column: '', code, message: historyMessage(code, params, locale) }],
  });
  const read = await readHistoryWorkbook(bytes);
  if (!read.ok) return fileError(read.code, read.params ?? {});
  if (read.tooManyRows) return fileError('TOO_MANY_ROWS', { units: MAX_UNIT_ROWS, employees: MAX_EMPLOYEE_ROWS });

  const errors: HistoryError[] = [];
  const [unitHeader, ...unitRows] = read.units;
  const unitColumns = locate(UNIT_SHEET_NAME, unitHeader, UNIT_COLUMNS, locale);
  errors.push(...unitColumns.errors);
  const [employeeHeader, ...employeeRows] = read.employees ?? [];
  const employeeColumns = read.employees
    ? locate(EMPLOYEE_SHEET_NAME, employeeHeader, [...EMPLOYEE_KEY_COLUMNS, ...HISTORY_EMPLOYEE_COLUMNS], locale)
    : { columns: [], errors: [] };
  errors.push(...employeeColumns.errors);
  // Without its columns no row can be read: the headers are what to fix first.
  if (errors.length > 0) return { units: [], employeeCount: 0, errors };

  const unitError = (row: number, column: string, code: string, params: Record<string, unknown> = {}) =>
    errors.push({ sheet: UNIT_SHEET_NAME, row, column, code, message: historyMessage(code, { ...params, row, column }, locale) });

  const units = new Map<string, UnitYear>();
  const nameIndex = unitColumns.columns.findIndex((c) => c?.field === 'unitName');
  for (const row of unitRows) {
    if (isExample(row.cells[nameIndex])) continue;
    const values: Partial<Record<UnitField, string | number>> = {};
    let rowOk = true;
    unitColumns.columns.forEach((column, index) => {
      if (!column) return;
      const cell = readHistoryCell(column, row.cells[index] ?? null);
      if (cell.code) {
        rowOk = false;
        unitError(row.number, column.header, cell.code, cell.params);
      } else values[column.field] = cell.value;
    });
    if (typeof values.uscc === 'string') {
      const problem = checkUscc(values.uscc);
      if (problem) {
        rowOk = false;
        unitError(row.number, '统一社会信用代码', problem === 'FORMAT' ? 'USCC_FORMAT' : 'USCC_CHECKSUM');
      }
    }
    if (typeof values.year === 'number' && (values.year < FIRST_HISTORY_YEAR || values.year > options.lastYear)) {
      rowOk = false;
      unitError(row.number, '年度', 'HISTORY_YEAR', { from: FIRST_HISTORY_YEAR, to: options.lastYear });
    }
    if (typeof values.requiredCount === 'number' && typeof values.staffCount === 'number' && values.requiredCount > values.staffCount) {
      rowOk = false;
      unitError(row.number, '应安排人数', 'REQUIRED_OVER_STAFF');
    }
    if (typeof values.uscc === 'string' && typeof values.year === 'number') {
      const key = `${values.uscc}:${values.year}`;
      const first = units.get(key);
      if (first) {
        unitError(row.number, '统一社会信用代码', 'DUPLICATE_UNIT_YEAR', { first: first.row, year: values.year });
        continue;
      }
      // Kept even with problems, so a duplicate of it and its employees are still matched to it.
      units.set(key, { ...(values as Omit<UnitYear, 'row' | 'employees'>), row: row.number, employees: [] });
      if (!rowOk) units.get(key)!.row = -row.number;
    }
  }

  let employeeCount = 0;
  const employeeError = (row: number, column: string, code: string, params: Record<string, unknown> = {}) =>
    errors.push({ sheet: EMPLOYEE_SHEET_NAME, row, column, code, message: historyMessage(code, { ...params, row, column }, locale) });
  const seenPeople = new Map<string, number>();
  const employeeNameIndex = employeeColumns.columns.findIndex((c) => (c as { field?: string } | undefined)?.field === 'name');
  for (const row of employeeRows) {
    if (isExample(row.cells[employeeNameIndex])) continue;
    const key: { uscc?: string; year?: number } = {};
    const employee: Record<string, unknown> = {};
    const problems: HistoryError[] = [];
    const unreadable = new Set<string>();
    employeeColumns.columns.forEach((column, index) => {
      if (!column) return;
      const cell = row.cells[index] ?? null;
      if ((EMPLOYEE_KEY_COLUMNS as readonly unknown[]).includes(column)) {
        const value = readHistoryCell(column as HistoryColumn<'uscc' | 'year'>, cell);
        if (value.code) employeeError(row.number, column.header, value.code, value.params);
        else (key as Record<string, unknown>)[column.field] = value.value;
        return;
      }
      const employeeColumn = column as (typeof HISTORY_EMPLOYEE_COLUMNS)[number];
      const value = employeeColumn.read(cell);
      if (!value.ok) {
        unreadable.add(employeeColumn.field);
        problems.push({ sheet: EMPLOYEE_SHEET_NAME, row: row.number, column: employeeColumn.header, code: value.code, message: cellMessage({ path: '', code: value.code, ...(value.params ? { params: value.params } : {}) }, row.number, employeeColumn.field, locale) });
      } else if (value.value !== undefined) employee[employeeColumn.field] = value.value;
    });
    if (key.uscc === undefined || key.year === undefined) continue;
    const unit = units.get(`${key.uscc}:${key.year}`);
    if (!unit) {
      employeeError(row.number, '统一社会信用代码', 'EMPLOYEE_UNIT_MISSING', { uscc: key.uscc, year: key.year });
      continue;
    }
    const at = '/employees/0';
    const checked = validateEmployee(employee, at, key.year, { today: options.today });
    for (const issue of checked.issues) {
      const field = issue.path.slice(at.length + 1).split('/')[0] ?? '';
      const column = HISTORY_EMPLOYEE_COLUMNS.find((c) => c.field === field);
      // Fields the history does not keep (phone, education…) are not asked for; an unreadable cell is named once.
      if (!column || unreadable.has(field)) continue;
      problems.push({ sheet: EMPLOYEE_SHEET_NAME, row: row.number, column: column.header, code: issue.code, message: cellMessage(issue, row.number, field, locale) });
    }
    const idNumber = typeof employee.idNumber === 'string' ? employee.idNumber.toUpperCase() : undefined;
    if (idNumber) {
      const person = `${key.uscc}:${key.year}:${idNumber}`;
      const first = seenPeople.get(person);
      if (first !== undefined) employeeError(row.number, '身份证号', 'DUPLICATE_EMPLOYEE', { first });
      else seenPeople.set(person, row.number);
    }
    errors.push(...problems);
    employeeCount++;
    const kept = checked.employee as Record<string, unknown>;
    unit.employees.push(Object.fromEntries(HISTORY_EMPLOYEE_COLUMNS.map((c) => [c.field, kept[c.field]]).filter(([, v]) => v !== undefined)));
  }

  errors.sort((a, b) => (a.sheet === b.sheet ? 0 : a.sheet === UNIT_SHEET_NAME ? -1 : 1) || a.row - b.row);
  return { units: [...units.values()].filter((u) => u.row > 0), employeeCount, errors };
}
