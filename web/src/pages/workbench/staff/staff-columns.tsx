// The register's columns: who (name and login name), roles, region, the post certificate with its days left
// (expired in red, in orange when it ends within the deployed reminder's lead), the confidentiality agreement, whether the person may work
// today (with the reason), and the keeper's actions: 修改 and 强制下线.
import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { StaffMemberView } from '../../../../../api/staff.ts';
import { ROLE_NAMES } from '../../../lib/session.tsx';
import { regionLabel } from '../region-label.ts';

/**
 * How a certificate stands today: none, expired, expiring (within `lead` days: the deployed reminder's, as the server
 * says it; null when it cannot be read now, and then nothing is called expiring), or fine.
 */
export function certificateState(m: StaffMemberView, lead: number | null): 'none' | 'expired' | 'expiring' | 'valid' {
  if (m.certificateDaysLeft === null) return 'none';
  if (m.certificateDaysLeft < 0) return 'expired';
  return lead !== null && m.certificateDaysLeft <= lead ? 'expiring' : 'valid';
}

function CertificateExpiry({ member, lead }: { member: StaffMemberView; lead: number | null }) {
  const state = certificateState(member, lead);
  if (state === 'none') return <Tag color="red">无上岗证</Tag>;
  const days = member.certificateDaysLeft as number;
  return (
    <Space size={4} wrap>
      <span>{member.certificateExpiresOn}</span>
      {state === 'expired' && <Tag color="red">已过期 {-days} 天</Tag>}
      {state === 'expiring' && <Tag color="orange">{days === 0 ? '今天到期' : `${days} 天后到期`}</Tag>}
    </Space>
  );
}

export function staffColumns(actions: { me: string | undefined; lead: number | null; onEdit: (m: StaffMemberView) => void; onRevoke: (m: StaffMemberView) => void }): ColumnsType<StaffMemberView> {
  return [
    {
      title: '姓名',
      key: 'name',
      width: 170,
      render: (_v, m) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{m.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.sub}</Typography.Text>
        </Space>
      ),
    },
    { title: '角色', key: 'roles', width: 170, render: (_v, m) => m.roles.map((r) => <Tag key={r}>{ROLE_NAMES[r]}</Tag>) },
    { title: '所属行政区', key: 'region', width: 200, render: (_v, m) => regionLabel(m.regionCode) },
    { title: '上岗证编号', dataIndex: 'certificateNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: '有效期至', key: 'expiry', width: 200, render: (_v, m) => <CertificateExpiry member={m} lead={actions.lead} /> },
    {
      title: '保密协议签订日期',
      key: 'agreement',
      width: 140,
      render: (_v, m) => m.agreementSignedOn ?? <Tag color="red">未签订</Tag>,
    },
    {
      title: '能否办理',
      key: 'standing',
      width: 130,
      render: (_v, m) => (
        <Space size={4} wrap>
          {!m.active && <Tag>已停用</Tag>}
          {m.standing.ok ? (
            <Tag color="green">可以办理</Tag>
          ) : (
            <Tooltip title={m.standing.reason}>
              <Tag color="red" data-testid="staff-refused">不能办理</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_v, m) => (
        <Space size={4}>
          {/* Nobody changes their own entry: the server refuses it too. */}
          <Button size="small" onClick={() => actions.onEdit(m)} disabled={m.sub === actions.me} data-testid="staff-edit">
            修改
          </Button>
          <Popconfirm
            title={`让 ${m.name} 强制下线？`}
            description="此人的全部登录会话立即结束，须重新登录。"
            okText="强制下线"
            cancelText="取消"
            onConfirm={() => actions.onRevoke(m)}
          >
            <Button size="small" danger data-testid="staff-revoke">
              强制下线
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
