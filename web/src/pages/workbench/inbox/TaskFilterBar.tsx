// The inbox's filter bar: scope with its counts, task kind, handling region, refresh, and how many shown are overdue.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Select, Space, Typography } from 'antd';
import type { Scope } from './task-scope.ts';
import type { TaskFilters } from './use-task-filters.ts';

type Options = { value: string; label: string }[];

export interface TaskFilterBarProps {
  filters: TaskFilters;
  counts: Record<Scope, number>;
  kindOptions: Options;
  regionOptions: Options;
  overdueCount: number;
  onReload: () => void;
}

export function TaskFilterBar({ filters, counts, kindOptions, regionOptions, overdueCount, onReload }: TaskFilterBarProps) {
  return (
    <Card size="small">
      <Space wrap size="middle">
        <Segmented<Scope>
          data-testid="task-scope"
          value={filters.scope}
          onChange={filters.setScope}
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
          value={filters.kind}
          options={kindOptions}
          onChange={(v: string | undefined) => filters.setKind(v)}
          data-testid="task-kind-filter"
        />
        <Select
          allowClear
          placeholder="办理地"
          style={{ width: 240 }}
          value={filters.region}
          options={regionOptions}
          onChange={(v: string | undefined) => filters.setRegion(v)}
          data-testid="task-region-filter"
        />
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          刷新
        </Button>
        {overdueCount > 0 && <Typography.Text type="danger">其中 {overdueCount} 项已逾期</Typography.Text>}
      </Space>
    </Card>
  );
}
