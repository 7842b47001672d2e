// Whom a 人工审核职工 task is about, in one or two lines for the inbox row: the employee (ID number masked) and the
// unit's 异议理由, cut to two lines with the whole reason on hover.
import { Typography } from 'antd';
import type { ReviewedEmployee } from '../../lib/filing-types.ts';

export function ReviewedEmployeeLine({ employee }: { employee: ReviewedEmployee }) {
  return (
    <div data-testid="task-reviewed-employee" style={{ fontSize: 12, lineHeight: 1.5 }}>
      <div>
        第 {employee.number} 名 <Typography.Text strong style={{ fontSize: 12 }}>{employee.name}</Typography.Text>
      </div>
      {employee.disputeReason && (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2, tooltip: `异议理由：${employee.disputeReason}` }}
          style={{ fontSize: 12, margin: 0 }}
          data-testid="task-dispute-reason"
        >
          异议理由：{employee.disputeReason}
        </Typography.Paragraph>
      )}
    </div>
  );
}
