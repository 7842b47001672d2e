// Every signed-in route's gate: the session the request presents (bearer or cookie), its role, and — for the
// cookie the browser sends by itself — the CSRF token only our own pages know (docs/contracts.md §4).
import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '../platform/http/identity.ts';
import { Problem } from '../platform/problem.ts';
import { presentedSession } from './session-cookie.ts';
import type { ActiveSession, Sessions } from './sessions.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The live session behind the request, once authenticate() has let it through. */
    session?: ActiveSession;
  }
}

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Requires a live session, optionally of certain roles. */
export function authenticate(sessions: Sessions, roles?: readonly Role[]): RequestHandler {
  return async (req, _res, next) => {
    try {
      const presented = presentedSession(req);
      const session = presented ? await sessions.resolve(presented.token) : undefined;
      if (!presented || !session) {
        next(new Problem(401, '请先登录', 'missing, ended or expired session'));
        return;
      }
      req.identity = session.identity;
      req.session = session;
      if (presented.via === 'cookie' && !SAFE_METHODS.has(req.method) && !sameToken(req.get(CSRF_HEADER), session.csrfToken)) {
        next(new Problem(403, '页面已过期，请刷新后重试', 'a state-changing request with the session cookie needs the X-CSRF-Token header'));
        return;
      }
      if (roles && !roles.includes(session.identity.role)) {
        next(new Problem(403, '无权访问', `role ${session.identity.role} may not do this`));
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
