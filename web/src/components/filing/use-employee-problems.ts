// The problems of every row of the employee table, by field. A row's checks run again only when that row's values
// (or its position, or the year) change.
import { useMemo, useRef } from 'react';
import { employeeIssues } from './declaration-checks.ts';
import { rowProblems } from './employee-problems.ts';
import { toEmployee, type EmployeeRow, type EmployeeValues } from './employee-rows.ts';

export function useEmployeeProblems(rows: EmployeeRow[], year: number, showAll: boolean): Map<string, string>[] {
  const cache = useRef(new WeakMap<EmployeeValues, { index: number; year: number; issues: { path: string; message: string }[] }>());
  return useMemo(
    () =>
      rows.map((row, index) => {
        let entry = cache.current.get(row.values);
        if (!entry || entry.index !== index || entry.year !== year) {
          entry = { index, year, issues: employeeIssues(toEmployee(row.values), index, year) };
          cache.current.set(row.values, entry);
        }
        return rowProblems(row, index, entry.issues, showAll);
      }),
    [rows, year, showAll],
  );
}
