// 待办任务: the tasks this caseworker may act on — mine, my group's unclaimed ones, or all — filtered by kind and
// region, sorted by due date, with the working days left and overdue tasks in red.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import { useMemo, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../lib/api.ts';
import { StatusTag } from '../../components/filing/StatusTag.tsx';
import type { FilingStatus, TaskItem } from '../../lib/filing-types.ts';
import { chineseDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { ClaimButton } from './ClaimButton.tsx';
import { regionLabel, regionShortName } from './region-label.ts';
import { taskKindName } from './task-kinds.ts';
import { loadErrorText, useLoaded } from '../../lib/use-loaded.ts';
import { WorkingDaysLeft } from './WorkingDaysLeft.tsx';
import { DueDate } from './DueDate.tsx';
import { ReviewedEmployeeLine } from './ReviewedEmployeeLine.tsx';

type Scope = 'all' | 'mine' | 'group';

/** Whose tasks a scope shows: mine are claimed by me; the group's are offered to my groups and claimed by nobody. */
function inScope(task: TaskItem, scope: Scope, me: string | undefined): boolean {
  if (scope === 'mine') return task.assignee !== null && task.assignee === me;
  if (scope === 'group') return task.assignee === null;
  return true;
}

/** Due dates ascending with tasks that have none last, whichever way the column is sorted. */
function byDue(a: TaskItem, b: TaskItem, order?: SortOrder): number {
  if (a.due === b.due) return 0;
  const last = order === 'descend' ? -1 : 1;
  if (a.due === null) return last;
  if (b.due === null) return -last;
  return new Date(a.due).getTime() - new Date(b.due).getTime();
}

export function TaskInboxPage() {
  const { who } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const scope = (params.get('scope') as Scope | null) ?? 'all';
  const kind = params.get('kind') ?? undefined;
  const region = params.get('region') ?? undefined;
  const tasks = useLoaded(() => api<{ total: number; items: TaskItem[] }>('GET', '/api/tasks'), []);
  const items = useMemo(() => tasks.data?.items ?? [], [tasks.data]);

  // Filters live in the address, so a reload or a link keeps them.
  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const counts = {
    all: items.length,
    mine: items.filter((t) => inScope(t, 'mine', who?.sub)).length,
    group: items.filter((t) => inScope(t, 'group', who?.sub)).length,
  };
  const kindOptions = [...new Set(items.map((t) => t.taskDefinitionKey))].map((k) => ({ value: k, label: taskKindName(k) }));
  const regionOptions = [...new Set(items.map((t) => t.filing?.handlingRegionCode).filter((c): c is string => Boolean(c)))].map((c) => ({
    value: c,
    label: regionLabel(c),
  }));
  const shown = items.filter(
    (t) => inScope(t, scope, who?.sub) && (!kind || t.taskDefinitionKey === kind) && (!region || t.filing?.handlingRegionCode === region),
  );
  const overdueCount = shown.filter((t) => t.overdue).length;

  const columns: ColumnsType<TaskItem> = [
    {
      title: '任务',
      key: 'kind',
      width: 210,
      render: (_v, t) => (
        <>
          <Link style={{ whiteSpace: 'nowrap' }} to={`/workbench/tasks/${t.id}`} data-testid="task-open">
            {taskKindName(t.taskDefinitionKey, t.name)}
          </Link>
          {t.reviewedEmployee && <ReviewedEmployeeLine employee={t.reviewedEmployee} />}
        </>
      ),
    },
    {
      title: '用人单位',
      key: 'employer',
      width: 210,
      render: (_v, t) =>
        t.filing ? (
          <div>
            <div>{t.filing.employerName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.filing.employerUscc}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    { title: '年度', key: 'year', width: 60, render: (_v, t) => t.filing?.year ?? '—' },
    {
      title: '办理地',
      key: 'region',
      width: 110,
      render: (_v, t) => <Tooltip title={regionLabel(t.filing?.handlingRegionCode)}>{regionShortName(t.filing?.handlingRegionCode)}</Tooltip>,
    },
    {
      title: '申报状态',
      key: 'status',
      width: 100,
      render: (_v, t) => (t.filing ? <StatusTag status={t.filing.status as FilingStatus} channel={t.filing.channel} /> : '—'),
    },
    { title: '创建时间', key: 'created', width: 110, render: (_v, t) => chineseDateTime(t.created) },
    {
      title: '办理期限',
      key: 'due',
      width: 130,
      sorter: byDue,
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_v, t) => <DueDate due={t.due} provisional={t.dueProvisional} />,
    },
    {
      title: '剩余工作日',
      key: 'left',
      width: 140,
      render: (_v, t) => <WorkingDaysLeft left={t.workingDaysLeft} overdue={t.overdue} due={t.due} />,
    },
    {
      title: '办理人',
      key: 'assignee',
      width: 80,
      render: (_v, t) => (t.assignee === null ? <Typography.Text type="secondary">待认领</Typography.Text> : t.assignee === who?.sub ? '我' : t.assignee),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_v, t) => (
        <Space size="small">
          <Button size="small" type="primary" onClick={() => navigate(`/workbench/tasks/${t.id}`)} data-testid="task-handle">
            办理
          </Button>
          <ClaimButton task={t} size="small" onChanged={tasks.reload} />
        </Space>
      ),
    },
  ];

  const tableWidth = columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        待办任务
      </Typography.Title>
      {tasks.error && <Alert type="error" showIcon title={loadErrorText(tasks.error)} action={<Button onClick={tasks.reload}>重试</Button>} />}
      <Card size="small">
        <Space wrap size="middle">
          <Segmented<Scope>
            data-testid="task-scope"
            value={scope}
            onChange={(v) => setParam('scope', v === 'all' ? undefined : v)}
            options={[
              { value: 'all', label: `全部（${counts.all}）` },
              { value: 'mine', label: `我的（${counts.mine}）` },
              { value: 'group', label: `本组待认领（${counts.group}）` },
            ]}
          />
          <Select
            allowClear
            placeholder="任务类型"
            style={{ width: 180 }}
            value={kind}
            options={kindOptions}
            onChange={(v: string | undefined) => setParam('kind', v)}
            data-testid="task-kind-filter"
          />
          <Select
            allowClear
            placeholder="办理地"
            style={{ width: 240 }}
            value={region}
            options={regionOptions}
            onChange={(v: string | undefined) => setParam('region', v)}
            data-testid="task-region-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={tasks.reload}>
            刷新
          </Button>
          {overdueCount > 0 && <Typography.Text type="danger">其中 {overdueCount} 项已逾期</Typography.Text>}
        </Space>
      </Card>
      <Table<TaskItem>
        data-testid="task-table"
        rowKey="id"
        size="middle"
        loading={tasks.loading}
        columns={columns}
        dataSource={shown}
        // The columns' widths summed: at 1366 px everything fits, so the fixed 操作 column covers no other column.
        scroll={{ x: tableWidth }}
        rowClassName={(t) => (t.overdue ? 'wb-row-overdue' : '')}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        locale={{ emptyText: scope === 'mine' ? '您暂无已认领的任务' : '暂无待办任务' }}
        onRow={(t) => ({ 'data-task-kind': t.taskDefinitionKey, 'data-overdue': String(t.overdue) }) as HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
