// 期限: the people's tasks due today and those already overdue, counted by the engine, then by county and by kind of
// task, the most overdue first. Deadlines are counted in working days by the diagrams (deadlines/, calendar/).
import { Alert, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import type { TaskDeadlinesAnswer } from '../../../../api/operations.ts';
import { api } from '../../lib/api.ts';
import { chineseDate } from '../../lib/format.ts';
import { loadErrorText } from '../../lib/use-loaded.ts';
import { regionShortName } from '../workbench/region-label.ts';
import { useRefreshed } from './use-refreshed.ts';

const counts = [
  { title: '已逾期', dataIndex: 'overdue', width: 90, align: 'right' as const },
  { title: '今天到期', dataIndex: 'dueToday', width: 90, align: 'right' as const },
];

export function DeadlinesTab() {
  const loaded = useRefreshed(() => api<TaskDeadlinesAnswer>('GET', '/api/operations/deadlines'), []);
  const d = loaded.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="deadlines">
      {loaded.error && <Alert type="error" showIcon title={loadErrorText(loaded.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title="已逾期的任务" value={d?.overdue ?? '—'} styles={{ content: d?.overdue ? { color: '#cf1322' } : {} }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={`今天（${d ? chineseDate(d.today) : '…'}）到期`} value={d?.dueToday ?? '—'} />
        </Col>
      </Row>
      {d && !d.complete && <Alert type="info" showIcon title="任务较多：下表只按逾期最久的 1000 个任务分组，上方总数为全部。" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按县区">
            <Table
              size="small"
              rowKey={(r) => r.regionCode ?? 'none'}
              dataSource={d?.byCounty ?? []}
              pagination={(d?.byCounty.length ?? 0) > 15 ? { pageSize: 15, size: 'small' } : false}
              columns={[{ title: '县区', key: 'county', render: (_v, r) => (r.regionCode ? regionShortName(r.regionCode) : <Typography.Text type="secondary">不属于申报的任务</Typography.Text>) }, ...counts]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按任务类别">
            <Table
              size="small"
              rowKey="taskKey"
              dataSource={d?.byKind ?? []}
              pagination={false}
              columns={[{ title: '任务', dataIndex: 'name' }, ...counts]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
