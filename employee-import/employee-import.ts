// Turns an uploaded employee list (the template, filled in; .xlsx or CSV) into the declaration's `employees[]`
// for a review year, or says exactly which row and column is wrong — every problem at once. Each employee is
// checked with the filing's own schema definition and rules (validateEmployee). Nothing is stored.
import type { Employee } from '../filings/declaration/filing.ts';
import { validateEmployee } from '../filings/declaration/validate-filing.ts';
import type { Locale } from '../platform/field-messages.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { halfWidth, type Cell } from './cell-values.ts';
import { EMPLOYEE_COLUMNS, EMPLOYEE_SHEET_NAME, type EmployeeColumn } from './employee-columns.ts';
import { cellMessage } from './import-messages.ts';
import { sheetLimitsFor } from './sheet-limits.ts';
import { columnLetter, readSpreadsheet, type SheetRow } from './spreadsheet.ts';

export interface ImportError {
  /** The row number Excel shows; the header is row 1. */
  row: number;
  /** The column's header, as in the template. */
  column: string;
  /** Where the value would sit in the declaration: /employees/{n}/{field}, n counting the file's data rows from 0. */
  path: string;
  code: string;
  message: string;
}

export interface ImportResult {
  /** The rows without any problem, in file order, ready for a declaration's `employees`. */
  employees: Employee[];
  errors: ImportError[];
}

/** The file itself is unusable (not a spreadsheet, no or wrong header, too many rows): issues at /file. */
export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; issues: FieldIssue[] };

export interface ImportOptions {
  year: number;
  today: Date;
  maxEmployees: number;
  locale: Locale;
}

const headerKey = (text: string) => halfWidth(text).replace(/\s+/g, '').replace(/^\*+|\*+$/g, '');

const columnByKey = new Map<string, EmployeeColumn>();
for (const column of EMPLOYEE_COLUMNS) {
  for (const name of [column.header, ...(column.aliases ?? [])]) columnByKey.set(headerKey(name), column);
}

function cellText(cell: Cell): string {
  if (cell === null || typeof cell === 'object') return cell instanceof Date ? cell.toISOString().slice(0, 10) : '';
  return String(cell);
}

export type HeaderMatch = { ok: true; columns: (EmployeeColumn | undefined)[] } | { ok: false; issues: FieldIssue[] };

/**
 * Finds each template column in a header row by its text, in any order. A header the template does not have, a
 * column given twice, or a required column missing make the file unusable; empty header cells are ignored.
 */
export function matchHeader(header: SheetRow): HeaderMatch {
  const issues: FieldIssue[] = [];
  const columns: (EmployeeColumn | undefined)[] = [];
  const seen = new Set<EmployeeColumn>();
  header.cells.forEach((cell, index) => {
    const text = cellText(cell).trim();
    if (text === '') return;
    const column = columnByKey.get(headerKey(text));
    if (!column) {
      issues.push({ path: '/file', code: 'UNKNOWN_COLUMN', params: { header: text, row: header.number, column: columnLetter(index) } });
    } else if (seen.has(column)) {
      issues.push({ path: '/file', code: 'DUPLICATE_COLUMN', params: { header: column.header } });
    } else {
      seen.add(column);
      columns[index] = column;
    }
  });
  for (const column of EMPLOYEE_COLUMNS) {
    if (column.headerRequired && !seen.has(column)) issues.push({ path: '/file', code: 'MISSING_COLUMN', params: { header: column.header } });
  }
  return issues.length ? { ok: false, issues } : { ok: true, columns };
}

interface CellProblem {
  row: number;
  index: number;
  column: EmployeeColumn;
  issue: FieldIssue;
}

const columnOrder = new Map(EMPLOYEE_COLUMNS.map((c, i) => [c.field as string, i]));
const columnOfField = new Map(EMPLOYEE_COLUMNS.map((c) => [c.field as string, c]));

/** One data row: its cells read into an employee, then the filing's checks; problems with the cells' own fields. */
function readEmployee(row: SheetRow, index: number, columns: (EmployeeColumn | undefined)[], options: ImportOptions) {
  const employee: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  const unreadable = new Set<string>();
  columns.forEach((column, i) => {
    if (!column) return;
    const read = column.read(row.cells[i] ?? null);
    if (!read.ok) {
      unreadable.add(column.field);
      problems.push({ row: row.number, index, column, issue: { path: '', code: read.code, ...(read.params ? { params: read.params } : {}) } });
    } else if (read.value !== undefined) employee[column.field] = read.value;
  });
  const at = `/employees/${index}`;
  const checked = validateEmployee(employee, at, options.year, { today: options.today });
  for (const issue of checked.issues) {
    const field = issue.path.slice(at.length + 1).split('/')[0] ?? '';
    const column = columnOfField.get(field);
    // A cell that could not be read is reported once, as unreadable, not again as missing or wrong.
    if (!column || unreadable.has(field)) continue;
    problems.push({ row: row.number, index, column, issue });
  }
  return { employee: checked.employee as Employee, problems };
}

function isBlank(row: SheetRow, columns: (EmployeeColumn | undefined)[]): boolean {
  return columns.every((column, i) => {
    if (!column) return true;
    const cell = row.cells[i] ?? null;
    return cell === null || (typeof cell === 'string' && cell.trim() === '');
  });
}

export async function importEmployees(bytes: Buffer, options: ImportOptions): Promise<ImportOutcome> {
  // One row more than allowed, after the header, is enough to know the list is too long.
  const sheet = await readSpreadsheet(bytes, { sheetName: EMPLOYEE_SHEET_NAME, maxRows: options.maxEmployees + 2, limits: sheetLimitsFor(options.maxEmployees) });
  if (!sheet.ok) return { ok: false, issues: [{ path: '/file', code: sheet.code, ...(sheet.params ? { params: sheet.params } : {}) }] };
  const [header, ...rows] = sheet.rows;
  if (!header) return { ok: false, issues: [{ path: '/file', code: 'NO_HEADER' }] };
  const match = matchHeader(header);
  if (!match.ok) return { ok: false, issues: match.issues };
  const data = rows.filter((row) => !isBlank(row, match.columns));
  if (sheet.truncated || data.length > options.maxEmployees) {
    return { ok: false, issues: [{ path: '/file', code: 'TOO_MANY_ROWS', params: { max: options.maxEmployees } }] };
  }

  const employees: Employee[] = [];
  const problems: CellProblem[] = [];
  data.forEach((row, index) => {
    const read = readEmployee(row, index, match.columns, options);
    if (read.problems.length === 0) employees.push(read.employee);
    problems.push(...read.problems);
  });
  problems.sort((a, b) => a.row - b.row || (columnOrder.get(a.column.field) ?? 0) - (columnOrder.get(b.column.field) ?? 0));
  const errors = problems.map(({ row, index, column, issue }) => ({
    row,
    column: column.header,
    path: `/employees/${index}/${column.field}`,
    code: issue.code,
    message: cellMessage(issue, row, column.field, options.locale),
  }));
  return { ok: true, result: { employees, errors } };
}
