// Development sign-in (sign-in/dev-login-routes.ts): a token for any role, never in production.
import type { FromSchema } from 'json-schema-to-ts';
import { ROLES } from '../platform/http/identity.ts';
import { jsonBodyProblems } from './common-problems.ts';
import type { RouteContract } from './route-contract.ts';

export const devLoginBodySchema = {
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: {
    role: { enum: ROLES },
    uscc: { type: 'string', description: '单位（employer 必填） / the unit, for an employer' },
    regionCode: { type: 'string', pattern: '^\\d{6}$', description: '所辖县或市（clerk、reviewer、lead、city 必填） / the county or city, for county and city staff' },
    userId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\w.@-]+$', description: '留痕中的用户标识 / who the audit trail names' },
    name: { type: 'string', minLength: 1, maxLength: 40 },
  },
} as const;
export type DevLoginBody = FromSchema<typeof devLoginBodySchema>;

export const identitySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'role'],
  properties: {
    sub: { type: 'string' },
    name: { type: 'string' },
    role: { enum: ROLES },
    uscc: { type: 'string' },
    regionCode: { type: 'string' },
  },
} as const;
export type SignedInIdentity = FromSchema<typeof identitySchema>;

export const devLoginAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['token', 'identity'],
  properties: { token: { type: 'string', description: '以 Authorization: Bearer 使用 / sent as Authorization: Bearer' }, identity: identitySchema },
} as const;
export type DevLoginAnswer = FromSchema<typeof devLoginAnswerSchema>;

export const signInContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/dev/login',
    operationId: 'devLogin',
    tag: 'sign-in',
    summary: { zh: '开发环境登录', en: 'Development sign-in' },
    description: {
      zh: '仅用于开发与测试：任意角色的令牌。生产环境（NODE_ENV=production）没有此接口。',
      en: 'For development and tests only: a token for any role. Production (NODE_ENV=production) has no such route.',
    },
    callers: 'public',
    request: { body: devLoginBodySchema },
    responses: { 200: { description: { zh: '令牌与身份', en: 'The token and the identity' }, schema: devLoginAnswerSchema } },
    problems: jsonBodyProblems(['USCC_CHECKSUM', 'REGION_UNKNOWN']),
  },
];
