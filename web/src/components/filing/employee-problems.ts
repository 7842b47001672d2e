// The problems the employee table shows: per row and field, the server's first, then a masked number no longer the
// one filed, then the page's own check once the person has left the cell (or typed a whole check-digit number).
import { employeeIssues, messageFor } from './declaration-checks.ts';
import { EMPLOYEE_COLUMNS } from './employee-columns.ts';
import { isKept, isMasked, MASKED_FIELDS, toEmployee, type EmployeeField, type EmployeeRow } from './employee-rows.ts';

// Fields whose check digit can be judged the moment they are long enough, before the person leaves the cell.
const CHECK_WHEN_COMPLETE: Partial<Record<EmployeeField, number>> = { idNumber: 18, certNumber: 20 };

export interface CellProblem {
  rowKey: string;
  index: number;
  field: string;
  message: string;
}

function ready(row: EmployeeRow, field: EmployeeField, showAll: boolean): boolean {
  if (showAll || row.touched[field]) return true;
  const length = CHECK_WHEN_COMPLETE[field];
  const value = row.values[field];
  return length !== undefined && typeof value === 'string' && value.trim().length >= length;
}

/**
 * The message to show per field of one row: the server's first, then a masked number that is no longer the one
 * filed, then the page's own check. A number kept as filed is the server's to check.
 */
export function rowProblems(row: EmployeeRow, index: number, issues: { path: string; message: string }[], showAll: boolean): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [field, message] of Object.entries(row.serverErrors)) if (message) shown.set(field, message);
  for (const field of MASKED_FIELDS) {
    if (!shown.has(field) && !isKept(row, field) && isMasked(row.values[field])) shown.set(field, messageFor(`/employees/${index}/${field}`, 'MASKED_NOT_FILED'));
  }
  const prefix = `/employees/${index}/`;
  for (const issue of issues) {
    const field = issue.path.startsWith(prefix) ? (issue.path.slice(prefix.length).split('/')[0] ?? '') : '';
    if (field === '' || shown.has(field) || isKept(row, field) || !ready(row, field as EmployeeField, showAll)) continue;
    shown.set(field, issue.message);
  }
  return shown;
}

/** Every visible problem of the list, in row and column order. */
export function tableProblems(rows: readonly EmployeeRow[], year: number, showAll: boolean): CellProblem[] {
  const order = new Map(EMPLOYEE_COLUMNS.map((c, i) => [c.field as string, i]));
  return rows.flatMap((row, index) => {
    const problems = rowProblems(row, index, employeeIssues(toEmployee(row.values), index, year), showAll);
    return [...problems.entries()]
      .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
      .map(([field, message]) => ({ rowKey: row.key, index, field, message }));
  });
}
