// The filing wizards' prefill in a real Chromium (issue 18): the portal says what the registrar answered when it
// cannot give the unit's record (no such unit; the registrar not answering) instead of failing silently, fills what
// the code tells, and asks only what an employer may read (no GET /api/employers/{uscc} refused with 403); the
// window fills the unit nature, county and federation as the portal does, besides the registered name.
// Screenshots: 38-prefill-registrar-down (and -phone), 39-window-prefill (and -phone).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../../platform/config.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
let registered: { uscc: string; name: string };

async function setRegistrarOutage(outage: boolean): Promise<void> {
  const res = await fetch(`${system.simulators!.url}/_admin/faults/registration`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage, malformed: false }),
  });
  expect(res.status, await res.text()).toBe(200);
}

/** Every API answer the page got, as "status path". */
function answersOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    if (pathname.startsWith('/api/')) seen.push(`${res.status()} ${pathname}`);
  });
  return seen;
}

/** What a form's choice shows, with its label. */
function choice(page: Page, id: string): Promise<string> {
  return page.locator(`.ant-form-item:has(#${id})`).innerText();
}

beforeAll(async () => {
  system = await startTestSystem({ WORKERS: 'off' });
  browser = new BrowserSession(await launchChromium());
  const records = JSON.parse(await readFile(path.join(projectRoot, 'connectors', 'seed-data', 'registrations.json'), 'utf8')) as { uscc: string; name: string; registrar: string; status: string }[];
  // A company registered in a Zhejiang county, which the registrar knows.
  registered = records.find((r) => r.registrar === 'samr' && r.status === 'active' && r.uscc.startsWith('9133') && !r.uscc.slice(2, 8).endsWith('00'))!;
}, 120_000);

afterAll(async () => {
  if (system?.simulators) await setRegistrarOutage(false);
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe("the wizards' prefill", { timeout: 120_000 }, () => {
  it("tells the employer what the registrar answered, fills what the code says, and asks nothing it may not read", async () => {
    // A unit the registrar has no record of.
    const unknown = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: '330106' }).employer.uscc;
    const page = await browser.page(await system.login({ role: 'employer', uscc: unknown }));
    const answers = answersOf(page);
    await page.goto(`${system.apiUrl}/portal/new`);
    const problem = page.locator('[data-testid=registration-problem]');
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.innerText()).toBe('市场监督管理部门没有该单位的登记记录，请核对统一社会信用代码');
    await expect.poll(() => choice(page, 'regionCode')).toContain('杭州市西湖区（330106）');
    expect(await choice(page, 'dpfAuthority')).toContain('杭州市西湖区残联（330106）');
    expect(await choice(page, 'unitNature')).toContain('企业');

    // The registrar not answering: its own sentence, at a desk and on a phone.
    await setRegistrarOutage(true);
    const employer = await system.login({ role: 'employer', uscc: registered.uscc });
    for (const [viewport, name] of [[undefined, '38-prefill-registrar-down'], [PHONE, '38-prefill-registrar-down-phone']] as const) {
      const down = await browser.page(employer, viewport);
      const downAnswers = answersOf(down);
      await down.goto(`${system.apiUrl}/portal/new`);
      await down.locator('[data-testid=registration-problem]').waitFor({ timeout: 30_000 });
      expect(await down.locator('[data-testid=registration-problem]').innerText()).toBe('市场监督管理部门的登记信息暂时查询不到，请稍后再试或直接填写');
      expect(await down.locator('#name').inputValue()).toBe('');
      expect(await down.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await screenshot(down, name);
      answers.push(...downAnswers);
    }
    await setRegistrarOutage(false);

    // Answering again, the registered name is filled and nothing is said.
    const back = await browser.page(employer);
    const backAnswers = answersOf(back);
    await back.goto(`${system.apiUrl}/portal/new`);
    await expect.poll(() => back.locator('#name').inputValue(), { timeout: 30_000 }).toBe(registered.name);
    expect(await back.locator('[data-testid=registration-problem]').count()).toBe(0);
    expect(await back.locator('[data-testid=prefill-notice]').innerText()).toContain('已根据单位登记信息预填');

    // No page asked for what an employer may not read.
    const all = [...answers, ...backAnswers];
    expect(all.some((a) => a.includes('/api/registrations/'))).toBe(true);
    // Its own unit's name for the header (/api/employers/mine) is its to read; another unit's master data is not.
    expect(all.filter((a) => a.startsWith('403') || /\/api\/employers\/(?!mine\b)/.test(a))).toEqual([]);
  });

  it('fills the unit nature, county and federation at the window too, besides the registered name', async () => {
    const county = registered.uscc.slice(2, 8);
    for (const [viewport, name] of [[undefined, '39-window-prefill'], [PHONE, '39-window-prefill-phone']] as const) {
      const page = await browser.page(await system.login({ role: 'clerk', regionCode: '330106' }), viewport);
      const answers = answersOf(page);
      await page.goto(`${system.apiUrl}/workbench/intake`);
      await page.waitForSelector('[data-testid=employer-form]');
      await page.fill('#uscc', registered.uscc);
      await expect.poll(() => page.locator('#name').inputValue(), { timeout: 30_000 }).toBe(registered.name);
      expect(await choice(page, 'unitNature')).toContain('企业');
      expect(await choice(page, 'regionCode')).toContain(`（${county}）`);
      expect(await choice(page, 'dpfAuthority')).toContain(`残联（${county}）`);
      expect(await page.locator('[data-testid=prefill-notice]').innerText()).toContain('已根据单位登记信息预填，请对照纸质材料核对');
      expect(answers.filter((a) => a.startsWith('403'))).toEqual([]);
      await screenshot(page, name);
    }
  });
});
