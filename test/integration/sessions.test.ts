// Server-side sessions (docs/contracts.md §4): the cookie the pages hold, the bearer scripts send, CSRF on
// state-changing cookie requests, idle and absolute expiry, sign-out, revocation, and the security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { ELEMENT_TEMPLATES, WORKER_TOPICS } from '../../workers/registry.ts';
import type { Role } from '../../platform/http/identity.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';

const IDLE_SECONDS = 600;
const ABSOLUTE_SECONDS = 3600;
let api: TestApi;
let clock = new Date('2026-12-07T02:00:00Z');

beforeAll(async () => {
  api = await startTestApi({ SESSION_IDLE_SECONDS: String(IDLE_SECONDS), SESSION_ABSOLUTE_SECONDS: String(ABSOLUTE_SECONDS) }, { now: () => clock });
});
afterAll(() => api?.close());

const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

async function devLogin(body: Record<string, unknown>) {
  const res = await fetch(`${api.url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { token: string; csrfToken: string };
  return { ...answer, setCookie: res.headers.get('set-cookie') ?? '' };
}

const withCookie = (token: string, headers: Record<string, string> = {}) => ({ cookie: `other=1; dpf_session=${token}`, ...headers });

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, not Secure on loopback, and lasts no longer than the session', async () => {
    const { token, setCookie } = await devLogin({ role: 'clerk', regionCode: '330106' });
    expect(setCookie).toContain(`dpf_session=${token}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const expires = new Date(/Expires=([^;]+)/i.exec(setCookie)![1]!);
    expect(Math.abs(expires.getTime() - (clock.getTime() + ABSOLUTE_SECONDS * 1000))).toBeLessThan(2000);
  });

  it('tells the pages who is signed in and the CSRF token, never the secret itself', async () => {
    const { token, csrfToken } = await devLogin({ role: 'reviewer', regionCode: '330106' });
    const res = await fetch(`${api.url}/api/session`, { headers: withCookie(token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ identity: { role: 'reviewer', regionCode: '330106' }, kind: 'development', csrfToken, idleSeconds: IDLE_SECONDS });
    expect(JSON.stringify(body)).not.toContain(token);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps only a keyed hash of the secret in PostgreSQL', async () => {
    const { token } = await devLogin({ role: 'city', regionCode: '330100' });
    const { rows } = await api.db.query<{ hit: number }>(`select count(*)::int as hit from sessions where secret_hash = $1 or identity::text like $2`, [token, `%${token}%`]);
    expect(rows[0]!.hit).toBe(0);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request made with the cookie alone, and takes it with the X-CSRF-Token', async () => {
    const { token, csrfToken } = await devLogin({ role: 'employer', uscc: syntheticFiling(7_100_001).employer.uscc });
    // A cross-site form would carry the cookie but not the header: refused before anything happens.
    const forged = await fetch(`${api.url}/api/session/logout`, { method: 'POST', headers: withCookie(token) });
    expect(forged.status).toBe(403);
    const wrong = await fetch(`${api.url}/api/session/logout`, { method: 'POST', headers: withCookie(token, { 'x-csrf-token': `${csrfToken}x` }) });
    expect(wrong.status).toBe(403);
    expect((await fetch(`${api.url}/api/session`, { headers: withCookie(token) })).status).toBe(200);
    const genuine = await fetch(`${api.url}/api/session/logout`, { method: 'POST', headers: withCookie(token, { 'x-csrf-token': csrfToken }) });
    expect(genuine.status).toBe(204);
    expect(genuine.headers.get('set-cookie')).toMatch(/dpf_session=;/);
    expect((await fetch(`${api.url}/api/session`, { headers: withCookie(token) })).status).toBe(401);
  });

  it('needs no CSRF token with a bearer header, which no other site can make a browser send', async () => {
    const { token } = await devLogin({ role: 'policy' });
    expect((await api.request('POST', '/api/session/logout', { token })).status).toBe(204);
    expect((await api.request('GET', '/api/session', { token })).status).toBe(401);
  });
});

describe('expiry and revocation', () => {
  it('ends a session after the idle timeout, and keeps a busy one alive', async () => {
    const busy = await devLogin({ role: 'clerk', regionCode: '330102' });
    const idle = await devLogin({ role: 'clerk', regionCode: '330102' });
    for (let i = 0; i < 3; i++) {
      later(IDLE_SECONDS - 60);
      expect((await api.request('GET', '/api/session', { token: busy.token })).status).toBe(200);
    }
    expect((await api.request('GET', '/api/session', { token: idle.token })).status).toBe(401);
    const { rows } = await api.db.query(`select end_reason from sessions where ended_at is not null and end_reason = 'expired'`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('ends even a busy session at the absolute limit', async () => {
    const { token } = await devLogin({ role: 'province' });
    let answered = 200;
    let elapsed = 0;
    while (answered === 200 && elapsed <= ABSOLUTE_SECONDS + 60) {
      later(300);
      elapsed += 300;
      answered = (await api.request('GET', '/api/session', { token })).status;
    }
    expect(answered).toBe(401);
    expect(elapsed).toBeGreaterThanOrEqual(ABSOLUTE_SECONDS);
    expect(elapsed).toBeLessThanOrEqual(ABSOLUTE_SECONDS + 300);
  });
});

describe('security headers', () => {
  it('are on every page and API answer, refusals included', async () => {
    for (const path of ['/api/session', '/api/calendar/years', '/login', '/api/nothing-here']) {
      const res = await fetch(`${api.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain("'unsafe-eval'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('GET /api/element-templates', () => {
  const get = async (role?: Role) => {
    const token = role ? await api.login({ role, ...(role === 'employer' ? { uscc: syntheticFiling(7_100_002).employer.uscc } : role === 'reviewer' ? { regionCode: '330106' } : {}) }) : undefined;
    return api.request('GET', '/api/element-templates', token ? { token } : {});
  };

  it.each(['policy', 'province', 'operator'] as const)('serves %s every topic’s template, in the chooser’s order', async (role) => {
    const res = await get(role);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ELEMENT_TEMPLATES);
    expect(ELEMENT_TEMPLATES.map((t) => t.id)).toEqual(WORKER_TOPICS.map((topic) => `dpf.${topic}`));
  });

  it('refuses anyone else, and anyone not signed in', async () => {
    expect((await get('reviewer')).status).toBe(403);
    expect((await get()).status).toBe(401);
  });
});
