// Edits of the employee table's cells: a value typed, a cell left. The callbacks read the latest rows, so the
// memoised cells need not re-render when other rows change.
import { useCallback, useRef } from 'react';
import { touchedRow, withValue, type EmployeeField, type EmployeeRow } from './employee-rows.ts';

export function useEmployeeRowEdits(rows: EmployeeRow[], onChange: (rows: EmployeeRow[]) => void) {
  const latest = useRef({ rows, onChange });
  latest.current = { rows, onChange };
  const update = useCallback((rowKey: string, change: (row: EmployeeRow) => EmployeeRow) => {
    const { rows: current, onChange: emit } = latest.current;
    emit(current.map((row) => (row.key === rowKey ? change(row) : row)));
  }, []);
  const onValue = useCallback((rowKey: string, field: EmployeeField, value: unknown) => update(rowKey, (row) => withValue(row, field, value)), [update]);
  const onLeave = useCallback((rowKey: string, field: EmployeeField) => update(rowKey, (row) => touchedRow(row, field)), [update]);
  return { onValue, onLeave };
}
