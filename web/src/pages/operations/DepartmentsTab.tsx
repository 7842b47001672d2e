// 部门接口: each department's health over the last quarter of an hour, from the workers' own figures — tasks that
// asked it, how many failed, how long they took (median and 95th percentile), the last failure and when. A
// department failing comes first; its incidents are under 故障处理.
import { Alert, Badge, Card, Descriptions, Grid, Space, Table, Tooltip, Typography } from 'antd';
import type { DepartmentHealthAnswer } from '../../../../api/operations.ts';
import { api } from '../../lib/api.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { loadErrorText } from '../../lib/use-loaded.ts';
import { useRefreshed } from './use-refreshed.ts';

type Department = DepartmentHealthAnswer['departments'][number];

const STATES: Record<Department['state'], { text: string; status: 'success' | 'warning' | 'error' | 'default' }> = {
  failing: { text: '故障', status: 'error' },
  degraded: { text: '部分失败', status: 'warning' },
  ok: { text: '正常', status: 'success' },
  idle: { text: '无调用', status: 'default' },
};
const ORDER: Department['state'][] = ['failing', 'degraded', 'ok', 'idle'];

const ms = (v: number | null) => (v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(1)} 秒` : `${v} 毫秒`);
/** A failure's words for people: the Chinese sentence before the technical detail (" / "), when there is one. */
const plainError = (message: string) => {
  const words = message.split(' / ')[0]!;
  return /[\u4e00-\u9fff]/.test(words) ? words.replace(/在 ?Cockpit ?中重试/g, '在“故障处理”中重试') : message;
};
const failureRate = (d: Department) => (d.calls === 0 ? '—' : `${d.failures}（${Math.round((d.failures / d.calls) * 100)}%）`);

function State({ d }: { d: Department }) {
  return <Badge status={STATES[d.state].status} text={STATES[d.state].text} />;
}

export function DepartmentsTab() {
  const wide = Grid.useBreakpoint().md ?? true;
  const health = useRefreshed(() => api<DepartmentHealthAnswer>('GET', '/api/operations/departments'), []);
  const departments = [...(health.data?.departments ?? [])].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="department-health">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        最近 {health.data?.windowMinutes ?? 15} 分钟内各部门接口的调用情况，来自外部任务处理进程自己的统计。调用失败的任务由系统自动重试，仍失败的转入“故障处理”。
      </Typography.Paragraph>
      {health.error && <Alert type="error" showIcon title={loadErrorText(health.error)} />}
      {wide ? (
        <Table<Department>
          size="small"
          rowKey="department"
          dataSource={departments}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(d) => ({ 'data-testid': `department-${d.state}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '部门', dataIndex: 'department', width: 200 },
            { title: '状态', key: 'state', width: 100, render: (_v, d) => <State d={d} /> },
            { title: '调用', dataIndex: 'calls', width: 70, align: 'right' },
            { title: '失败', key: 'failures', width: 100, align: 'right', render: (_v, d) => failureRate(d) },
            { title: '耗时中位数', key: 'p50', width: 100, align: 'right', render: (_v, d) => ms(d.p50Ms) },
            { title: '耗时 95 分位', key: 'p95', width: 110, align: 'right', render: (_v, d) => ms(d.p95Ms) },
            {
              title: '最近一次失败',
              key: 'lastError',
              ellipsis: { showTitle: false },
              render: (_v, d) =>
                d.lastError ? (
                  <Tooltip title={d.lastError}>{`${chineseDateTime(d.lastErrorAt)}：${plainError(d.lastError)}`}</Tooltip>
                ) : (
                  <Typography.Text type="secondary">无</Typography.Text>
                ),
            },
          ]}
        />
      ) : (
        departments.map((d) => (
          <Card key={d.department} size="small" title={d.department} extra={<State d={d} />} data-testid={`department-${d.state}`}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="调用 / 失败">
                {d.calls} / {failureRate(d)}
              </Descriptions.Item>
              <Descriptions.Item label="耗时中位数 / 95 分位">
                {ms(d.p50Ms)} / {ms(d.p95Ms)}
              </Descriptions.Item>
              {d.lastError && <Descriptions.Item label="最近一次失败">{`${chineseDateTime(d.lastErrorAt)}：${plainError(d.lastError)}`}</Descriptions.Item>}
            </Descriptions>
          </Card>
        ))
      )}
    </Space>
  );
}
