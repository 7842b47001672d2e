// 剩余工作日 as a tag: red when overdue, orange when due within two working days. The number comes from the server,
// counted on the Chinese working-day calendar (holidays, make-up days), never Monday–Friday.
import { Tag, Tooltip } from 'antd';

const SOON = 2;

export function WorkingDaysLeft({ left, overdue, due }: { left: number | null; overdue: boolean; due: string | null }) {
  if (!due) return <span data-testid="working-days-left">—</span>;
  if (left === null) {
    return (
      <Tooltip title="该年度节假日安排尚未发布，暂无法按工作日计算">
        <Tag color={overdue ? 'red' : undefined} data-testid="working-days-left">{overdue ? '已逾期' : '待定'}</Tag>
      </Tooltip>
    );
  }
  if (overdue) {
    return <Tag color="red" data-testid="working-days-left" data-overdue="true">已逾期 {Math.abs(left)} 个工作日</Tag>;
  }
  if (left === 0) return <Tag color="orange" data-testid="working-days-left">今日到期</Tag>;
  return (
    <Tag color={left <= SOON ? 'orange' : 'green'} data-testid="working-days-left">
      剩余 {left} 个工作日
    </Tag>
  );
}
