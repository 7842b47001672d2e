// 我的申报: the unit's filings, newest first — year, status, what to do next — and the way to a new one.
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Grid, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { StatusTag } from '../../components/filing/StatusTag.tsx';
import { ApiError, api } from '../../lib/api.ts';
import type { FilingListItem } from '../../lib/filing-types.ts';
import { chineseDate } from '../../lib/format.ts';
import { nextStep } from './next-step.ts';
import { taskKeysOf, useEmployerTasks } from './use-employer-tasks.ts';

function NextStepText({ filing, tasks }: { filing: FilingListItem; tasks: ReturnType<typeof useEmployerTasks>['tasks'] }) {
  const step = nextStep(filing.status, taskKeysOf(tasks, filing.id));
  return (
    <Typography.Text type={step.actionable ? 'warning' : 'secondary'} strong={step.actionable} data-testid="next-step">
      {step.text}
    </Typography.Text>
  );
}

export function FilingListPage() {
  const screens = Grid.useBreakpoint();
  const { tasks } = useEmployerTasks();
  const [filings, setFilings] = useState<FilingListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ items: FilingListItem[] }>('GET', '/api/filings?limit=100')
      .then((answer) => setFilings(answer.items))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.title : '无法读取申报列表，请稍后再试'));
  }, []);

  const columns: ColumnsType<FilingListItem> = [
    { title: '申报年度', dataIndex: 'year', width: 100, render: (y: number) => `${y} 年` },
    { title: '单位名称', key: 'name', render: (_v, f) => f.employer.name },
    { title: '状态', dataIndex: 'status', width: 130, render: (_v, f) => <StatusTag status={f.status} channel={f.channel} /> },
    { title: '下一步', key: 'next', render: (_v, f) => <NextStepText filing={f} tasks={tasks} /> },
    { title: '残疾职工', dataIndex: 'employeeCount', width: 90, render: (n: number) => `${n} 人` },
    { title: '提交日期', dataIndex: 'createdAt', width: 140, render: (d: string) => chineseDate(d) },
    { title: '操作', key: 'open', width: 90, render: (_v, f) => <Link to={`/portal/filings/${f.id}`} data-testid={`open-filing-${f.id}`}>查看详情</Link> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>我的申报</Typography.Title>
        <Link to="/portal/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-filing">新建年审申报</Button>
        </Link>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {filings && filings.length === 0 && (
        <Card><Empty description="本单位还没有年审申报。每年 3 月 1 日至 12 月 31 日可申报上一年度安排残疾人就业情况。" /></Card>
      )}
      {filings && filings.length > 0 && screens.md && (
        <Table<FilingListItem> data-testid="filing-list" rowKey="id" columns={columns} dataSource={filings} pagination={false} scroll={{ x: true }} />
      )}
      {filings && filings.length > 0 && !screens.md && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="filing-list">
          {filings.map((f) => (
            <Link to={`/portal/filings/${f.id}`} key={f.id} data-testid={`open-filing-${f.id}`}>
              <Card size="small" hoverable>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>{f.year} 年度</Typography.Text>
                  <StatusTag status={f.status} channel={f.channel} />
                </Space>
                <div><NextStepText filing={f} tasks={tasks} /></div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.employeeCount} 名残疾职工 · {chineseDate(f.createdAt)} 提交 <RightOutlined />
                </Typography.Text>
              </Card>
            </Link>
          ))}
        </Space>
      )}
      {!filings && !error && <Card loading />}
    </Space>
  );
}
