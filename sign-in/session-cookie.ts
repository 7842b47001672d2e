// The session's cookie (docs/contracts.md §4): HttpOnly so no script reads it, SameSite=Lax so another site's form
// cannot send it, Secure everywhere but loopback (where development runs on plain HTTP).
import type { Request, Response } from 'express';
import { bearerToken } from '../platform/http/identity.ts';

export const SESSION_COOKIE = 'dpf_session';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure || !isLoopback(req.hostname), path: '/' };
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), expires: expiresAt });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

/** The session cookie's value, if the request carries one (the Cookie header read by hand: one name, opaque value). */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** How the request presents its session: a bearer token (scripts, other programs) or the cookie (the pages). */
export function presentedSession(req: Request): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const bearer = bearerToken(req.get('authorization'));
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = sessionCookieOf(req);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}
