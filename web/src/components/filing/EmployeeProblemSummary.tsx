// Every problem of the employee list in one list above the table; a click goes to the cell.
import { Alert, Typography } from 'antd';
import { cellId } from './EmployeeCell.tsx';
import type { CellProblem } from './employee-problems.ts';

const SUMMARY_LIMIT = 20;

export function focusCell(rowKey: string, field: string): void {
  const element = document.getElementById(cellId(rowKey, field));
  element?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  element?.focus({ preventScroll: true });
}

export function EmployeeProblemSummary({ problems }: { problems: CellProblem[] }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="employee-problems"
      title={`名单中有 ${problems.length} 处需要修改，点击可定位到对应单元格`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.slice(0, SUMMARY_LIMIT).map((p) => (
            <li key={`${p.rowKey}-${p.field}`}>
              <Typography.Link onClick={() => focusCell(p.rowKey, p.field)}>{p.message}</Typography.Link>
            </li>
          ))}
          {problems.length > SUMMARY_LIMIT && <li>……另有 {problems.length - SUMMARY_LIMIT} 处</li>}
        </ul>
      }
    />
  );
}
