// 统一身份认证登录 in a real Chromium (issue 20, part 6): employer, clerk, reviewer, city, province, policy and operator
// each sign in through the embedded provider's own page, land on their home seeing only their own work, and sign out
// of both sessions; an employer on a phone; an idle session sends the person back to sign in. Screenshots:
// 70-oidc-sign-in, 71/71a-oidc-provider-sign-in(-phone), 72-oidc-clerk-home, 73-oidc-signed-out, 74-oidc-session-expired.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_PASSWORD } from '../../dev-identity-provider/development-accounts.ts';
import { BrowserSession, DESKTOP, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

// Two units the development provider has accounts for: one in 西湖区 (杭州), one in 岱山县 (舟山).
const XIHU = { uscc: '91330106YAGT8BLG8P', name: '杭州宏湖汽车配件有限公司', regionCode: '330106' };
const DAISHAN = { uscc: '91330921HAUCC5LT6U', name: '舟山鑫信电子有限公司', regionCode: '330921' };
// A year no other suite files for: these two filings are all there is of it.
const YEAR = 2016;

let system: TestSystem;
let browser: BrowserSession;
/** The two filings' ids, by unit. */
const filingOf = new Map<string, string>();

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  for (const [i, unit] of [XIHU, DAISHAN].entries()) {
    const filing = syntheticFiling(9100 + i, { regionCode: unit.regionCode, year: YEAR });
    filingOf.set(unit.uscc, await storeUnitFiling(system.db, { ...filing, employer: { ...filing.employer, uscc: unit.uscc, name: unit.name, dpfAuthority: unit.regionCode } }, YEAR));
  }
  // Work in the 西湖区 clerks' inbox: the 西湖 unit's window filing of the next year, waiting for its 受理.
  const clerk = await system.login({ role: 'clerk', regionCode: XIHU.regionCode });
  const window = syntheticFiling(9102, { regionCode: XIHU.regionCode, year: YEAR + 1 });
  const filed = await system.request('POST', '/api/filings', {
    token: clerk,
    body: {
      ...window,
      employer: { ...window.employer, uscc: XIHU.uscc, name: XIHU.name },
      channel: 'window',
      receivingRegionCode: XIHU.regionCode,
      windowIntake: { materialsComplete: false, missingMaterials: '缺少残疾职工劳动合同' },
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  await eventually('the 西湖区 clerks’ acceptance task', async () => {
    const tasks = await system.request('GET', '/api/tasks', { token: clerk });
    return (tasks.body.items as { taskDefinitionKey: string; filing: { id: string } | null }[]).find((t) => t.taskDefinitionKey === 'acceptance' && t.filing?.id === filed.body.id);
  }, 90_000);
}, 180_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

const url = (path: string, base = system.apiUrl) => `${base}${path}`;

/** From our sign-in page through the provider's own page, as a person does it; the page left at its home. */
async function signIn(page: Page, login: string, home: RegExp, base = system.apiUrl, shots?: { ours: string; provider: string }): Promise<void> {
  await page.goto(url('/login', base));
  await page.getByTestId('oidc-sign-in').waitFor();
  if (shots) await screenshot(page, shots.ours);
  await page.getByTestId('oidc-sign-in').click();
  await page.waitForURL((u) => u.pathname.startsWith('/interaction/'));
  expect(await page.title()).toBe('统一身份认证登录');
  if (shots) await screenshot(page, shots.provider);
  await page.fill('#login', login);
  await page.fill('#password', DEVELOPMENT_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => u.origin === new URL(base).origin && home.test(u.pathname), { timeout: 30_000 });
}

/** 退出 in the page header: our session and the provider's end, and the sign-in page says so. */
async function signOut(page: Page, base = system.apiUrl): Promise<void> {
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await page.waitForURL((u) => u.origin === new URL(base).origin && u.pathname === '/login' && u.searchParams.get('signedOut') === '1', { timeout: 30_000 });
  await expect(page.getByTestId('sign-in-notice').innerText()).resolves.toContain('您已安全退出');
  const session = await page.evaluate(async () => (await fetch('/api/session')).status);
  expect(session).toBe(401);
}

/** The year's filings the workbench's 申报查询 lists for this person, once those expected have come. */
async function listedUnits(page: Page, expected: readonly string[]): Promise<string[]> {
  await page.goto(url(`/workbench/filings?year=${YEAR}`));
  const table = page.getByTestId('filing-table');
  await table.waitFor();
  for (const uscc of expected) await table.getByText([XIHU, DAISHAN].find((u) => u.uscc === uscc)!.name).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=filing-table] .ant-spin-spinning'));
  const text = await table.innerText();
  return [XIHU, DAISHAN].filter((u) => text.includes(u.name)).map((u) => u.uscc);
}

describe('统一身份认证登录 in Chromium', { timeout: 120_000 }, () => {
  it('signs an employer in through the provider’s page to its own filings only, and out of both sessions', async () => {
    const page = await browser.page(undefined, DESKTOP);
    await signIn(page, XIHU.uscc, /^\/portal/, system.apiUrl, { ours: '80-oidc-sign-in', provider: '81-oidc-provider-sign-in' });
    const list = page.getByTestId('filing-list');
    await list.waitFor();
    expect(await list.innerText()).toContain(XIHU.name);
    expect(await list.innerText()).not.toContain(DAISHAN.name);
    expect(await page.getByTestId(`open-filing-${filingOf.get(DAISHAN.uscc)}`).count()).toBe(0);
    await signOut(page);
    await screenshot(page, '83-oidc-signed-out');
    // The provider's session ended too: signing in again asks for the password.
    await page.getByTestId('oidc-sign-in').click();
    await page.waitForURL((u) => u.pathname.startsWith('/interaction/'));
    await page.locator('#password').waitFor();
  });

  it('does the same on a phone, the provider’s page within the screen', async () => {
    const phone = await browser.page(undefined, PHONE);
    await phone.goto(url('/login'));
    await phone.getByTestId('oidc-sign-in').click();
    await phone.waitForURL((u) => u.pathname.startsWith('/interaction/'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, '81a-oidc-provider-sign-in-phone');
    await phone.fill('#login', DAISHAN.uscc);
    await phone.fill('#password', DEVELOPMENT_PASSWORD);
    await phone.getByRole('button', { name: /登\s*录/ }).click();
    await phone.waitForURL((u) => u.pathname.startsWith('/portal'), { timeout: 30_000 });
    // On a phone the list is cards without the unit's name: its own filing, and not the other's, by their links.
    await phone.getByTestId(`open-filing-${filingOf.get(DAISHAN.uscc)}`).waitFor();
    expect(await phone.getByTestId(`open-filing-${filingOf.get(XIHU.uscc)}`).count()).toBe(0);
    await signOut(phone);
  });

  it('tells a wrong password and an unknown person apart, in Chinese', async () => {
    const page = await browser.page();
    await page.goto(url('/login'));
    await page.getByTestId('oidc-sign-in').click();
    await page.waitForURL((u) => u.pathname.startsWith('/interaction/'));
    await page.fill('#login', 'reviewer.xihu');
    await page.fill('#password', 'not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('provider-error').innerText()).resolves.toBe('账号或密码不正确');
    await page.fill('#login', 'visitor');
    await page.fill('#password', DEVELOPMENT_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('error') === 'UNKNOWN_PERSON');
    await expect(page.getByTestId('sign-in-notice').innerText()).resolves.toContain('您的账号未在本系统登记');
  });

  const staff = [
    { login: 'clerk.xihu', home: /^\/workbench$/, sees: [XIHU.uscc] },
    { login: 'reviewer.xihu', home: /^\/workbench$/, sees: [XIHU.uscc] },
    { login: 'city.hangzhou', home: /^\/workbench$/, sees: [XIHU.uscc] },
    { login: 'province.zj', home: /^\/workbench$/, sees: [XIHU.uscc, DAISHAN.uscc] },
    { login: 'operator.zj', home: /^\/operations$/, sees: [] },
  ];
  for (const { login, home, sees } of staff) {
    it(`signs ${login} in to the workbench, seeing the filings of their own region only`, async () => {
      const page = await browser.page();
      await signIn(page, login, home);
      await page.getByTestId('who').waitFor();
      if (login === 'clerk.xihu') {
        // The county's own work waiting in the inbox.
        await page.getByTestId('task-table').getByText(XIHU.name).first().waitFor({ timeout: 30_000 });
        await page.waitForFunction(() => !document.querySelector('[data-testid=task-table] .ant-spin-spinning'));
        await screenshot(page, '82-oidc-clerk-home');
      }
      expect(await listedUnits(page, sees)).toEqual(sees);
      await signOut(page);
    });
  }

  it('signs policy staff in to the modeler', async () => {
    const page = await browser.page();
    await signIn(page, 'policy.zj', /^\/modeler/);
    await page.getByText('流程与规则').first().waitFor();
    await signOut(page);
  });
});

describe('an idle session', { timeout: 120_000 }, () => {
  let idle: TestSystem;
  beforeAll(async () => {
    idle = await startTestSystem({ SESSION_IDLE_SECONDS: '10' });
  }, 120_000);
  afterAll(async () => {
    await idle?.stop();
  });

  it('ends, and the page sends the person back to sign in, then back where they were', async () => {
    const page = await browser.page();
    await signIn(page, 'reviewer.xihu', /^\/workbench$/, idle.apiUrl);
    await page.getByTestId('task-table').waitFor();
    // Nothing touched for longer than the idle timeout: the page notices by itself.
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('expired') === '1', { timeout: 60_000 });
    await expect(page.getByTestId('sign-in-notice').innerText()).resolves.toContain('长时间未操作');
    await screenshot(page, '84-oidc-session-expired');
    const session = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(session).toBe(401);
    // Signing in again (the provider still knows the person) lands where the person was.
    await page.getByTestId('oidc-sign-in').click();
    await page.waitForURL((u) => u.origin === new URL(idle.apiUrl).origin && u.pathname === '/workbench', { timeout: 30_000 });
  });
});
