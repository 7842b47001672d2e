// Signing in (docs/sign-in.md): through the OpenID Connect provider (sign-in/oidc-routes.ts: /auth/login, /auth/callback,
// /auth/logout, each answering with a redirect), the signed-in person's own session (sign-in/session-routes.ts) and,
// never in production, development sign-in (sign-in/dev-login-routes.ts).
import type { FromSchema } from 'json-schema-to-ts';
import { ROLES } from '../platform/http/identity.ts';
import { ANY_ROLE, invalidRequest, jsonBodyProblems, signedIn } from './common-problems.ts';
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
