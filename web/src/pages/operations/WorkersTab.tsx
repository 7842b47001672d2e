// 消息与进程: the commands waiting to be sent to the engine (the outbox) and those given up, which need a person; then
// the worker processes as they record themselves — alive or not, where, since when, and the topics they serve.
import { Alert, Badge, Card, Col, Descriptions, Grid, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ShareBackStateAnswer, WorkersAndOutboxAnswer } from '../../../../api/operations.ts';
import { api } from '../../lib/api.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { loadErrorText } from '../../lib/use-loaded.ts';
import { useRefreshed } from './use-refreshed.ts';

type Worker = WorkersAndOutboxAnswer['workers'][number];

function Alive({ w }: { w: Worker }) {
  return w.alive ? <Badge status="success" text="运行中" /> : <Badge status="default" text={w.stoppedAt ? '已停止' : '失去联系'} />;
}

function Topics({ topics }: { topics: string[] }) {
  return (
    <Space wrap size={[4, 4]}>
      {topics.map((t) => (
        <Tag key={t} style={{ marginInlineEnd: 0 }}>
          {t}
        </Tag>
      ))}
    </Space>
  );
}

export function WorkersTab() {
  const wide = Grid.useBreakpoint().md ?? true;
  const loaded = useRefreshed(() => api<WorkersAndOutboxAnswer>('GET', '/api/operations/workers'), []);
  const outbox = loaded.data?.outbox;
  const workers = loaded.data?.workers ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="workers-and-outbox">
      {loaded.error && <Alert type="error" showIcon title={loadErrorText(loaded.error)} />}
      <Card size="small" title="发往流程引擎的消息">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title="等待发送" value={outbox?.pending ?? '—'} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="其中发送失败过" value={outbox?.failing ?? '—'} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="已放弃（需人工处理）" value={outbox?.givenUp ?? '—'} styles={{ content: outbox?.givenUp ? { color: '#cf1322' } : {} }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="最早一条等待自" value={outbox?.oldestPendingAt ? chineseDateTime(outbox.oldestPendingAt) : '无'} styles={{ content: { fontSize: 16 } }} />
          </Col>
        </Row>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        外部任务处理进程（运行中 {workers.filter((w) => w.alive).length} 个）
      </Typography.Title>
      {wide ? (
        <Table<Worker>
          size="small"
          rowKey="workerId"
          dataSource={workers}
          pagination={false}
          onRow={(w) => ({ 'data-testid': w.alive ? 'worker-alive' : 'worker-gone' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '状态', key: 'alive', width: 100, render: (_v, w) => <Alive w={w} /> },
            { title: '主机 / 进程号', key: 'host', width: 200, render: (_v, w) => `${w.host} / ${w.pid}` },
            { title: '启动于', key: 'started', width: 160, render: (_v, w) => chineseDateTime(w.startedAt) },
            { title: '最近心跳', key: 'seen', width: 160, render: (_v, w) => chineseDateTime(w.lastSeenAt) },
            { title: '处理的主题', key: 'topics', render: (_v, w) => <Topics topics={w.topics} /> },
          ]}
        />
      ) : (
        workers.map((w) => (
          <Card key={w.workerId} size="small" title={`${w.host} / ${w.pid}`} extra={<Alive w={w} />} data-testid={w.alive ? 'worker-alive' : 'worker-gone'}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="最近心跳">{chineseDateTime(w.lastSeenAt)}</Descriptions.Item>
              <Descriptions.Item label="处理的主题">{w.topics.length} 个</Descriptions.Item>
            </Descriptions>
          </Card>
        ))
      )}
      <ShareBackCard />
    </Space>
  );
}

/** 就业情况共享: where each review year's share-back to market regulation stands (docs/share-back.md). */
function ShareBackCard() {
  const loaded = useRefreshed(() => api<ShareBackStateAnswer>('GET', '/api/operations/share-back'), []);
  const years = loaded.data?.years ?? [];
  return (
    <Card size="small" title="就业情况共享市场监管部门" data-testid="share-back">
      {loaded.error && <Alert type="error" showIcon title={loadErrorText(loaded.error)} />}
      {years.length === 0 ? (
        <Typography.Text type="secondary">尚未共享任何年度</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="year"
          dataSource={years}
          pagination={false}
          columns={[
            { title: '年审年度', key: 'year', render: (_v, y) => `${y.year} 年度` },
            { title: '已接收', key: 'accepted', align: 'right', render: (_v, y) => y.accepted },
            { title: '被拒收', key: 'rejected', align: 'right', render: (_v, y) => (y.rejected > 0 ? <Typography.Text type="danger">{y.rejected}</Typography.Text> : 0) },
            { title: '待答复', key: 'awaiting', align: 'right', render: (_v, y) => y.awaitingAnswer },
          ]}
        />
      )}
    </Card>
  );
}
