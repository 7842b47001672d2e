// Signing in through OpenID Connect over real HTTP (docs/sign-in.md): the system against the embedded development
// provider, and a production system against a provider of its own; a small browser with a cookie jar follows every
// redirect and posts the provider's forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenDevelopmentIdentityProvider, type DevelopmentIdentityProvider } from '../../dev-identity-provider/development-identity-provider.ts';
import { DEVELOPMENT_PASSWORD } from '../../dev-identity-provider/development-accounts.ts';
import { freePort } from '../../platform/free-port.ts';
import { relyingPartyAddresses } from '../../sign-in/oidc-routes.ts';
import { findStaff, updateStaff } from '../../staff/staff-store.ts';
import { assertKeepsContract } from '../support/contract-check.ts';
import { OidcBrowser, type Visit } from '../support/oidc-browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const UNIT = '91330106YAGT8BLG8P';
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

/** The provider's sign-in page the system's /auth/login leads to. */
async function providerPage(browser: OidcBrowser, apiUrl: string, next?: string): Promise<Visit> {
  const page = await browser.go('GET', `${apiUrl}/auth/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  expect(page.status, page.body.slice(0, 300)).toBe(200);
  expect(page.body).toContain('统一身份认证平台（开发环境）');
  return page;
}

async function signIn(login: string, options: { apiUrl?: string; next?: string; browser?: OidcBrowser } = {}) {
  const browser = options.browser ?? new OidcBrowser();
  const page = await providerPage(browser, options.apiUrl ?? system.apiUrl, options.next);
  const landed = await browser.submit(page, { login, password: DEVELOPMENT_PASSWORD });
  return { browser, landed };
}

async function sessionOf(browser: OidcBrowser, apiUrl = system.apiUrl) {
  const res = await browser.json(`${apiUrl}/api/session`);
  assertKeepsContract('GET', '/api/session', res.status, 'application/json', res.body);
  return res;
}

async function auditRows(action: string, since: Date) {
  const { rows } = await system.db.query<{ actor: string; actor_role: string; subject_id: string; detail: Record<string, unknown> }>(
    'select actor, actor_role, subject_id, detail from audit_log where action = $1 and at >= $2 order by id',
    [action, since],
  );
  return rows;
}

describe('signing in through the embedded development provider', { timeout: 60_000 }, () => {
  it('sends the browser to the provider with PKCE, state and nonce, keeping them in a short-lived cookie for the callback alone', async () => {
    const browser = new OidcBrowser();
    const first = await browser.request('GET', `${system.apiUrl}/auth/login`);
    expect(first.status).toBe(302);
    const authorization = new URL(first.location!);
    expect(authorization.origin).toBe(new URL(system.signIn.issuer).origin);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'dpf-review',
      redirect_uri: `${system.apiUrl}/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorization.searchParams.get(p)).toMatch(/^[\w-]{22,}$/);
    const pending = browser.setCookies.find((c) => c.startsWith('dpf_oidc_pending='))!;
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/SameSite=Lax/i);
    expect(pending).toMatch(/Path=\/auth\/callback/i);
    expect(pending).toMatch(/Max-Age=600/i);
    // Sealed: neither the state nor the verifier can be read off it.
    expect(pending).not.toContain(authorization.searchParams.get('state'));
  });

  it('signs an employer in with the unit the token names, to the portal, and audits it', async () => {
    const since = new Date();
    const { browser, landed } = await signIn(UNIT);
    expect(new URL(landed.url).pathname).toBe('/portal');
    expect(landed.status).toBe(200);
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ kind: 'oidc', identity: { sub: UNIT, role: 'employer', uscc: UNIT, name: '杭州宏湖汽车配件有限公司' } });
    expect(browser.cookie('dpf_oidc_pending')).toBeUndefined();
    const started = await auditRows('session.start', since);
    expect(started).toEqual([expect.objectContaining({ actor: UNIT, actor_role: 'employer', detail: expect.objectContaining({ kind: 'oidc', issuer: system.signIn.issuer }) })]);
  });

  it('gives staff the role and region of the register, each to their home', async () => {
    const cases = [
      ['clerk.xihu', '/workbench', { role: 'clerk', regionCode: '330106' }],
      ['reviewer.xihu', '/workbench', { role: 'reviewer', regionCode: '330106' }],
      ['city.hangzhou', '/workbench', { role: 'city', regionCode: '330100' }],
      ['province.zj', '/workbench', { role: 'province', regionCode: '330000' }],
      ['policy.zj', '/modeler', { role: 'policy' }],
      ['operator.zj', '/operations', { role: 'operator' }],
    ] as const;
    for (const [login, home, identity] of cases) {
      const { browser, landed } = await signIn(login);
      expect(new URL(landed.url).pathname, login).toBe(home);
      const session = await sessionOf(browser);
      expect(session.body.identity, login).toEqual({ sub: login, name: expect.any(String), ...identity });
    }
  });

  it('goes on to `next`, a path on this site only', async () => {
    const { landed } = await signIn('reviewer.xihu', { next: '/workbench/filings?q=1' });
    expect(new URL(landed.url).pathname + new URL(landed.url).search).toBe('/workbench/filings?q=1');
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'workbench']) {
      const res = await new OidcBrowser().request('GET', `${system.apiUrl}/auth/login?next=${encodeURIComponent(next)}`);
      expect(res.status, next).toBe(400);
      expect(JSON.parse(res.body).errors[0]).toMatchObject({ path: '/next', code: 'FORMAT' });
    }
  });

  it('refuses an answer whose state was changed, and the same answer twice', async () => {
    const since = new Date();
    const browser = new OidcBrowser();
    const page = await providerPage(browser, system.apiUrl);
    // Stop at the provider's redirect back to us, and change the state on the way.
    const visit = await browser.request('POST', new URL(/action="([^"]+)"/.exec(page.body)![1]!, page.url).href, { login: UNIT, password: DEVELOPMENT_PASSWORD });
    let toCallback = visit;
    while (toCallback.location && !toCallback.location.startsWith(`${system.apiUrl}/auth/callback`)) toCallback = await browser.request('GET', toCallback.location);
    const callback = new URL(toCallback.location!);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await browser.request('GET', tampered.href);
    expect(refused).toMatchObject({ status: 302, location: `${system.apiUrl}/login?error=LOGIN_EXPIRED` });
    expect((await sessionOf(browser)).status).toBe(401);
    // The pending sign-in was used up by the refused try: the genuine answer after it finds nothing either.
    const replay = await browser.request('GET', callback.href);
    expect(replay.location).toBe(`${system.apiUrl}/login?error=LOGIN_EXPIRED`);
    expect((await sessionOf(browser)).status).toBe(401);
    const refusals = await auditRows('session.refused', since);
    expect(refusals.map((r) => [r.actor, r.detail.refusal])).toEqual([
      ['anonymous', 'LOGIN_EXPIRED'],
      ['anonymous', 'LOGIN_EXPIRED'],
    ]);
  });

  it('refuses a person neither in the register nor carrying a unit code, in Chinese, audited with who it was', async () => {
    const since = new Date();
    const { browser, landed } = await signIn('visitor');
    expect(landed.url).toBe(`${system.apiUrl}/login?error=UNKNOWN_PERSON`);
    expect((await sessionOf(browser)).status).toBe(401);
    expect(await auditRows('session.refused', since)).toEqual([
      expect.objectContaining({ actor: 'anonymous', subject_id: 'visitor', detail: expect.objectContaining({ refusal: 'UNKNOWN_PERSON', sub: 'visitor' }) }),
    ]);
  });

  it('says so when the person cancels at the provider', async () => {
    const browser = new OidcBrowser();
    const page = await providerPage(browser, system.apiUrl);
    const abort = /href="([^"]+\/abort)"/.exec(page.body)![1]!;
    const landed = await browser.go('GET', new URL(abort, page.url).href);
    expect(landed.url).toBe(`${system.apiUrl}/login?error=ACCESS_DENIED`);
  });

  it('ends both sessions at sign-out: ours, and the provider’s, which asks for the password again', async () => {
    const since = new Date();
    const { browser } = await signIn('clerk.xihu');
    const out = await browser.request('GET', `${system.apiUrl}/auth/logout`);
    expect(out.status).toBe(302);
    const endSession = new URL(out.location!);
    expect(endSession.origin + endSession.pathname).toBe(`${system.signIn.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${system.apiUrl}/login?signedOut=1`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect((await sessionOf(browser)).status).toBe(401);
    // The provider's own page: it submits itself in a browser; here the form is posted as the button would.
    const confirm = await browser.go('GET', endSession.href);
    expect(confirm.body).toContain('正在退出统一身份认证');
    const back = await browser.submit(confirm, { logout: 'yes' });
    expect(back.url).toBe(`${system.apiUrl}/login?signedOut=1`);
    await providerPage(browser, system.apiUrl);
    expect((await auditRows('session.end', since)).map((r) => [r.actor, r.detail])).toEqual([['clerk.xihu', { reason: 'logout', kind: 'oidc' }]]);
  });

  it('keeps the provider’s session between two sign-ins in one browser, until sign-out', async () => {
    const { browser } = await signIn('lead.xihu');
    // Our session ended elsewhere (say, it expired): signing in again needs no password at the provider.
    const { csrfToken } = (await sessionOf(browser)).body;
    expect((await browser.request('POST', `${system.apiUrl}/api/session/logout`, undefined, { 'x-csrf-token': csrfToken })).status).toBe(204);
    expect((await sessionOf(browser)).status).toBe(401);
    const again = await browser.go('GET', `${system.apiUrl}/auth/login`);
    expect(new URL(again.url).pathname).toBe('/workbench');
    expect((await sessionOf(browser)).body.identity.sub).toBe('lead.xihu');
  });

  it('reads role and region from the register as it stands at each sign-in, and refuses an inactive entry', async () => {
    const province = { sub: 'test-province-admin', role: 'province', regionCode: '330000' } as const;
    const before = (await findStaff(system.db, 'lead.xihu'))!;
    expect(before).toMatchObject({ roles: ['lead'], regionCode: '330106', active: true });
    try {
      await updateStaff(system.db, province, 'lead.xihu', { roles: ['reviewer', 'lead'] }, () => undefined);
      const { browser } = await signIn('lead.xihu');
      expect((await sessionOf(browser)).body.identity).toEqual({ sub: 'lead.xihu', name: '张负责人', role: 'reviewer', regionCode: '330106' });
      await updateStaff(system.db, province, 'lead.xihu', { active: false }, () => undefined);
      const refused = await signIn('lead.xihu');
      expect(refused.landed.url).toBe(`${system.apiUrl}/login?error=STAFF_INACTIVE`);
    } finally {
      await updateStaff(system.db, province, 'lead.xihu', { roles: before.roles, active: true }, () => undefined);
    }
  });

  it('limits wrong passwords per account at the provider, in Chinese', async () => {
    const browser = new OidcBrowser();
    const page = await providerPage(browser, system.apiUrl);
    let answer = page;
    for (let i = 0; i < 5; i++) {
      answer = await browser.submit(page, { login: 'province.zj', password: 'wrong' });
      expect(answer.status).toBe(401);
      expect(answer.body).toContain('账号或密码不正确');
    }
    answer = await browser.submit(page, { login: 'province.zj', password: DEVELOPMENT_PASSWORD });
    expect(answer.status).toBe(429);
    expect(answer.body).toContain('登录失败次数过多');
  });

  // Last: it leaves this machine's address held for a quarter of an hour.
  it('holds an address after ten refused sign-ins', async () => {
    const since = new Date();
    let last: Visit | undefined;
    for (let i = 0; i < 12; i++) last = await new OidcBrowser().request('GET', `${system.apiUrl}/auth/callback?code=x&state=y`);
    expect(last?.location).toBe(`${system.apiUrl}/login?error=TOO_MANY_FAILURES`);
    const held = await new OidcBrowser().request('GET', `${system.apiUrl}/auth/login`);
    expect(held.location).toBe(`${system.apiUrl}/login?error=TOO_MANY_FAILURES`);
    expect((await auditRows('session.refused', since)).filter((r) => r.detail.refusal === 'TOO_MANY_FAILURES').length).toBeGreaterThanOrEqual(2);
  });
});

