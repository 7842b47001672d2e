// Where a sign-in waits while the browser is at the provider (docs/sign-in.md §2): state, nonce, PKCE verifier and
// `next` sealed (AES-256-GCM, keyed from SESSION_SECRET) into a short-lived cookie only this browser holds — HttpOnly,
// SameSite=Lax (the provider's redirect back is a top-level GET, which Lax lets through), Secure off loopback, sent
// to /auth/callback alone, gone after 10 minutes or at the callback. A cookie rather than a table: nothing to clean up,
// any API node can finish what another began, and the state it carries is bound to the browser that started — a
// callback arriving in another browser, or with another state, finds nothing to match.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { PendingLogin } from './oidc-relying-party.ts';
import { cookieOf, cookieOptions } from './session-cookie.ts';

export const PENDING_LOGIN_COOKIE = 'dpf_oidc_pending';
export const CALLBACK_PATH = '/auth/callback';
/** How long the person may take at the provider's page. */
export const PENDING_LOGIN_SECONDS = 600;

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PendingLogins {
  private readonly key: Buffer;

  /** `secret`: SESSION_SECRET; empty means a key for this process only (a restart loses sign-ins under way). */
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret ? Buffer.from(secret, 'utf8') : randomBytes(32), Buffer.alloc(0), 'dpf oidc pending login', 32));
  }

  seal(pending: PendingLogin): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The pending sign-in a cookie value holds; undefined if it was not sealed here, was changed, or is too old. */
  open(sealed: string, now = Date.now()): PendingLogin | undefined {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const text = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      const pending = JSON.parse(text) as PendingLogin;
      if (typeof pending.startedAt !== 'number' || now - pending.startedAt > PENDING_LOGIN_SECONDS * 1000 || now < pending.startedAt - 60_000) return undefined;
      return pending;
    } catch {
      return undefined;
    }
  }
}

export function setPendingLoginCookie(req: Request, res: Response, sealed: string): void {
  res.cookie(PENDING_LOGIN_COOKIE, sealed, { ...cookieOptions(req, CALLBACK_PATH), maxAge: PENDING_LOGIN_SECONDS * 1000 });
}

export function clearPendingLoginCookie(req: Request, res: Response): void {
  res.clearCookie(PENDING_LOGIN_COOKIE, cookieOptions(req, CALLBACK_PATH));
}

export function pendingLoginCookieOf(req: Request): string | undefined {
  return cookieOf(req, PENDING_LOGIN_COOKIE);
}
