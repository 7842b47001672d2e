// The problem responses many routes share, worded once: sign-in, role, request bodies, the engine, and the field
// codes any schema check gives (platform/schema.ts). Pure: the pages import contract files that import this.
import type { Role } from '../platform/http/identity.ts';
import { ROLE_NAMES } from '../platform/http/role-names.ts';
import type { ProblemResponse, Text } from './route-contract.ts';

/** Every role: the callers of a route any signed-in person may call (`authenticate(signer)` without roles). */
export const ANY_ROLE = Object.keys(ROLE_NAMES) as Role[];

/** The codes a schema check alone gives: a missing field, a malformed one, an unknown one, too many or too few items. */
export const SCHEMA_CODES = ['REQUIRED', 'FORMAT', 'UNKNOWN_FIELD', 'ITEM_COUNT'] as const;

/** 400 with every field problem in `errors`, each with one of these codes. */
export function invalidRequest(codes: readonly string[], description: Text = { zh: '提交的内容有误：errors 列出每个字段的问题', en: 'invalid request: errors lists every field problem' }): ProblemResponse {
  return { status: 400, description, codes };
}

export const NOT_SIGNED_IN: ProblemResponse = {
  status: 401,
  description: { zh: '未登录，或令牌无效、已过期', en: 'missing, invalid or expired bearer token' },
};

export const ROLE_REFUSED: ProblemResponse = {
  status: 403,
  description: { zh: '该角色无权调用', en: 'the caller’s role may not call this route' },
};

/** What the request guard and the body reader refuse before a route reads a JSON body (platform/http/request-guard.ts). */
export const JSON_BODY_PROBLEMS: readonly ProblemResponse[] = [
  { status: 413, description: { zh: '提交的内容过大（BODY_LIMIT_BYTES）', en: 'body over BODY_LIMIT_BYTES' } },
  {
    status: 415,
    description: { zh: '请求体不是 UTF-8 的 application/json，或内容编码不受支持', en: 'body not application/json in UTF-8, or an unsupported Content-Encoding' },
  },
];

export const ENGINE_UNAVAILABLE: ProblemResponse = {
  status: 503,
  description: { zh: '流程引擎不可用，请稍后再试', en: 'the engine is not configured or does not answer; retry later' },
};
