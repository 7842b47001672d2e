// 故障处理: the incident list (IncidentList.tsx) as a page of its own; the operators' dashboard (/operations) shows
// the same list in a tab. Cockpit remains for anything else.
import { Space, Typography } from 'antd';
import { IncidentList } from './IncidentList.tsx';

export function IncidentsPage() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="incidents-page">
      <Typography.Title level={3} style={{ margin: 0 }}>故障处理</Typography.Title>
      <IncidentList />
    </Space>
  );
}
