import { describe, expect, it } from 'vitest';
import { PendingLogins, PENDING_LOGIN_SECONDS } from '../../sign-in/oidc-pending-login.ts';
import type { PendingLogin } from '../../sign-in/oidc-relying-party.ts';

const KEY = 'a session key for the tests, 32 bytes or more';
const NOW = Date.UTC(2026, 11, 7, 2, 0, 0);
const pending: PendingLogin = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:3000/auth/callback', next: '/workbench', startedAt: NOW };

describe('the pending sign-in cookie', () => {
  const logins = new PendingLogins(KEY);
  const sealed = logins.seal(pending);

  it('gives back what was sealed, and shows none of it', () => {
    expect(logins.open(sealed, NOW + 1000)).toEqual(pending);
    for (const secret of [pending.state, pending.nonce, pending.codeVerifier, 'workbench']) expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(secret);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('opens nothing changed, sealed under another key, or older than ten minutes', () => {
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(logins.open(bytes.toString('base64url'), NOW)).toBeUndefined();
    expect(new PendingLogins(`${KEY}!`).open(sealed, NOW)).toBeUndefined();
    expect(logins.open(sealed, NOW + PENDING_LOGIN_SECONDS * 1000 + 1)).toBeUndefined();
    expect(logins.open('', NOW)).toBeUndefined();
    expect(logins.open('not base64 at all!', NOW)).toBeUndefined();
  });

  it('keeps sign-ins under way across processes sharing SESSION_SECRET, and within one process without it', () => {
    expect(new PendingLogins(KEY).open(sealed, NOW)).toEqual(pending);
    const ephemeral = new PendingLogins('');
    expect(ephemeral.open(ephemeral.seal(pending), NOW)).toEqual(pending);
    expect(new PendingLogins('').open(ephemeral.seal(pending), NOW)).toBeUndefined();
  });
});
