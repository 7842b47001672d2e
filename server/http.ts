// Express plumbing shared by every route: the caller's identity, locale, body checks and error responses.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { filingMessages } from '../domain/filing/messages.ts';
import { localeFrom, type FieldMessages, type Locale } from '../platform/field-messages.ts';
import { Problem, type FieldError } from '../platform/problem.ts';
import type { Checked, FieldIssue } from '../platform/schema.ts';
import type { Identity, Role, TokenSigner } from './identity.ts';

declare module 'express-serve-static-core' {
  interface Request {
    identity?: Identity;
  }
}

export function localeOf(req: Request): Locale {
  return localeFrom(req.get('accept-language'));
}

export function fieldErrors(issues: FieldIssue[], locale: Locale, messages: FieldMessages): FieldError[] {
  return issues.map((issue) => ({ path: issue.path, code: issue.code, message: messages.messageFor(issue, locale) }));
}

/** 400 with every field problem, in the caller's language, worded from the API's message catalogue. */
export function invalid(req: Request, issues: FieldIssue[], messages: FieldMessages = filingMessages): Problem {
  const zh = localeOf(req) === 'zh';
  return new Problem(400, zh ? '提交的内容有误' : 'Invalid request', undefined, fieldErrors(issues, localeOf(req), messages));
}

/** Checks a body (or query) with a compiled schema; throws the 400 on failure. */
export function checked<T>(
  req: Request,
  check: (data: unknown) => Checked<T>,
  data: unknown,
  messages: FieldMessages = filingMessages,
): T {
  const result = check(data);
  if (!result.ok) throw invalid(req, result.issues, messages);
  return result.value;
}

/** Requires a valid bearer token, optionally of certain roles. */
export function authenticate(signer: TokenSigner, roles?: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const identity = token ? signer.verify(token) : undefined;
    if (!identity) {
      next(new Problem(401, '请先登录', 'missing, invalid or expired bearer token'));
      return;
    }
    if (roles && !roles.includes(identity.role)) {
      next(new Problem(403, '无权访问', `role ${identity.role} may not do this`));
      return;
    }
    req.identity = identity;
    next();
  };
}

export function identityOf(req: Request): Identity {
  if (!req.identity) throw new Problem(401, '请先登录');
  return req.identity;
}

/** Turns thrown Problems (and body-parser errors) into problem+json; anything else is a logged 500. */
export function errorHandler(log: (message: string) => void) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    let problem: Problem;
    if (error instanceof Problem) problem = error;
    else if (isBodyParserError(error) && error.type === 'entity.too.large') {
      problem = new Problem(413, '提交的内容过大', `request body over ${error.limit} bytes`);
    } else if (isBodyParserError(error) && error.type === 'entity.parse.failed') {
      problem = new Problem(400, '提交的内容不是有效的 JSON', undefined, [
        { path: '/', code: 'FORMAT', message: '请求体不是有效的 JSON' },
      ]);
    } else {
      log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      problem = new Problem(500, '系统繁忙，请稍后再试');
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}

function isBodyParserError(error: unknown): error is { type: string; limit?: number } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string';
}
