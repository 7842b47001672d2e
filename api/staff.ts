// The staff register's contract (staff/staff-routes.ts): who works on the review, their post certificate (持证上岗) and
// confidentiality agreement (信息安全保密协议, notice §四); one's own standing; ending a person's sessions.
import type { FromSchema } from 'json-schema-to-ts';
import { CERTIFICATE_NUMBER_PATTERN, STAFF_ROLES, STAFF_SUB_PATTERN } from '../staff/staff-roles.ts';
import { STANDING_CODES } from '../staff/staff-standing.ts';
import { bodyLimits, engineUnavailable, invalidRequest, unauthenticated } from './common-problems.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

/** Who keeps the register: the province all of it, a city its counties' and its own people. */
export const REGISTER_KEEPERS = ['city', 'province'] as const;

// Years 2000–2099 only: a typing slip (0226-…) is refused rather than stored.
const date = { type: 'string', format: 'date', pattern: '^20\\d{2}-' } as const;
const dateOrNull = { type: ['string', 'null'], format: 'date', pattern: '^20\\d{2}-' } as const;

const entryProperties = {
  name: { type: 'string', minLength: 1, maxLength: 40 },
  roles: {
    type: 'array',
    minItems: 1,
    maxItems: STAFF_ROLES.length,
    uniqueItems: true,
    items: { enum: STAFF_ROLES },
    description: '同一层级的一个或多个角色 / one or more roles of one level (county, city or province)',
  },
  regionCode: { type: 'string', pattern: '^\\d{6}$', description: '县级角色填县（市、区），市残联填设区市（xxxx00），省级填 330000 / county, city (xxxx00) or 330000' },
  certificateNumber: { type: ['string', 'null'], pattern: CERTIFICATE_NUMBER_PATTERN, description: '上岗证编号；尚未取得时为 null / post certificate number, null before one is held' },
  certificateExpiresOn: { ...dateOrNull, description: '上岗证有效期至（含当日） / the last day the certificate is valid' },
  agreementSignedOn: { ...dateOrNull, description: '信息安全保密协议签订日期；未签订为 null / when the confidentiality agreement was signed, null if none is on file' },
  active: { type: 'boolean', description: '在岗；停用后不能办理任务或查看个人信息 / inactive people may not work on personal data' },
} as const;

export const staffCreateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'name', 'roles', 'regionCode'],
  properties: {
    sub: { type: 'string', pattern: STAFF_SUB_PATTERN, description: '统一身份认证的登录账号（subject） / the identity provider’s subject' },
    ...entryProperties,
  },
} as const;
export type StaffCreate = FromSchema<typeof staffCreateSchema>;

export const staffChangeSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: entryProperties,
} as const;
export type StaffChange = FromSchema<typeof staffChangeSchema>;

export const staffSubParams = {
  type: 'object',
  required: ['sub'],
  properties: { sub: { type: 'string', pattern: STAFF_SUB_PATTERN, description: '登录账号 / login name' } },
} as const;

export const staffListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    regionCode: { type: 'string', pattern: '^\\d{6}$', description: '本辖区内的县、市 / a county or city in one’s region' },
    role: { enum: STAFF_ROLES },
    status: { enum: ['expiring', 'expired', 'refused'], description: 'expiring：上岗证在到期提醒天数内到期（天数读自已部署的 staff-certificate-reminders 流程）；expired：已过期；refused：不能办理（任何原因） / expiring within the deployed reminder’s lead, expired, or not in good standing for any reason' },
    text: { type: 'string', minLength: 1, maxLength: 40, description: '姓名或账号的一部分 / part of the name or login name' },
    limit: { type: 'string', pattern: '^([1-9]\\d?|100)$', description: '1–100，默认 50 / 1 to 100, default 50' },
    offset: { type: 'string', pattern: '^\\d{1,6}$' },
  },
} as const;
export type StaffListQuery = FromSchema<typeof staffListQuerySchema>;

export const standingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ok'],
  properties: {
    ok: { type: 'boolean', description: '可以办理任务和查看个人信息 / may claim and complete tasks and read personal data' },
    code: { enum: STANDING_CODES },
    reason: { type: 'string', description: '不能办理的原因 / why not, in Chinese' },
  },
} as const;
export type StandingView = FromSchema<typeof standingSchema>;

export const staffMemberSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'name', 'roles', 'regionCode', 'regionName', 'certificateNumber', 'certificateExpiresOn', 'certificateDaysLeft', 'agreementSignedOn', 'active', 'standing', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'],
  properties: {
    sub: { type: 'string' },
    ...entryProperties,
    regionName: { type: ['string', 'null'] },
    certificateExpiresOn: dateOrNull,
    certificateDaysLeft: { type: ['integer', 'null'], description: '距上岗证到期的天数，已过期为负 / days until the certificate ends, negative once it has' },
    standing: standingSchema,
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
  },
} as const;
export type StaffMemberView = FromSchema<typeof staffMemberSchema>;

const expiringWithinDays = {
  type: ['integer', 'null'],
  minimum: 1,
  maximum: 365,
  description:
    '上岗证到期前多少天提醒市残联、名册标为“即将到期”：读自已部署的 staff-certificate-reminders 流程（提前提醒天数）；流程未部署或引擎暂不可用时为 null / days before a certificate ends that count as expiring: the deployed staff-certificate-reminders diagram’s remindDaysBefore; null when it cannot be read now',
} as const;

export const staffListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'items', 'today', 'expiringWithinDays'],
  properties: {
    total: { type: 'integer' },
    items: { type: 'array', items: staffMemberSchema },
    today: { ...date, description: '今天（北京时间） / today in China' },
    expiringWithinDays,
  },
} as const;
export type StaffList = FromSchema<typeof staffListSchema>;

