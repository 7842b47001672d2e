// The register's field labels and the sentences of its own codes, in Chinese and English.
import { createFieldMessages } from '../platform/field-messages.ts';
import type { RegionLevel } from './staff-roles.ts';

const LEVEL_TEXT: Record<RegionLevel, readonly [string, string]> = {
  county: ['窗口人员、审核员、县残联负责人应填写所在县（市、区）的行政区划代码', 'county roles need a county code'],
  city: ['市残联人员应填写设区市的行政区划代码（如 330100）', 'the city role needs a city code (xxxx00)'],
  province: ['省残联、政策管理人员、运维人员的所属行政区应为 330000', 'province-level roles need 330000'],
};

export const staffMessages = createFieldMessages({
  root: ['名册信息', 'the register entry'],
  labels: {
    sub: ['登录账号', 'login name'],
    name: ['姓名', 'name'],
    roles: ['角色', 'roles'],
    regionCode: ['所属行政区', 'region code'],
    certificateNumber: ['上岗证编号', 'post certificate number'],
    certificateExpiresOn: ['上岗证有效期至', 'post certificate valid until'],
    agreementSignedOn: ['保密协议签订日期', 'confidentiality agreement signed on'],
    active: ['在岗状态', 'active'],
    role: ['角色', 'role'],
    status: ['状态', 'status'],
    text: ['姓名或账号', 'name or login name'],
    limit: ['每页条数', 'limit'],
    offset: ['起始位置', 'offset'],
  },
  listItems: { roles: ['第 {n} 个角色', 'role {n}'] },
  formatHints: {
    sub: ['应为 1 至 128 位字母、数字或 . _ @ : -', 'must be 1 to 128 letters, digits or . _ @ : -'],
    certificateNumber: ['应为 6 至 32 位大写字母、数字或连字符（首尾不能是连字符）', 'must be 6 to 32 capital letters, digits or hyphens, not starting or ending with a hyphen'],
    certificateExpiresOn: ['应为 YYYY-MM-DD 格式的有效日期', 'must be a valid YYYY-MM-DD date'],
    agreementSignedOn: ['应为 YYYY-MM-DD 格式的有效日期', 'must be a valid YYYY-MM-DD date'],
    regionCode: ['应为 6 位行政区划代码', 'must be a six-digit region code'],
    roles: ['不能重复', 'must not repeat'],
    limit: ['应为 1 至 100 的整数', 'must be a whole number from 1 to 100'],
    offset: ['应为不小于 0 的整数', 'must be a whole number, 0 or more'],
  },
  templates: {
    REGION_UNKNOWN: [(f) => `${f}应为浙江省内有效的行政区划代码`, (f) => `${f} must be a Zhejiang region code`],
    ROLES_MIXED_LEVELS: [
      () => '一人的角色应属同一层级：县级（窗口人员、审核员、县残联负责人）、市级（市残联）或省级（省残联、政策管理人员、运维人员）',
      () => 'the roles of one person must be of one level: county, city or province',
    ],
    REGION_LEVEL: [(_f, p) => (LEVEL_TEXT[p.level as RegionLevel] ?? LEVEL_TEXT.county)[0], (_f, p) => (LEVEL_TEXT[p.level as RegionLevel] ?? LEVEL_TEXT.county)[1]],
    DATE_IN_FUTURE: [(f) => `${f}不能晚于今天`, (f) => `${f} cannot be after today`],
    STAFF_EXISTS: [(f) => `该${f}已在名册中`, (f) => `this ${f} is already in the register`],
    CERTIFICATE_NUMBER_TAKEN: [(f) => `该${f}已登记给名册中的另一人`, (f) => `this ${f} is already registered to someone else`],
  },
});
