// The filing's working-day deadlines as its process computed them, each marked 暂定 while it ends in a year whose
// holidays are not yet published (it moves when the year is published, 节假日安排).
import { Descriptions, Tag, Tooltip } from 'antd';
import { chineseDate } from '../../lib/format.ts';
import type { FilingDetail } from '../../lib/filing-types.ts';

export function ProcessDeadlines({ deadlines }: { deadlines: FilingDetail['dueDates'] }) {
  if (deadlines.length === 0) return null;
  return (
    <Descriptions
      size="small"
      title="办理期限"
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="process-deadlines"
      items={deadlines.map((d) => ({
        key: d.variable,
        label: d.label,
        children: (
          <span data-testid={`deadline-${d.variable}`}>
            {chineseDate(d.dueAt)}
            {d.provisional && (
              <Tooltip title="该期限跨入节假日安排尚未发布的年度，暂按周末和元旦、劳动节、国庆节计算；发布后自动重新计算">
                <Tag color="orange" style={{ marginLeft: 8 }} data-testid="deadline-provisional">
                  暂定
                </Tag>
              </Tooltip>
            )}
          </span>
        ),
      }))}
    />
  );
}
