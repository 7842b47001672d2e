// History workbooks as a person fills them: the downloaded template (or a fresh one) with unit-year rows and employee
// rows, employees written with the labels the template shows. The history import's benchmark and its tests use them.
import ExcelJS from 'exceljs';
import type { Employee } from '../../filings/declaration/filing.ts';
import { CERT_TYPES, EMPLOYMENT_TYPES } from '../../employee-import/employee-columns.ts';
import { EMPLOYEE_KEY_COLUMNS, EMPLOYEE_SHEET_NAME, HISTORY_EMPLOYEE_COLUMNS, UNIT_COLUMNS, UNIT_SHEET_NAME } from '../../review-history/history-columns.ts';

export type UnitRow = [uscc: string, name: string, year: number | string, staff: number | string, wage: number | string, certified: number | string, required: number | string, levy: number | string];

export interface EmployeeRow {
  uscc: string;
  year: number;
  employee: Partial<Employee>;
}

/** The employee as the 残疾职工 sheet's cells (after the USCC and year). */
export function employeeCells(e: Partial<Employee>): (string | number)[] {
  return HISTORY_EMPLOYEE_COLUMNS.map((c) => {
    const value = (e as Record<string, unknown>)[c.field];
    if (c.field === 'certType') return CERT_TYPES.find((t) => t.code === value)?.labels[0] ?? '';
    if (c.field === 'employmentType') return EMPLOYMENT_TYPES.find((t) => t.code === value)?.labels[0] ?? '';
    return typeof value === 'number' || typeof value === 'string' ? value : '';
  });
}

/** A workbook with the rows given, on the template when one is given (its example rows kept), else a bare one. */
export async function historyWorkbook(units: readonly UnitRow[], employees: readonly EmployeeRow[], template?: ArrayBuffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (template) await workbook.xlsx.load(template);
  const unitSheet = workbook.getWorksheet(UNIT_SHEET_NAME) ?? workbook.addWorksheet(UNIT_SHEET_NAME);
  if (!template) unitSheet.addRow(UNIT_COLUMNS.map((c) => c.header));
  for (const row of units) unitSheet.addRow([...row]);
  const employeeSheet = workbook.getWorksheet(EMPLOYEE_SHEET_NAME) ?? workbook.addWorksheet(EMPLOYEE_SHEET_NAME);
  if (!template) employeeSheet.addRow([...EMPLOYEE_KEY_COLUMNS, ...HISTORY_EMPLOYEE_COLUMNS].map((c) => c.header));
  for (const row of employees) employeeSheet.addRow([row.uscc, row.year, ...employeeCells(row.employee)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A large workbook written as a stream (the benchmark's 100 000 unit-years) without holding it in exceljs's model. */
export async function largeHistoryWorkbook(units: readonly UnitRow[], employees: readonly EmployeeRow[]): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const unitSheet = workbook.addWorksheet(UNIT_SHEET_NAME);
  unitSheet.addRow(UNIT_COLUMNS.map((c) => c.header)).commit();
  for (const row of units) unitSheet.addRow([...row]).commit();
  unitSheet.commit();
  const employeeSheet = workbook.addWorksheet(EMPLOYEE_SHEET_NAME);
  employeeSheet.addRow([...EMPLOYEE_KEY_COLUMNS, ...HISTORY_EMPLOYEE_COLUMNS].map((c) => c.header)).commit();
  for (const row of employees) employeeSheet.addRow([row.uscc, row.year, ...employeeCells(row.employee)]).commit();
  employeeSheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
