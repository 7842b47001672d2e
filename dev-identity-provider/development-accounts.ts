// The ready accounts of the development identity provider: one staff member for every role, around the county and
// city the simulators' units sit in (西湖区 330106, 杭州市 330100), a few of those units' legal-person accounts, and
// one person our system does not know. Staff carry their register entry (role, region) for the register's seeding
// only: the provider itself tells the system nothing but who signed in — sub, name and, for a unit, its code.
import type { Identity } from '../platform/http/identity.ts';

/** Every account's password, shown on the provider's own sign-in page: these accounts exist only in development. */
export const DEVELOPMENT_PASSWORD = 'dev-password';

export interface DevelopmentAccount {
  /** What one types to sign in; also the OIDC `sub`. */
  login: string;
  name: string;
  /** Staff: the entry the staff register gets for them (role and region come from there at sign-in). */
  staff?: Identity & { role: Exclude<Identity['role'], 'employer'>; regionCode: string };
  /** A unit's legal-person account (法人账号): its unified social credit code, as the uscc claim. */
  uscc?: string;
  /** What the sign-in page says the account is for. */
  note: string;
}

const staff = (login: string, name: string, role: Exclude<Identity['role'], 'employer'>, regionCode: string, note: string): DevelopmentAccount => ({
  login,
  name,
  staff: { sub: login, name, role, regionCode },
  note,
});

const unit = (uscc: string, name: string, note: string): DevelopmentAccount => ({ login: uscc, name, uscc, note });

export const DEVELOPMENT_ACCOUNTS: readonly DevelopmentAccount[] = [
  unit('91330106YAGT8BLG8P', '杭州宏湖汽车配件有限公司', '用人单位（西湖区，模拟部门有其职工数据）'),
  unit('91330106MNH8ABRY79', '杭州源楠纺织有限公司', '用人单位（西湖区）'),
  unit('91330106PX24KPFR39', '杭州楠德建材有限公司', '用人单位（西湖区）'),
  unit('91330921HAUCC5LT6U', '舟山鑫信电子有限公司', '用人单位（舟山市岱山县）'),
  staff('clerk.xihu', '王窗口', 'clerk', '330106', '窗口人员 · 西湖区'),
  staff('reviewer.xihu', '李审核', 'reviewer', '330106', '审核员 · 西湖区'),
  staff('lead.xihu', '张负责人', 'lead', '330106', '县残联负责人 · 西湖区'),
  staff('city.hangzhou', '陈市残联', 'city', '330100', '市残联 · 杭州市'),
  staff('province.zj', '周省残联', 'province', '330000', '省残联'),
  staff('policy.zj', '吴政策', 'policy', '330000', '政策管理人员'),
  staff('operator.zj', '郑运维', 'operator', '330000', '运维人员'),
  { login: 'visitor', name: '赵访客', note: '未登记的个人账号（本系统应拒绝登录）' },
];

export function developmentAccount(login: string): DevelopmentAccount | undefined {
  return DEVELOPMENT_ACCOUNTS.find((a) => a.login === login);
}
