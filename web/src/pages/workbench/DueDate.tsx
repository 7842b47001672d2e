// A task's due date as caseworkers read it: the date, and 暂定 beside it when the deadline was counted across a year
// whose holidays are not yet published (it may still move once they are).
import { Tag, Tooltip } from 'antd';
import { chineseDate } from '../../lib/format.ts';

export function DueDate({ due, provisional }: { due: string | null; provisional: boolean }) {
  if (!due) return <span data-testid="task-due">—</span>;
  return (
    <span data-testid="task-due">
      <span style={{ whiteSpace: 'nowrap', marginInlineEnd: 4 }}>{chineseDate(due)}</span>
      {provisional && (
        <Tooltip title="该期限跨入节假日安排尚未发布的年度，暂按周末和固定日期的法定节假日计算，安排发布后将重新计算">
          <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="due-provisional">
            暂定
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
