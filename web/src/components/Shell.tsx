// The frame around every signed-in page: the service's name, where the person is, who they are, and sign-out.
import { LogoutOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../lib/api.ts';
import { ROLE_NAMES, useSession, type Identity } from '../lib/session.tsx';
import { useLoaded } from '../lib/use-loaded.ts';

const PORTAL_MENU = [
  { key: '/portal', label: <Link to="/portal">我的申报</Link> },
  { key: '/portal/new', label: <Link to="/portal/new">新建年审申报</Link> },
];
const WORKBENCH_MENU = [
  { key: '/supervision', label: <Link to="/supervision">监管统计</Link> },
  { key: '/workbench', label: <Link to="/workbench">待办任务</Link> },
  { key: '/workbench/filings', label: <Link to="/workbench/filings">申报查询</Link> },
  { key: '/workbench/intake', label: <Link to="/workbench/intake">窗口代为申报</Link> },
  { key: '/workbench/units', label: <Link to="/workbench/units">单位名录</Link> },
  { key: '/workbench/calendar', label: <Link to="/workbench/calendar">节假日安排</Link> },
  { key: '/operations', label: <Link to="/operations">运行监控</Link> },
  { key: '/workbench/staff', label: <Link to="/workbench/staff">工作人员名册</Link> },
  { key: '/supervision/annual-reports', label: <Link to="/supervision/annual-reports">年度总结报告</Link> },
  { key: '/supervision/rewards', label: <Link to="/supervision/rewards">超比例奖励</Link> },
  { key: '/supervision/history-import', label: <Link to="/supervision/history-import">历史数据导入</Link> },
  { key: '/modeler', label: <Link to="/modeler">流程与规则</Link> },
];
// Who supervises a region's figures: the city and province, a county lead their county.
const SUPERVISION_ROLES = new Set(['city', 'province', 'lead']);
const MODELER_ROLES = new Set(['policy', 'province', 'operator']);
// Who publishes a year's holidays (the server allows policy staff and the province), and operators who watch.
const CALENDAR_ROLES = new Set(['policy', 'province', 'operator']);
// Who reads the operators' dashboard with the steps that stopped (operators retry them; the province watches).
const OPERATIONS_ROLES = new Set(['operator', 'province']);
// Who keeps the staff register (持证上岗): the province and the cities.
const STAFF_REGISTER_ROLES = new Set(['province', 'city']);
// The register of units (单位名录): county staff their county, a city its counties, the province all.
const UNIT_REGISTER_ROLES = new Set(['clerk', 'reviewer', 'lead', 'city', 'province']);
// The cities' annual summary reports: the cities write them, the province reads them.
const ANNUAL_REPORT_ROLES = new Set(['province', 'city']);
// Over-quota rewards: the county confirms its candidates, the city approves, the province follows.
const REWARD_ROLES = new Set(['clerk', 'reviewer', 'lead', 'city', 'province']);
// The 2020–2021 review history import: the province and the cities.
const HISTORY_IMPORT_ROLES = new Set(['province', 'city']);

/** The signed-in unit's name, once known (null before its first filing names it); undefined for staff. */
function useUnitName(who: Identity | null): string | null | undefined {
  const unit = useLoaded(
    () => (who?.role === 'employer' ? api<{ uscc: string; name: string | null }>('GET', '/api/employers/mine') : Promise.resolve(undefined)),
    [who?.role, who?.uscc],
  );
  return unit.data?.name;
}

/** A unit by its name (its USCC on hover; the USCC alone until its first filing names it), staff by role and region. */
function WhoIsSignedIn({ who, unitName }: { who: Identity; unitName: string | null | undefined }) {
  const style = { whiteSpace: 'nowrap', verticalAlign: 'middle' } as const;
  if (who.role === 'employer') {
    return (
      <Tooltip title={unitName ? `统一社会信用代码 ${who.uscc ?? ''}` : undefined}>
        <Typography.Text type="secondary" data-testid="who" style={{ ...style, maxWidth: 320 }} ellipsis>
          {unitName ?? `${ROLE_NAMES.employer} ${who.uscc ?? ''}`}
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Typography.Text type="secondary" data-testid="who" style={style}>
      {ROLE_NAMES[who.role]} {who.regionCode ?? ''}
    </Typography.Text>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { who, signOut } = useSession();
  // Loaded here, not where it is shown: the name's place comes and goes with the width, the name should not.
  const unitName = useUnitName(who);
  const { pathname } = useLocation();
  // On a phone the menu needs the room: who is signed in is shown from tablet width up.
  const wide = Grid.useBreakpoint().md ?? true;
  // Only window clerks file on a unit's behalf: others are not offered it (the server refuses them anyway).
  // The modeler's entry only for those who may read the definitions.
  const menu =
    who?.role === 'employer'
      ? PORTAL_MENU
      : WORKBENCH_MENU.filter(
          (m) =>
            (m.key !== '/workbench/intake' || who?.role === 'clerk') &&
            (m.key !== '/supervision' || SUPERVISION_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/modeler' || MODELER_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/workbench/calendar' || CALENDAR_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/operations' || OPERATIONS_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/workbench/staff' || STAFF_REGISTER_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/workbench/units' || UNIT_REGISTER_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/supervision/annual-reports' || ANNUAL_REPORT_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/supervision/rewards' || REWARD_ROLES.has(who?.role ?? '')) &&
            (m.key !== '/supervision/history-import' || HISTORY_IMPORT_ROLES.has(who?.role ?? '')),
        );
  const selected = menu.map((m) => m.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 16, background: '#fff', borderBottom: '1px solid #eee' }}>
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>残疾人按比例就业联网认证</Typography.Text>
        <Menu mode="horizontal" selectedKeys={selected ? [selected] : []} items={menu} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
        {who && (
          <Space>
            {wide && <WhoIsSignedIn who={who} unitName={unitName} />}
            <Button
              icon={<LogoutOutlined />}
              onClick={signOut}
            >
              退出
            </Button>
          </Space>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: pathname.startsWith('/modeler') ? undefined : 1400, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
