// The steps that stopped and wait for an operator — grouped by the department they ask (or the step, for the
// system's own), each with the unit and filing it holds up and the cause in plain words — and retrying one, or all
// of a group once the cause is fixed. Shown on 故障处理 and in the operators' dashboard (运行监控). The province
// reads; operators retry.
import { Alert, Empty, Grid, Space, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { useSession } from '../../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../../lib/use-loaded.ts';
import { groupsOf, type Incident } from './incident-groups.ts';
import { IncidentGroupCard } from './IncidentGroupCard.tsx';
import { useIncidentRetry } from './use-incident-retry.ts';

export function IncidentList() {
  const { who } = useSession();
  const incidents = useLoaded(() => api<{ incidents: Incident[] }>('GET', '/api/operations/incidents'), []);
  const { busy, retry } = useIncidentRetry(incidents.reload);
  const mayRetry = who?.role === 'operator';
  // Below tablet width each incident is a card: a table would hide the step and the cause off screen.
  const wide = Grid.useBreakpoint().md ?? true;

  const groups = groupsOf(incidents.data?.incidents ?? []);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="incident-list">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        系统多次重试仍未完成的步骤在此等待处理，申报停在该步骤。排除原因（如部门接口恢复、节假日安排发布）后重试，申报从停下的步骤继续；再次失败的会重新列在这里。
        {!mayRetry && '（只读：重试由运维人员操作。）'}
      </Typography.Paragraph>
      {incidents.error && <Alert type="error" showIcon title={loadErrorText(incidents.error)} />}
      {!incidents.loading && !incidents.error && groups.length === 0 && <Empty description="没有待处理的故障" data-testid="no-incidents" />}
      {groups.map((group) => (
        <IncidentGroupCard key={group.key} group={group} wide={wide} mayRetry={mayRetry} busy={busy} onRetry={(key, ids) => void retry(key, ids)} />
      ))}
    </Space>
  );
}
