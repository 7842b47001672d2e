// 工作人员名册 (持证上岗, 信息安全保密协议; notice §四): the province's or the city's people, filtered by region, role and
// standing; certificates ending within the deployed reminder's lead highlighted, expired ones flagged; registering and changing an entry
// with the server's word on each field; 强制下线 ends all of a person's sessions.
import { Alert, App, Button, Space, Typography } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import type { StaffList, StaffMemberView } from '../../../../../api/staff.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { api, ApiError } from '../../../lib/api.ts';
import { useSession } from '../../../lib/session.tsx';
import { loadErrorText, useLoaded } from '../../../lib/use-loaded.ts';
import { certificateState, staffColumns } from './staff-columns.tsx';
import { StaffFilterBar, type StaffCriteria } from './StaffFilterBar.tsx';
import { StaffFormModal } from './StaffFormModal.tsx';
import { regionChoices, roleChoices } from './staff-regions.ts';

const PAGE_SIZE = 100;

export function StaffRegisterPage() {
  const { who } = useSession();
  const { message } = App.useApp();
  const [criteria, setCriteria] = useState<StaffCriteria>({});
  const [editing, setEditing] = useState<StaffMemberView | null | undefined>(undefined);
  const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(criteria).filter(([, v]) => v)), limit: String(PAGE_SIZE) }).toString();
  const list = useLoaded(() => api<StaffList>('GET', `/api/staff?${query}`), [query]);
  const regions = useMemo(() => regionChoices(who), [who]);
  const roles = useMemo(() => roleChoices(who), [who]);
  const items = list.data?.items ?? [];
  // The reminder's lead as the deployed diagram sets it (GET /api/staff reads it); kept while another query loads.
  const [lead, setLead] = useState<number | null>(null);
  useEffect(() => {
    if (list.data) setLead(list.data.expiringWithinDays);
  }, [list.data]);
  const expiring = items.filter((m) => m.active && certificateState(m, lead) === 'expiring').length;
  const expired = items.filter((m) => certificateState(m, lead) === 'expired').length;

  async function revoke(member: StaffMemberView) {
    try {
      const done = await api<{ revokedSessions: number }>('POST', `/api/staff/${encodeURIComponent(member.sub)}/revoke-sessions`);
      message.success(done.revokedSessions > 0 ? `已让 ${member.name} 强制下线，结束 ${done.revokedSessions} 个会话` : `${member.name} 当前没有登录的会话`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.title : '操作失败，请稍后再试');
    }
  }

  const columns = staffColumns({ me: who?.sub, lead, onEdit: setEditing, onRevoke: (m) => void revoke(m) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="staff-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          工作人员名册
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing(null)} data-testid="staff-create">
          登记人员
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        联网认证工作人员（含临聘人员）实行持证上岗，并签订信息安全保密协议。上岗证过期、未签订保密协议或已停用的人员仍可登录，但不能办理任务或查看个人信息。{lead !== null && `上岗证到期前 ${lead} 天，系统提醒市残联。`}
      </Typography.Paragraph>
      <StaffFilterBar regions={regions} roles={roles} lead={lead} onSearch={setCriteria} />
      {list.error && <Alert type="error" showIcon title={loadErrorText(list.error)} action={<Button onClick={list.reload}>重试</Button>} />}
      {(expiring > 0 || expired > 0) && (
        <Alert
          type={expired > 0 ? 'error' : 'warning'}
          showIcon
          data-testid="staff-expiry-summary"
          title={[expired > 0 ? `${expired} 人的上岗证已过期` : '', expiring > 0 ? `${expiring} 人的上岗证将在 ${lead} 天内到期` : ''].filter(Boolean).join('，') + '，请及时组织换证并更新名册'}
        />
      )}
      <ResponsiveTable<StaffMemberView>
        data-testid="staff-table"
        rowKey="sub"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.error ? [] : items}
        scroll={{ x: columns.reduce((sum, c) => sum + Number(c.width ?? 0), 0) }}
        rowClassName={(m) => ({ expired: 'wb-row-overdue', expiring: 'wb-row-expiring' })[certificateState(m, lead) as string] ?? ''}
        onRow={(m) => ({ 'data-sub': m.sub, 'data-certificate': certificateState(m, lead) }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 人` }}
        locale={{ emptyText: '没有符合条件的人员' }}
        cardTitle={(m) => `${m.name}（${m.sub}）`}
        cardOmit={['name']}
      />
      {list.data && list.data.total > items.length && (
        <Typography.Text type="secondary">共 {list.data.total} 人，仅显示前 {items.length} 人，请缩小查询范围</Typography.Text>
      )}
      <StaffFormModal
        member={editing}
        regions={regions}
        roles={roles}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => {
          message.success(editing ? `已更新 ${saved.name} 的名册信息` : `已登记 ${saved.name}`);
          setEditing(undefined);
          list.reload();
        }}
      />
    </Space>
  );
}
