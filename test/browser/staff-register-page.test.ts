// The staff register page (/workbench/staff, 持证上岗) as a city administrator uses it, in a real Chromium at a desk and
// on a phone: the city's people with certificates ending within 30 days highlighted and expired ones flagged, a new
// person registered through the form — the server's refusals shown beside the fields first — an expired certificate
// renewed, 强制下线; and the clerk whose certificate expired told why on every workbench page.
// Screenshots: 70-staff-register-desktop, 70a-staff-register-phone, 70b-staff-form-errors, 71-staff-standing-banner.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../platform/china-date.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
let city: string;

const today = chinaDateOf(new Date());
const dayFrom = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// Login names no other suite uses: the list is searched by this part.
const run = `b${Date.now().toString(36)}`;
const sub = (name: string) => `${name}.${run}`;

async function register(name: string, person: string, roles: string[], regionCode: string, certificateExpiresOn: string, agreementSignedOn: string | null = dayFrom(-100)): Promise<void> {
  const res = await system.request('POST', '/api/staff', {
    token: city,
    body: { sub: sub(name), name: person, roles, regionCode, certificateNumber: `HZ-${run}-${name}`.toUpperCase(), certificateExpiresOn, agreementSignedOn },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  city = await system.login({ role: 'city', regionCode: '330100', userId: sub('city'), name: '杭州市残联管理员' });
  await register('expiring', '赵一', ['clerk'], '330106', dayFrom(12));
  await register('expired', '钱二', ['clerk', 'reviewer'], '330106', dayFrom(-3));
  await register('valid', '孙三', ['reviewer'], '330108', dayFrom(400));
  await register('noagreement', '李四', ['city'], '330100', dayFrom(200), null);
}, 120_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

const url = (path: string) => system.apiUrl + path;

/** Opens the register and narrows it to this suite's people. */
async function openRegister(page: Page): Promise<void> {
  await page.goto(url('/workbench/staff'));
  await page.waitForSelector('[data-testid=staff-page]');
  await page.fill('#staffFilter_text', run);
  await page.click('[data-testid=staff-search]');
  await expect.poll(() => page.locator(`[data-sub="${sub('expired')}"]`).count(), { timeout: 30_000 }).toBe(1);
}

const row = (page: Page, name: string) => page.locator(`[data-sub="${sub(name)}"]`);

async function pick(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

async function typeDate(page: Page, id: string, date: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(date);
  await page.keyboard.press('Enter');
}

describe('the staff register page in Chromium', { timeout: 180_000 }, () => {
  it('is in the city’s navigation, not a clerk’s', async () => {
    const page = await browser.page(city);
    await page.goto(url('/workbench'));
    await page.waitForSelector('text=工作人员名册');
    const clerk = await browser.page(await system.login({ role: 'clerk', regionCode: '330106', userId: sub('nav-clerk') }));
    await clerk.goto(url('/workbench'));
    await clerk.waitForSelector('text=待办任务');
    expect(await clerk.getByText('工作人员名册').count()).toBe(0);
  });

  it('lists the city’s people: expiring within the deployed reminder’s 30 days highlighted, expired flagged, each one’s standing', async () => {
    const page = await browser.page(city);
    await openRegister(page);
    expect(await row(page, 'expiring').getAttribute('class')).toContain('wb-row-expiring');
    expect(await row(page, 'expiring').innerText()).toContain('12 天后到期');
    expect(await row(page, 'expired').getAttribute('class')).toContain('wb-row-overdue');
    expect(await row(page, 'expired').innerText()).toContain('已过期 3 天');
    expect(await row(page, 'valid').getAttribute('data-certificate')).toBe('valid');
    expect(await row(page, 'noagreement').innerText()).toContain('未签订');
    expect(await row(page, 'noagreement').locator('[data-testid=staff-refused]').count()).toBe(1);
    expect(await row(page, 'valid').locator('[data-testid=staff-refused]').count()).toBe(0);
    expect(await page.locator('[data-testid=staff-expiry-summary]').innerText()).toContain('1 人的上岗证已过期，1 人的上岗证将在 30 天内到期');
    // One's own entry is not changed here.
    expect(await row(page, 'city').locator('[data-testid=staff-edit]').isDisabled()).toBe(true);
    await screenshot(page, '70-staff-register-desktop');

    // Only the expired.
    await pick(page, 'staffFilter_status', '已过期');
    await page.click('[data-testid=staff-search]');
    await expect.poll(() => page.locator('[data-sub]').count(), { timeout: 30_000 }).toBe(1);
    expect(await row(page, 'expired').count()).toBe(1);
  });

  it('registers a person through the form, the server’s refusals beside their fields first', async () => {
    const page = await browser.page(city);
    await openRegister(page);
    await page.click('[data-testid=staff-create]');
    await page.waitForSelector('[data-testid=staff-form]');
    await page.fill('#staffEntry_sub', sub('new'));
    await page.fill('#staffEntry_name', '周五');
    await pick(page, 'staffEntry_roles', '审核员');
    await page.keyboard.press('Escape');
    // A city code for a county role, a number with a space, an agreement dated tomorrow: the server says so per field.
    await pick(page, 'staffEntry_regionCode', '杭州市本级');
    await page.fill('#staffEntry_certificateNumber', 'HZ 0001');
    await typeDate(page, 'staffEntry_certificateExpiresOn', dayFrom(365));
    await typeDate(page, 'staffEntry_agreementSignedOn', dayFrom(1));
    await page.click('[data-testid=staff-save]');
    const errorOf = (id: string) => page.locator(`.ant-form-item:has(#${id}) .ant-form-item-explain-error`);
    await expect.poll(() => errorOf('staffEntry_regionCode').count(), { timeout: 30_000 }).toBe(1);
    expect(await errorOf('staffEntry_regionCode').innerText()).toContain('窗口人员、审核员、县残联负责人应填写所在县（市、区）的行政区划代码');
    expect(await errorOf('staffEntry_certificateNumber').innerText()).toContain('上岗证编号应为 6 至 32 位大写字母、数字或连字符');
    expect(await errorOf('staffEntry_agreementSignedOn').innerText()).toBe('保密协议签订日期不能晚于今天');
    await screenshot(page, '70b-staff-form-errors');
    expect((await system.db.query('select 1 from staff_members where sub = $1', [sub('new')])).rowCount).toBe(0);

    await pick(page, 'staffEntry_regionCode', '西湖区');
    await page.fill('#staffEntry_certificateNumber', `HZ-${run}-NEW`.toUpperCase());
    await typeDate(page, 'staffEntry_agreementSignedOn', today);
    await page.click('[data-testid=staff-save]');
    await expect.poll(() => row(page, 'new').count(), { timeout: 30_000 }).toBe(1);
    expect(await row(page, 'new').innerText()).toContain('周五');
    expect(await row(page, 'new').innerText()).toContain('可以办理');
    const stored = await system.request('GET', `/api/staff?text=${sub('new')}`, { token: city });
    expect(stored.body.items[0]).toMatchObject({ roles: ['reviewer'], regionCode: '330106', certificateExpiresOn: dayFrom(365), agreementSignedOn: today, createdBy: sub('city') });
  });

  it('renews an expired certificate, and ends a person’s sessions (强制下线)', async () => {
    const page = await browser.page(city);
    await openRegister(page);
    await row(page, 'expired').locator('[data-testid=staff-edit]').click();
    await page.waitForSelector('[data-testid=staff-form]');
    expect(await page.locator('#staffEntry_sub').isDisabled()).toBe(true);
    await typeDate(page, 'staffEntry_certificateExpiresOn', dayFrom(730));
    await page.click('[data-testid=staff-save]');
    await expect.poll(() => row(page, 'expired').getAttribute('data-certificate'), { timeout: 30_000 }).toBe('valid');

    const signedIn = await system.login({ role: 'reviewer', regionCode: '330108', userId: sub('valid') });
    await row(page, 'valid').locator('[data-testid=staff-revoke]').click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '强制下线' }).click();
    await page.waitForSelector('text=已让 孙三 强制下线，结束 1 个会话');
    expect((await system.request('GET', '/api/staff/me', { token: signedIn })).status).toBe(401);
  });

  it('fits a phone: each person a card, nothing wider than the screen', async () => {
    const phone = await browser.page(city, PHONE);
    await openRegister(phone);
    expect(await phone.locator('[data-testid=staff-table]').getAttribute('data-layout')).toBe('cards');
    expect(await row(phone, 'noagreement').innerText()).toContain('未签订');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, '70a-staff-register-phone');
  });

  it('tells a clerk whose certificate has expired why, on the workbench, while the inbox still opens', async () => {
    await register('lapsed-clerk', '吴六', ['clerk'], '330106', dayFrom(-1));
    const clerk = await browser.page(await system.login({ role: 'clerk', regionCode: '330106', userId: sub('lapsed-clerk') }));
    await clerk.goto(url('/workbench'));
    const banner = clerk.locator('[data-testid=standing-banner]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain(`上岗证已于${dayFrom(-1)}过期，不能办理任务或查看个人信息，请联系市残联更新名册`);
    await clerk.waitForSelector('[data-testid=task-table]');
    await screenshot(clerk, '71-staff-standing-banner');

    await register('soon-clerk', '郑七', ['clerk'], '330106', dayFrom(5));
    const soon = await browser.page(await system.login({ role: 'clerk', regionCode: '330106', userId: sub('soon-clerk') }), PHONE);
    await soon.goto(url('/workbench'));
    await soon.locator('[data-testid=standing-banner]').waitFor({ timeout: 30_000 });
    expect(await soon.locator('[data-testid=standing-banner]').innerText()).toContain(`您的上岗证将于 ${dayFrom(5)} 到期（还有 5 天）`);
  });
});
