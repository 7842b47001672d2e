// The disabled-employee list as the page edits it: one row per person, holding what was typed (possibly half done),
// the server's last word on each cell, and which cells the person has left (so a half-typed cell is not scolded).
import type { Employee } from '../../../../filings/declaration/filing.ts';
import type { FieldError } from '../../lib/api.ts';
import { employeePath } from './declaration-checks.ts';

export type EmployeeField = keyof Employee;
export type EmployeeValues = Partial<Record<EmployeeField, unknown>>;

export interface EmployeeRow {
  /** Stable across edits, insertions and deletions: React's key and the cells' element ids. */
  key: string;
  values: EmployeeValues;
  /** The server's message per field, until the person edits that cell. */
  serverErrors: Partial<Record<string, string>>;
  touched: Partial<Record<string, true>>;
  /** The masked numbers a row of a filed declaration was loaded with: sent back unchanged, they keep what was filed. */
  kept?: Partial<Record<string, string>>;
  /** A row from last year's declaration (上年数据导入) whose employment, contract or certificate ended: the employer's word first. */
  confirmation?: { reasons: string[]; confirmed: boolean };
}

/** The personal numbers the API shows employers masked. */
export const MASKED_FIELDS = ['idNumber', 'certNumber', 'phone'] as const satisfies readonly EmployeeField[];

let counter = 0;

export function newRow(values: EmployeeValues = {}): EmployeeRow {
  counter += 1;
  return { key: `r${Date.now().toString(36)}${counter}`, values, serverErrors: {}, touched: {} };
}

export function rowsFrom(employees: readonly Employee[]): EmployeeRow[] {
  return employees.map((e) => newRow({ ...e }));
}

/** A masked number as the API shows it to employers ("3301**********1236"). */
export function isMasked(value: unknown): value is string {
  return typeof value === 'string' && value.includes('*');
}

/** A masked number is replaced whole when its field is entered, never edited around its asterisks. */
export function selectIfMasked(event: { target: HTMLInputElement }): void {
  if (isMasked(event.target.value)) event.target.select();
}

/** The rows of a filed declaration being modified: its masked numbers stay as shown, and mean "as filed". */
export function keptRowsFrom(employees: readonly Employee[]): EmployeeRow[] {
  return employees.map((employee) => {
    const row = newRow({ ...employee });
    const kept = Object.fromEntries(MASKED_FIELDS.flatMap((f) => (isMasked(employee[f]) ? [[f, employee[f]]] : [])));
    return Object.keys(kept).length > 0 ? { ...row, kept } : row;
  });
}

/** Whether a cell still holds the masked number it was loaded with (nothing to check: the server keeps the filed one). */
export function isKept(row: EmployeeRow, field: string): boolean {
  const kept = row.kept?.[field];
  return kept !== undefined && row.values[field as EmployeeField] === kept;
}

/** What a row declares: trimmed text, blanks left out, and the agency and agreement only for dispatched workers. */
export function toEmployee(values: EmployeeValues): Employee {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      const text = value.trim();
      if (text !== '') out[field] = text;
    } else out[field] = value;
  }
  if (out.employmentType !== 'dispatch') {
    delete out.dispatchAgencyUscc;
    delete out.dispatchCountedHere;
  }
  return out as unknown as Employee;
}

/** One cell changed: the server's complaint about it goes, and it counts as visited. */
export function withValue(row: EmployeeRow, field: EmployeeField, value: unknown): EmployeeRow {
  const values: EmployeeValues = { ...row.values, [field]: value };
  // Only a disability certificate has a category; a grade beyond 4 means nothing on one.
  if (field === 'certType' && value !== 'disability') delete values.disabilityCategory;
  if (field === 'certType' && value === 'disability' && typeof values.disabilityGrade === 'number' && values.disabilityGrade > 4) delete values.disabilityGrade;
  const { [field]: _gone, ...serverErrors } = row.serverErrors;
  return { ...row, values, serverErrors };
}

export function touchedRow(row: EmployeeRow, field: EmployeeField): EmployeeRow {
  return row.touched[field] ? row : { ...row, touched: { ...row.touched, [field]: true } };
}

/**
 * The server's field errors (/employees/{i}/{field}) put on their rows; the rest — about the list as a whole or
 * other parts of the declaration — handed back.
 */
export function withServerErrors(rows: readonly EmployeeRow[], errors: readonly FieldError[]): { rows: EmployeeRow[]; others: FieldError[] } {
  const byRow = new Map<number, Partial<Record<string, string>>>();
  const others: FieldError[] = [];
  for (const error of errors) {
    const at = employeePath(error.path);
    if (!at || at.field === '' || at.index >= rows.length) {
      others.push(error);
      continue;
    }
    const messages = byRow.get(at.index) ?? {};
    messages[at.field] ??= error.message;
    byRow.set(at.index, messages);
  }
  return { rows: rows.map((row, i) => ({ ...row, serverErrors: byRow.get(i) ?? {} })), others };
}

/** The rows from last year still waiting for the person to confirm them or remove them. */
export function unconfirmedRows(rows: readonly EmployeeRow[]): number[] {
  return rows.flatMap((row, index) => (row.confirmation && !row.confirmation.confirmed ? [index] : []));
}

/** What the list says while rows from last year wait to be confirmed or removed. */
export function unconfirmedMessage(indexes: readonly number[]): string {
  return `第 ${indexes.map((i) => i + 1).join('、')} 名残疾职工标记为“待确认”，请逐一确认仍在本单位就业或删除后再继续`;
}
