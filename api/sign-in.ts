// Signing in: the development sign-in (sign-in/dev-login-routes.ts, never in production) and the signed-in person's
// own session (sign-in/session-routes.ts).
import type { FromSchema } from 'json-schema-to-ts';
import { ROLES } from '../platform/http/identity.ts';
import { ANY_ROLE, jsonBodyProblems, signedIn } from './common-problems.ts';
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
  required: ['token', 'identity', 'csrfToken'],
  properties: {
    token: { type: 'string', description: '会话密钥：以 Authorization: Bearer 使用（同时以 HttpOnly Cookie 下发） / the session secret, sent as Authorization: Bearer (also set as the HttpOnly cookie)' },
    identity: identitySchema,
    csrfToken: { type: 'string', description: '以 Cookie 调用变更类接口时放入 X-CSRF-Token / sent in X-CSRF-Token on state-changing calls made with the cookie' },
  },
} as const;
export type DevLoginAnswer = FromSchema<typeof devLoginAnswerSchema>;

export const sessionAnswerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identity', 'kind', 'csrfToken', 'expiresAt', 'idleSeconds'],
  properties: {
    identity: identitySchema,
    kind: { enum: ['oidc', 'development'], description: '经统一身份认证登录，或开发环境登录 / signed in through the identity provider, or development sign-in' },
    csrfToken: { type: 'string' },
    expiresAt: { type: 'string', format: 'date-time', description: '会话最迟结束时间 / when the session ends at the latest' },
    idleSeconds: { type: 'integer', description: '无操作多久后会话结束 / how long without a request ends the session' },
  },
} as const;
export type SessionAnswer = FromSchema<typeof sessionAnswerSchema>;

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
    problems: [...jsonBodyProblems(['USCC_CHECKSUM', 'REGION_UNKNOWN']), { status: 404, description: { zh: '不是从本机调用', en: 'Not called from this machine (loopback)' } }],
  },
  {
    method: 'get',
    path: '/api/session',
    operationId: 'getSession',
    tag: 'sign-in',
    summary: { zh: '当前会话', en: 'The current session' },
    description: {
      zh: '页面据此得知登录的是谁，以及变更类请求须带的 X-CSRF-Token。',
      en: 'Who the pages speak for, and the X-CSRF-Token their state-changing requests must carry.',
    },
    callers: ANY_ROLE,
    responses: { 200: { description: { zh: '会话', en: 'The session' }, schema: sessionAnswerSchema } },
    problems: signedIn,
  },
  {
    method: 'post',
    path: '/api/session/logout',
    operationId: 'logout',
    tag: 'sign-in',
    summary: { zh: '退出登录', en: 'Sign out' },
    callers: ANY_ROLE,
    responses: { 204: { description: { zh: '会话已结束', en: 'The session has ended' } } },
    problems: signedIn,
  },
];
