// The session's cookie (docs/contracts.md §4): HttpOnly so no script reads it, SameSite=Lax so another site's form
// cannot send it, Secure everywhere but loopback (where development runs on plain HTTP).
import type { Request, Response } from 'express';
import { isLoopbackHost } from '../platform/config.ts';
import { bearerToken } from '../platform/http/identity.ts';

export const SESSION_COOKIE = 'dpf_session';

/** The options every cookie of ours is set with: HttpOnly, SameSite=Lax, Secure unless served to loopback. */
export function cookieOptions(req: Request, path = '/') {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure || !isLoopbackHost(req.hostname), path };
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), expires: expiresAt });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

/** A cookie's value, if the request carries it (the Cookie header read by hand: our cookies are one name, an opaque value). */
export function cookieOf(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The session cookie's value, if the request carries one. */
export function sessionCookieOf(req: Request): string | undefined {
  return cookieOf(req, SESSION_COOKIE);
}

/** How the request presents its session: a bearer token (scripts, other programs) or the cookie (the pages). */
export function presentedSession(req: Request): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const bearer = bearerToken(req.get('authorization'));
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = sessionCookieOf(req);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}
