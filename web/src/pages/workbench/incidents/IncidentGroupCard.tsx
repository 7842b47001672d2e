// One group of incidents (a department, or a step of the system's own): its count and 全部重试, then each incident —
// as a table on wide screens, as cards below tablet width, where a table would hide the step and the cause.
import { Button, Card, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { chineseDateTime } from '../../../lib/format.ts';
import { unitText, type Incident, type IncidentGroup } from './incident-groups.ts';

export interface IncidentGroupCardProps {
  group: IncidentGroup;
  wide: boolean;
  mayRetry: boolean;
  busy: string | null;
  onRetry: (key: string, ids: string[]) => void;
}

export function IncidentGroupCard({ group, wide, mayRetry, busy, onRetry }: IncidentGroupCardProps) {
  const retryable = group.incidents.filter((i) => i.retryable).map((i) => i.id);
  const retryOne = (i: Incident) => (
    <Button size="small" disabled={busy !== null} onClick={() => onRetry(i.id, [i.id])} data-testid="retry-one">
      重试
    </Button>
  );
  return (
    <Card
      size="small"
      data-testid="incident-group"
      title={
        <Space wrap>
          <span>{group.title}</span>
          <Tag color="red">{group.incidents.length} 项</Tag>
        </Space>
      }
      extra={
        mayRetry && retryable.length > 0 ? (
          <Button type="primary" loading={busy === group.key} disabled={busy !== null} onClick={() => onRetry(group.key, retryable)} data-testid="retry-group">
            全部重试（{retryable.length}）
          </Button>
        ) : undefined
      }
    >
      {!wide ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {group.incidents.map((i) => (
            <Card key={i.id} size="small" type="inner" data-testid="incident-card">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="单位">{unitText(i)}</Descriptions.Item>
                <Descriptions.Item label="步骤">{i.step.name}</Descriptions.Item>
                <Descriptions.Item label="原因">{i.cause}</Descriptions.Item>
                <Descriptions.Item label="发生时间">{chineseDateTime(i.at)}</Descriptions.Item>
              </Descriptions>
              {mayRetry && i.retryable && retryOne(i)}
            </Card>
          ))}
        </Space>
      ) : (
        <Table<Incident>
          size="small"
          rowKey="id"
          pagination={group.incidents.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 900 }}
          dataSource={group.incidents}
          columns={[
            { title: '单位', key: 'unit', render: (_v, i) => unitText(i) },
            { title: '步骤', key: 'step', width: 200, render: (_v, i) => i.step.name },
            // The cause in plain words; the engine's message (the technical detail) on hover.
            { title: '原因', key: 'cause', ellipsis: { showTitle: false }, render: (_v, i) => <Tooltip title={i.message}>{i.cause}</Tooltip> },
            { title: '发生时间', key: 'at', width: 170, render: (_v, i) => chineseDateTime(i.at) },
            ...(mayRetry
              ? [
                  {
                    title: '操作',
                    key: 'action',
                    width: 90,
                    fixed: 'right' as const,
                    render: (_v: unknown, i: Incident) => (i.retryable ? retryOne(i) : <Typography.Text type="secondary">在 Cockpit 处理</Typography.Text>),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
