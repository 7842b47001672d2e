// Tells a staff member, on every workbench page, why they cannot claim or complete tasks nor read personal data (an
// expired post certificate, no confidentiality agreement, …: GET /api/staff/me), and warns from the day the city is
// reminded (the deployed reminder's lead, which the same answer carries). Signing in and the inbox still work; the
// server refuses the rest whatever the page shows.
import { Alert } from 'antd';
import type { MyStanding } from '../../../../api/staff.ts';
import { api } from '../../lib/api.ts';
import { useLoaded } from '../../lib/use-loaded.ts';

export function StandingBanner() {
  const mine = useLoaded(() => api<MyStanding>('GET', '/api/staff/me'), []);
  const standing = mine.data?.standing;
  if (!standing) return null;
  if (!standing.ok) {
    return <Alert type="error" showIcon banner title={standing.reason} style={{ marginBottom: 16 }} data-testid="standing-banner" />;
  }
  const days = mine.data?.member?.certificateDaysLeft;
  const lead = mine.data?.expiringWithinDays ?? null;
  if (days === null || days === undefined || lead === null || days > lead) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      style={{ marginBottom: 16 }}
      data-testid="standing-banner"
      title={`您的上岗证将于 ${mine.data?.member?.certificateExpiresOn ?? ''} 到期${days === 0 ? '（今天）' : `（还有 ${days} 天）`}，到期后不能办理任务或查看个人信息，请及时联系市残联换证`}
    />
  );
}
