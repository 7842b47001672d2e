// 故障处理: the steps that stopped and wait for an operator — grouped by the department they ask (or the step, for
// the system's own), each with the unit and filing it holds up — and retrying one, or all of a group once the cause
// is fixed (a department back, a year's holidays published). The province reads; operators retry. Cockpit remains
// for anything else.
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { regionShortName } from './region-label.ts';

interface Incident {
  id: string;
  at: string;
  kind: string;
  step: { id: string | null; name: string };
  department: string | null;
  message: string;
  filing: { id: string; year: number; unitName: string; handlingRegionCode: string } | null;
  retryable: boolean;
}

interface RetryOutcome {
  retried: string[];
  gone: string[];
  notRetryable: string[];
}

interface Group {
  key: string;
  title: string;
  incidents: Incident[];
}

/** One group per department asked, or per step for the system's own steps; the oldest group first. */
function groupsOf(incidents: Incident[]): Group[] {
  const groups = new Map<string, Group>();
  for (const incident of incidents) {
    const key = incident.department ?? `step:${incident.step.name}`;
    const group = groups.get(key) ?? { key, title: incident.department ?? incident.step.name, incidents: [] };
    group.incidents.push(incident);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function unitText(i: Incident): string {
  return i.filing ? `${i.filing.unitName}（${i.filing.year} 年度，${regionShortName(i.filing.handlingRegionCode)}）` : '—';
}

function outcomeText(outcome: RetryOutcome): string {
  const parts = [`已重试 ${outcome.retried.length} 项`];
  if (outcome.gone.length) parts.push(`${outcome.gone.length} 项已由他人处理`);
  if (outcome.notRetryable.length) parts.push(`${outcome.notRetryable.length} 项无法在此重试，请在 Cockpit 中处理`);
  return parts.join('，');
}

export function IncidentsPage() {
  const { who } = useSession();
  const { message } = App.useApp();
  const incidents = useLoaded(() => api<{ incidents: Incident[] }>('GET', '/api/operations/incidents'), []);
  const [busy, setBusy] = useState<string | null>(null);
  const mayRetry = who?.role === 'operator';
  // Below tablet width each incident is a card: a table would hide the step and the cause off screen.
  const wide = Grid.useBreakpoint().md ?? true;

  const retry = async (key: string, ids: string[]) => {
    setBusy(key);
    try {
      const outcome = await api<RetryOutcome>('POST', '/api/operations/incidents/retry', { incidentIds: ids });
      message.success(outcomeText(outcome));
      incidents.reload();
    } catch (error) {
      message.error(error instanceof ApiError ? error.title : '重试失败，请检查网络后再试');
    } finally {
      setBusy(null);
    }
  };

  const groups = groupsOf(incidents.data?.incidents ?? []);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="incidents-page">
      <Typography.Title level={3} style={{ margin: 0 }}>故障处理</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        系统多次重试仍未完成的步骤在此等待处理，申报停在该步骤。排除原因（如部门接口恢复、节假日安排发布）后重试，申报从停下的步骤继续；再次失败的会重新列在这里。
      </Typography.Paragraph>
      {incidents.error && <Alert type="error" showIcon title={loadErrorText(incidents.error)} />}
      {!incidents.loading && !incidents.error && groups.length === 0 && <Empty description="没有待处理的故障" data-testid="no-incidents" />}
      {groups.map((group) => {
        const retryable = group.incidents.filter((i) => i.retryable).map((i) => i.id);
        return (
          <Card
            key={group.key}
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
                <Button type="primary" loading={busy === group.key} disabled={busy !== null} onClick={() => void retry(group.key, retryable)} data-testid="retry-group">
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
                      <Descriptions.Item label="原因">{i.message}</Descriptions.Item>
                      <Descriptions.Item label="发生时间">{chineseDateTime(i.at)}</Descriptions.Item>
                    </Descriptions>
                    {mayRetry && i.retryable && (
                      <Button size="small" disabled={busy !== null} onClick={() => void retry(i.id, [i.id])} data-testid="retry-one">
                        重试
                      </Button>
                    )}
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
                  {
                    title: '单位',
                    key: 'unit',
                    render: (_v, i) => unitText(i),
                  },
                  { title: '步骤', key: 'step', width: 200, render: (_v, i) => i.step.name },
                  { title: '原因', dataIndex: 'message', ellipsis: { showTitle: true } },
                  { title: '发生时间', key: 'at', width: 170, render: (_v, i) => chineseDateTime(i.at) },
                  ...(mayRetry
                    ? [
                        {
                          title: '操作',
                          key: 'action',
                          width: 90,
                          fixed: 'right' as const,
                          render: (_v: unknown, i: Incident) =>
                            i.retryable ? (
                              <Button size="small" disabled={busy !== null} onClick={() => void retry(i.id, [i.id])} data-testid="retry-one">
                                重试
                              </Button>
                            ) : (
                              <Typography.Text type="secondary">在 Cockpit 处理</Typography.Text>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
        );
      })}
    </Space>
  );
}
