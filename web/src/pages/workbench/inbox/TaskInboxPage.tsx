// 待办任务: the tasks this caseworker may act on — mine, my group's unclaimed ones, or all — filtered by kind and
// region, sorted by due date, with the working days left and overdue tasks in red.
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../lib/api.ts';
import type { TaskItem } from '../../../lib/filing-types.ts';
import { useSession } from '../../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../../lib/use-loaded.ts';
import { regionLabel } from '../region-label.ts';
import { taskKindName } from '../task-kinds.ts';
import { taskColumns } from './task-columns.tsx';
import { TaskFilterBar } from './TaskFilterBar.tsx';
import { inScope } from './task-scope.ts';
import { useTaskFilters } from './use-task-filters.ts';

export function TaskInboxPage() {
  const { who } = useSession();
  const navigate = useNavigate();
  const filters = useTaskFilters();
  const { scope, kind, region } = filters;
  const tasks = useLoaded(() => api<{ total: number; items: TaskItem[] }>('GET', '/api/tasks'), []);
  const items = useMemo(() => tasks.data?.items ?? [], [tasks.data]);

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

  const columns = taskColumns({ me: who?.sub, onHandle: (t) => navigate(`/workbench/tasks/${t.id}`), onClaimChanged: tasks.reload });
  const tableWidth = columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        待办任务
      </Typography.Title>
      {tasks.error && <Alert type="error" showIcon title={loadErrorText(tasks.error)} action={<Button onClick={tasks.reload}>重试</Button>} />}
      <TaskFilterBar
        filters={filters}
        counts={counts}
        kindOptions={kindOptions}
        regionOptions={regionOptions}
        overdueCount={shown.filter((t) => t.overdue).length}
        onReload={tasks.reload}
      />
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