export const myStandingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['member', 'standing', 'today', 'expiringWithinDays'],
  properties: {
    member: { oneOf: [staffMemberSchema, { type: 'null' }], description: '本人在名册中的信息；未登记为 null / one’s own entry, null if none' },
    standing: standingSchema,
    today: date,
    expiringWithinDays,
  },
} as const;
export type MyStanding = FromSchema<typeof myStandingSchema>;

export const revokedSessionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'revokedSessions'],
  properties: { sub: { type: 'string' }, revokedSessions: { type: 'integer', minimum: 0, description: '结束的会话数 / sessions ended' } },
} as const;
export type RevokedSessions = FromSchema<typeof revokedSessionsSchema>;

/** The register's own field codes besides the schema's. */
const REGISTER_CODES = ['REGION_UNKNOWN', 'ROLES_MIXED_LEVELS', 'REGION_LEVEL', 'DATE_IN_FUTURE'] as const;

const keepersOnly: ProblemResponse = {
  status: 403,
  description: { zh: '只有省残联和市残联可以维护名册；市残联只能维护本市，且不能授予省级角色', en: 'Only the province and cities keep the register; a city only its own region, and never grants province-level roles' },
};
const notInRegion: ProblemResponse = { status: 404, description: { zh: '名册中没有此人（或不在本辖区）', en: 'No such person in your region’s register' } };

export const staffContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/staff',
    operationId: 'listStaff',
    tag: 'staff',
    summary: { zh: '工作人员名册', en: 'The staff register' },
    description: { zh: '省残联看全省，市残联看本市及所辖县（市、区）。', en: 'The province sees all, a city its own people and its counties’.' },
    callers: [...REGISTER_KEEPERS],
    request: { query: staffListQuerySchema },
    responses: { 200: { description: { zh: '名册', en: 'The register' }, schema: staffListSchema } },
    problems: [invalidRequest(['REGION_UNKNOWN']), unauthenticated, keepersOnly, {
      ...engineUnavailable,
      description: { zh: '按“即将到期”筛选时，读不到已部署流程的提前提醒天数（流程未部署或引擎暂不可用）', en: 'status=expiring while the deployed reminder’s lead cannot be read (not deployed, or the engine is away)' },
    }],
  },
  {
    method: 'post',
    path: '/api/staff',
    operationId: 'createStaff',
    tag: 'staff',
    summary: { zh: '登记工作人员', en: 'Register a staff member' },
    description: { zh: '变更留痕。', en: 'Audited.' },
    callers: [...REGISTER_KEEPERS],
    request: { body: staffCreateSchema },
    responses: { 201: { description: { zh: '已登记', en: 'Registered' }, schema: staffMemberSchema } },
    problems: [invalidRequest(REGISTER_CODES), ...bodyLimits, unauthenticated, keepersOnly, {
      status: 409,
      description: { zh: '该账号已在名册中，或上岗证编号已登记给另一人', en: 'The login name is registered already, or the certificate number belongs to someone else' },
      codes: ['STAFF_EXISTS', 'CERTIFICATE_NUMBER_TAKEN'],
    }],
  },
  {
    method: 'patch',
    path: '/api/staff/{sub}',
    operationId: 'changeStaff',
    tag: 'staff',
    summary: { zh: '修改名册信息', en: 'Change a register entry' },
    description: { zh: '变更留痕（每个字段的原值和新值）；不能修改本人的信息。', en: 'Audited (each field before and after); nobody changes their own entry.' },
    callers: [...REGISTER_KEEPERS],
    request: { params: staffSubParams, body: staffChangeSchema },
    responses: { 200: { description: { zh: '修改后的名册信息', en: 'The entry as changed' }, schema: staffMemberSchema } },
    problems: [invalidRequest(REGISTER_CODES), ...bodyLimits, unauthenticated, keepersOnly, notInRegion, {
      status: 409,
      description: { zh: '上岗证编号已登记给另一人', en: 'The certificate number belongs to someone else' },
      codes: ['CERTIFICATE_NUMBER_TAKEN'],
    }],
  },
  {
    method: 'get',
    path: '/api/staff/me',
    operationId: 'getMyStanding',
    tag: 'staff',
    summary: { zh: '本人的名册信息与能否办理', en: 'One’s own register entry and standing' },
    description: {
      zh: '工作人员登录后总能读取：不能办理时写明原因（如上岗证过期），页面据此提示。',
      en: 'Always readable by signed-in staff: when they may not work on personal data, it says why, for the page to tell them.',
    },
    callers: [...STAFF_ROLES],
    responses: { 200: { description: { zh: '名册信息与能否办理', en: 'The entry and the standing' }, schema: myStandingSchema } },
    problems: [unauthenticated, { status: 403, description: { zh: '用人单位不是工作人员', en: 'Employers are not staff' } }],
  },
  {
    method: 'post',
    path: '/api/staff/{sub}/revoke-sessions',
    operationId: 'revokeStaffSessions',
    tag: 'staff',
    summary: { zh: '强制下线', en: 'End all of a person’s sessions' },
    description: { zh: '结束此人的全部会话，须重新登录；操作留痕。', en: 'Ends every session of the person, who must sign in again; audited.' },
    callers: [...REGISTER_KEEPERS],
    request: { params: staffSubParams },
    responses: { 200: { description: { zh: '已结束的会话数', en: 'How many sessions were ended' }, schema: revokedSessionsSchema } },
    problems: [unauthenticated, keepersOnly, notInRegion],
  },
];
