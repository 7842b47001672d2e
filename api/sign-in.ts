// Signing in (docs/sign-in.md): through the OpenID Connect provider (sign-in/oidc-routes.ts: /auth/login, /auth/callback,
// /auth/logout, each answering with a redirect) and, never in production, development sign-in
// (sign-in/dev-login-routes.ts).
import type { FromSchema } from 'json-schema-to-ts';
import { ROLES } from '../platform/http/identity.ts';
import { invalidRequest, jsonBodyProblems } from './common-problems.ts';
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

/** `next`: where to go after signing in — a path on this site only, never another site (`//host`, `/\host`). */
export const loginQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    next: {
      type: 'string',
      maxLength: 512,
      pattern: '^/(?![/\\\\])[^\\\\\\s]*$',
      description: '登录后前往的本站路径，如 /workbench/tasks / a path on this site to go to after signing in',
    },
  },
} as const;
export type LoginQuery = FromSchema<typeof loginQuerySchema>;

// The provider's answer (OIDC Core §3.1.2.5–6); providers add parameters of their own (Keycloak's session_state), kept.
const callbackText = { type: 'string', maxLength: 4096 } as const;
export const callbackQuerySchema = {
  type: 'object',
  properties: { code: callbackText, state: callbackText, iss: callbackText, error: callbackText, error_description: callbackText, error_uri: callbackText },
} as const;
export type CallbackQuery = FromSchema<typeof callbackQuerySchema>;

export const signInOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['development', 'provider'],
  properties: {
    development: { type: 'boolean', description: '是否提供开发环境登录（POST /api/dev/login） / whether development sign-in is offered' },
    provider: {
      enum: ['configured', 'embedded'],
      description: 'configured：OIDC_ISSUER 所配置的身份认证平台；embedded：内置的开发用身份认证服务 / the provider at OIDC_ISSUER, or the embedded development provider',
    },
  },
} as const;
export type SignInOptions = FromSchema<typeof signInOptionsSchema>;

const redirects = (zh: string, en: string) => ({ 302: { description: { zh, en } } });

export const signInContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/sign-in/options',
    operationId: 'signInOptions',
    tag: 'sign-in',
    summary: { zh: '本系统提供的登录方式', en: 'How one may sign in here' },
    callers: 'public',
    responses: { 200: { description: { zh: '登录方式', en: 'The ways to sign in' }, schema: signInOptionsSchema } },
    problems: [],
  },
  {
    method: 'get',
    path: '/auth/login',
    operationId: 'oidcLogin',
    tag: 'sign-in',
    summary: { zh: '统一身份认证登录：转到身份认证平台', en: 'Sign in: on to the OpenID Connect provider' },
    description: {
      zh: '授权码模式（PKCE S256），state 与 nonce 保存在仅本浏览器持有的短期 HttpOnly Cookie 中（10 分钟）。失败过多的地址转到 /login?error=TOO_MANY_FAILURES。',
      en: 'Authorization code flow with PKCE (S256); state and nonce kept in a short-lived HttpOnly cookie only this browser holds (10 minutes). An address with too many failures goes to /login?error=TOO_MANY_FAILURES.',
    },
    callers: 'public',
    request: { query: loginQuerySchema },
    responses: redirects('转到身份认证平台的授权地址（或 /login?error=…）', "To the provider's authorization endpoint (or /login?error=…)"),
    problems: [invalidRequest()],
  },
  {
    method: 'get',
    path: '/auth/callback',
    operationId: 'oidcCallback',
    tag: 'sign-in',
    summary: { zh: '身份认证平台登录后的回调', en: "The provider's answer after signing in" },
    description: {
      zh: '核对 state、nonce、签名与有效期，以授权码换取令牌，按人员名册或单位代码确定身份，建立会话（HttpOnly Cookie），转到本人首页或 next。被拒绝时转到 /login?error=代码，并记入审计。',
      en: 'Checks state, nonce, signature and lifetime, exchanges the code, finds the person in the staff register or by the unit code, starts a session (HttpOnly cookie) and goes to their home or next. A refusal goes to /login?error=<code> and is audited.',
    },
    callers: 'public',
    request: { query: callbackQuerySchema },
    responses: redirects('转到本人首页、next，或 /login?error=…', 'To the home page, next, or /login?error=…'),
    problems: [],
  },
  ...(['get', 'post'] as const).map(
    (method): RouteContract => ({
      method,
      path: '/auth/logout',
      operationId: method === 'get' ? 'oidcLogout' : 'oidcLogoutPost',
      tag: 'sign-in',
      summary: { zh: '退出登录（同时退出身份认证平台）', en: "Sign out, of the provider's session too" },
      description: {
        zh: '结束本系统的会话并清除 Cookie；通过身份认证平台登录的，转到其退出地址（id_token_hint、post_logout_redirect_uri），之后回到 /login?signedOut=1。',
        en: "Ends this system's session and clears the cookie; a session from the provider goes on to its end-session endpoint (id_token_hint, post_logout_redirect_uri) and comes back to /login?signedOut=1.",
      },
      callers: 'public',
      responses: redirects('转到身份认证平台的退出地址，或 /login?signedOut=1', "To the provider's end-session endpoint, or /login?signedOut=1"),
      problems: [],
    }),
  ),
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
