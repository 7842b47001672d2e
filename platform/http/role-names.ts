// Each role's Chinese name, as every page writes it: the sign-in page's choices, the header, who acted. The
// development sign-in names its people by it too.
import type { Role } from './identity.ts';

export const ROLE_NAMES: Record<Role, string> = {
  employer: '用人单位',
  clerk: '窗口人员',
  reviewer: '审核员',
  lead: '县残联负责人',
  city: '市残联',
  province: '省残联',
  policy: '政策管理人员',
  operator: '运维人员',
};
