// Express plumbing shared by every route: the caller's identity, locale, body checks and error responses.
import type { NextFunction, Request, Response } from 'express';
import { filingMessages } from '../../filings/declaration/messages.ts';
import { localeFrom, type FieldMessages, type Locale } from '../field-messages.ts';
import { isDatabaseUnavailable } from '../db.ts';
import { Problem, type FieldError } from '../problem.ts';
import type { Checked, FieldIssue } from '../schema.ts';
import { normalizeText } from '../text.ts';
import type { Identity } from './identity.ts';
import type { Log } from '../log.ts';

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

/**
 * Checks a body (or query) with a compiled schema, its text normalised first (platform/text.ts); throws the 400
 * with every problem — refused characters and the schema's — on failure.
 */
export function checked<T>(
  req: Request,
  check: (data: unknown) => Checked<T>,
  data: unknown,
  messages: FieldMessages = filingMessages,
): T {
  const text = normalizeText(data);
  const badText = new Set(text.issues.map((i) => i.path));
  const result = check(text.value);
  const issues = [...text.issues, ...(result.ok ? [] : result.issues.filter((i) => !badText.has(i.path)))];
  if (issues.length > 0 || !result.ok) throw invalid(req, issues, messages);
  return result.value;
}

export function identityOf(req: Request): Identity {
  if (!req.identity) throw new Problem(401, '请先登录');
  return req.identity;
}

// Why a request body could not be read, by body-parser's error type: status and the sentence a person reads.
const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, '提交的内容过大'],
  'parameters.too.many': [413, '提交的参数过多'],
  'entity.parse.failed': [400, '提交的内容不是有效的 JSON'],
  'charset.unsupported': [415, '不支持该字符集，请以 UTF-8 提交'],
  'encoding.unsupported': [415, '不支持该内容编码（Content-Encoding），请使用 gzip、deflate 或不压缩'],
  'request.aborted': [400, '请求在传输中断开'],
  'request.size.invalid': [400, '请求体的长度与声明的 Content-Length 不符'],
  'entity.verify.failed': [400, '请求体不是有效的 UTF-8 文本'],
};

/** A client error the HTTP layer raised (body-parser and friends carry `status` and `expose`). */
function clientError(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; limit?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const known = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined;
  if (known) {
    const [code, title] = known;
    if (e.type === 'entity.parse.failed' || e.type === 'entity.verify.failed') {
      return new Problem(400, title, undefined, [{ path: '/', code: 'FORMAT', message: title }]);
    }
    return new Problem(code, title, e.type === 'entity.too.large' ? `request body over ${String(e.limit)} bytes` : String(e.type));
  }
  // Anything else the body reader refused (a broken gzip stream, say): the client's bytes, not our fault.
  if (status !== undefined && status >= 400 && status < 500 && e.expose !== false) {
    return new Problem(status, '请求体无法读取', 'the request body could not be read');
  }
  return undefined;
}

/** How long a client is asked to wait (Retry-After, seconds) when the database or the engine is away for a moment. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** The database lost or refusing connections (a restart, a fail-over, an outage): 503, try again shortly. */
function databaseUnavailable(error: unknown): Problem | undefined {
  return isDatabaseUnavailable(error) ? new Problem(503, '数据库暂时不可用，请稍后再试', undefined, undefined, undefined, { code: 'DATABASE_UNAVAILABLE' }) : undefined;
}

/**
 * The problem an error is answered with: a thrown Problem, the HTTP layer's client error, or the database away;
 * undefined for a 500.
 */
export function problemOf(error: unknown): Problem | undefined {
  return error instanceof Problem ? error : (clientError(error) ?? databaseUnavailable(error));
}

/** The status an error is answered with. */
export function statusOf(error: unknown): number {
  return problemOf(error)?.status ?? 500;
}

/** A request answered 401 or 403: who asked (when known), for what. */
export interface RefusedRequest {
  identity: Identity | undefined;
  method: string;
  /** Without the query, which may carry anything. */
  path: string;
  address: string | undefined;
  status: 401 | 403;
}

export interface ErrorHandlerOptions {
  /** Told of every 401 and 403 before it is answered (the audit); its failure is logged, never answered. */
  onRefused?: (refused: RefusedRequest) => Promise<void>;
}

/** Turns thrown Problems (and the HTTP layer's client errors) into problem+json; anything else is a logged 500. */
export function errorHandler(log: Log, options: ErrorHandlerOptions = {}) {
  return async (error: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> => {
    let problem = problemOf(error);
    if (!problem) {
      log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { level: 'error' });
      problem = new Problem(500, '系统繁忙，请稍后再试');
    }
    if ((problem.status === 401 || problem.status === 403) && options.onRefused) {
      const refused: RefusedRequest = { identity: req.identity, method: req.method, path: req.originalUrl.split('?')[0]!, address: req.ip, status: problem.status };
      await options.onRefused(refused).catch((failure: unknown) => log(`refused request not audited: ${failure instanceof Error ? failure.message : String(failure)}`, { level: 'error' }));
    }
    // Every 503 is a moment's absence (the database, the engine, a stop under way): say when to ask again.
    if (problem.status === 503 && !res.get('Retry-After')) res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
