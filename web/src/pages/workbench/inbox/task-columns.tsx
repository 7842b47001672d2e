// The inbox table's columns: the task (with the employee a manual review is about), the unit, year, handling
// region, filing status, created, due date, working days left, who has it, and the actions.
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import { StatusTag } from '../../../components/filing/StatusTag.tsx';
import type { FilingStatus, TaskItem } from '../../../lib/filing-types.ts';
import { chineseDateTime } from '../../../lib/format.ts';
import { ClaimButton } from '../ClaimButton.tsx';
import { DueDate } from '../DueDate.tsx';
import { regionLabel, regionShortName } from '../region-label.ts';
import { ReviewedEmployeeLine } from '../ReviewedEmployeeLine.tsx';
import { taskKindName } from '../task-kinds.ts';
import { WorkingDaysLeft } from '../WorkingDaysLeft.tsx';
import { byDue } from './task-scope.ts';

export interface TaskColumnsOptions {
  /** The signed-in caseworker, whose tasks read 我. */
  me: string | undefined;
  onHandle: (task: TaskItem) => void;
  onClaimChanged: () => void;
}

export function taskColumns({ me, onHandle, onClaimChanged }: TaskColumnsOptions): ColumnsType<TaskItem> {
  return [
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
      render: (_v, t) => (t.assignee === null ? <Typography.Text type="secondary">待认领</Typography.Text> : t.assignee === me ? '我' : t.assignee),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_v, t) => (
        <Space size="small">
          <Button size="small" type="primary" onClick={() => onHandle(t)} data-testid="task-handle">
            办理
          </Button>
          <ClaimButton task={t} size="small" onChanged={onClaimChanged} />
        </Space>
      ),
    },
  ];
}
