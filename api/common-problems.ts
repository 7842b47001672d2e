// The problems many routes share, worded once: sign-in and role refusals, unreadable bodies, an engine away.
import type { ProblemResponse } from './route-contract.ts';

export const unauthenticated: ProblemResponse = {
  status: 401,
  description: { zh: '未登录，或令牌无效、已过期', en: 'No bearer token, or an invalid or expired one' },
};

export const forbidden: ProblemResponse = {
  status: 403,
  description: { zh: '该角色或所辖范围无权访问', en: "The caller's role or region may not do this" },
};

/** A route for signed-in people: 401 without a token, 403 for a role it does not serve. */
export const signedIn: readonly ProblemResponse[] = [unauthenticated, forbidden];

/** 400 with every field problem: `codes` are the route's own besides the schema's REQUIRED, FORMAT, UNKNOWN_FIELD. */
export function invalidRequest(codes: readonly string[] = []): ProblemResponse {
  return {
    status: 400,
    description: { zh: '提交的内容有误，errors 逐条列出每个字段的问题', en: 'Invalid request: errors lists every field problem' },
    codes: [...new Set(['REQUIRED', 'FORMAT', 'UNKNOWN_FIELD', ...codes])],
  };
}

/**
 * A route that reads a JSON body: 400 with every field problem (FORMAT also for a body that is not JSON or not
 * UTF-8), 413 too large, 415 not JSON in UTF-8.
 */
export function jsonBodyProblems(codes: readonly string[] = []): ProblemResponse[] {
  return [
    invalidRequest(codes),
    { status: 413, description: { zh: '提交的内容过大', en: 'The request body is too large' } },
    { status: 415, description: { zh: '请以 UTF-8 编码的 application/json 提交', en: 'The body must be application/json in UTF-8' } },
  ];
}

export const engineUnavailable: ProblemResponse = {
  status: 503,
  description: { zh: '流程引擎暂时不可用', en: 'The process engine is unavailable' },
};