describe('production', { timeout: 120_000 }, () => {
  let provider: DevelopmentIdentityProvider;
  let production: TestSystem;

  beforeAll(async () => {
    // Another provider, standing for the province's: production is pointed at it and has no embedded one.
    provider = await listenDevelopmentIdentityProvider({ port: 0, nodeEnv: 'test' });
    const port = await freePort();
    const addresses = relyingPartyAddresses(`http://127.0.0.1:${port}`);
    provider.serve({ redirectUris: [addresses.redirectUri], postLogoutRedirectUris: [addresses.postLogoutRedirectUri] });
    production = await startTestSystem({
      NODE_ENV: 'production',
      PORT: String(port),
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      WORKERS: 'off',
    });
  }, 120_000);
  afterAll(async () => {
    await production?.stop();
    await provider?.close();
  });

  it('starts with OIDC_ISSUER set, signs people in through it, and has no development sign-in', async () => {
    expect(production.signIn).toMatchObject({ issuer: provider.issuer, embedded: false, development: false });
    const options = await new OidcBrowser().json(`${production.apiUrl}/api/sign-in/options`);
    expect(options.body).toEqual({ development: false, provider: 'configured' });
    const { browser, landed } = await signIn(UNIT, { apiUrl: production.apiUrl });
    expect(new URL(landed.url).pathname).toBe('/portal');
    expect((await sessionOf(browser, production.apiUrl)).body).toMatchObject({ kind: 'oidc', identity: { role: 'employer', uscc: UNIT } });
    // Staff by the register's entry (this test database's, made for the development accounts above).
    const staff = await signIn('reviewer.xihu', { apiUrl: production.apiUrl });
    expect(new URL(staff.landed.url).pathname).toBe('/workbench');
    expect((await sessionOf(staff.browser, production.apiUrl)).body.identity).toMatchObject({ role: 'reviewer', regionCode: '330106' });
    const unknown = await signIn('visitor', { apiUrl: production.apiUrl });
    expect(unknown.landed.url).toBe(`${production.apiUrl}/login?error=UNKNOWN_PERSON`);
    const dev = await fetch(`${production.apiUrl}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'province' }) });
    expect(dev.status).toBe(404);
  });
});
