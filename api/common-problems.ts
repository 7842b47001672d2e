// The problems many routes share, worded once: sign-in and role refusals, unreadable bodies, an engine away, and the
// field codes any schema check gives (platform/schema.ts). Pure: the pages import contract files that import this.
import type { Role } from '../platform/http/identity.ts';
import { ROLE_NAMES } from '../platform/http/role-names.ts';
import { STANDING_CODES } from '../staff/staff-standing.ts';
import type { ProblemResponse, Text } from './route-contract.ts';

/** Every role: the callers of a route any signed-in person may call (`authenticate(signer)` without roles). */
export const ANY_ROLE = Object.keys(ROLE_NAMES) as Role[];

/** The codes a schema check alone gives: a missing field, a malformed one, an unknown one, too many or too few items. */
export const SCHEMA_CODES = ['REQUIRED', 'FORMAT', 'UNKNOWN_FIELD', 'ITEM_COUNT'] as const;

export const unauthenticated: ProblemResponse = {
  status: 401,
  description: { zh: '未登录，或会话已结束（超时、退出或被撤销）', en: 'No session, or one that has ended (idle, expired, signed out or revoked)' },
};

export const forbidden: ProblemResponse = {
  status: 403,
  description: { zh: '该角色或所辖范围无权访问', en: "The caller's role or region may not do this" },
};

/** A route for signed-in people: 401 without a token, 403 for a role it does not serve. */
export const signedIn: readonly ProblemResponse[] = [unauthenticated, forbidden];

/**
 * 403 of a route that needs the caller in good standing: besides a role or region refused, `code` says why the
 * register refuses (not registered, inactive, no certificate, certificate expired, no agreement), `title` in Chinese.
 */
export const goodStandingRequired: ProblemResponse = {
  status: 403,
  description: {
    zh: '该角色或所辖范围无权访问；或工作人员不在名册中、已停用、上岗证缺失或过期、未签订保密协议（code 说明原因，title 为中文说明）',
    en: "The caller's role or region may not do this; or the staff member is not registered, inactive, has no valid post certificate or no confidentiality agreement (code says which)",
  },
  codes: STANDING_CODES,
};

/** A route that works on personal data: 401 without a token, 403 for a role, region or register standing refused. */
export const signedInGoodStanding: readonly ProblemResponse[] = [unauthenticated, goodStandingRequired];

/** 400 with every field problem: `codes` are the route's own besides the schema check's (SCHEMA_CODES). */
export function invalidRequest(
  codes: readonly string[] = [],
  description: Text = { zh: '提交的内容有误，errors 逐条列出每个字段的问题', en: 'Invalid request: errors lists every field problem' },
): ProblemResponse {
  return { status: 400, description, codes: [...new Set([...SCHEMA_CODES, ...codes])] };
}

/** What the request guard and the body reader refuse before a route reads a JSON body (platform/http/request-guard.ts). */
export const bodyLimits: readonly ProblemResponse[] = [
  { status: 413, description: { zh: '提交的内容过大（BODY_LIMIT_BYTES）', en: 'The request body is larger than BODY_LIMIT_BYTES' } },
  { status: 415, description: { zh: '请以 UTF-8 编码的 application/json 提交（或内容编码不受支持）', en: 'The body must be application/json in UTF-8 (or its Content-Encoding is not supported)' } },
];

/**
 * A route that reads a JSON body: 400 with every field problem (FORMAT also for a body that is not JSON or not
 * UTF-8), 413 too large, 415 not JSON in UTF-8.
 */
export function jsonBodyProblems(codes: readonly string[] = []): ProblemResponse[] {
  return [invalidRequest(codes), ...bodyLimits];
}

export const engineUnavailable: ProblemResponse = {
  status: 503,
  description: { zh: '流程引擎暂时不可用', en: 'The process engine is unavailable' },
};

/** The codes of a 503 any route may answer: the database away for a moment, or the service stopping. */
export const UNAVAILABLE_CODES = ['DATABASE_UNAVAILABLE', 'SHUTTING_DOWN'] as const;

/** What every route may answer while the database restarts or the service stops (platform/http/http.ts), with Retry-After. */
export const serviceUnavailable: ProblemResponse = {
  status: 503,
  description: {
    zh: '服务暂时不可用（数据库重启或故障中 DATABASE_UNAVAILABLE，或服务正在停止 SHUTTING_DOWN），请按 Retry-After 稍后再试',
    en: 'Unavailable for a moment (the database restarting or failing over: DATABASE_UNAVAILABLE; the service stopping: SHUTTING_DOWN); try again after Retry-After',
  },
  codes: UNAVAILABLE_CODES,
};
