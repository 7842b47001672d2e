// 运行监控: the operators' dashboard, in five tabs — running filings with the stuck first, the incidents (retried here),
// each department's health from the workers' own figures, the outbox and the worker processes, and the tasks due
// today or overdue. The province watches the same and retries nothing. The tab is in the address (?tab=), so a
// link or a reload keeps it; what the tab shows is read again every REFRESH_MS.
import { Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { DeadlinesTab } from './DeadlinesTab.tsx';
import { DepartmentsTab } from './DepartmentsTab.tsx';
import { IncidentList } from '../workbench/incidents/IncidentList.tsx';
import { RunningFilingsTab } from './RunningFilingsTab.tsx';
import { WorkersTab } from './WorkersTab.tsx';

const TABS = [
  { key: 'running', label: '运行中的申报', children: <RunningFilingsTab /> },
  { key: 'incidents', label: '故障处理', children: <IncidentList /> },
  { key: 'departments', label: '部门接口', children: <DepartmentsTab /> },
  { key: 'workers', label: '消息与进程', children: <WorkersTab /> },
  { key: 'deadlines', label: '期限', children: <DeadlinesTab /> },
];

export function OperationsPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'running';
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="operations-page">
      <Typography.Title level={3} style={{ margin: 0 }}>运行监控</Typography.Title>
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={TABS} destroyOnHidden />
    </Space>
  );
}
