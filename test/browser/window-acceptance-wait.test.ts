// A window filing with materials missing, seen by the employer and by the county's clerk in a real Chromium at a desk
// and on a phone (issue 18): the employer's list names it 待受理, its page lists what is missing and the date the
// county accepts or returns it by — the acceptanceDueAt the diagram computed — instead of "the departments' data
// are being compared"; the clerk's 受理 task shows the same list. Screenshots 40–44.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseDate } from '../../certificates/certificate-pdf.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const COUNTY = '330106';
const MISSING = ['残疾职工劳动合同复印件', '2025 年度工资发放明细'];
const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: COUNTY, employees: 2 });

let system: TestSystem;
let browser: BrowserSession;
let clerk: string;
let employer: string;
let filingId: string;
let taskId: string;
/** The acceptance deadline as the engine holds it, written as the pages write a date. */
let dueDate: string;

const url = (p: string) => `${system.apiUrl}${p}`;
const VIEWPORTS = [[undefined, 'desktop'], [PHONE, 'phone']] as const;

/** Nothing wider than the screen: a phone never scrolls sideways. */
async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  clerk = await system.login({ role: 'clerk', regionCode: COUNTY });
  employer = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  const filed = await system.request('POST', '/api/filings', {
    token: clerk,
    body: { ...filing, channel: 'window', receivingRegionCode: COUNTY, windowIntake: { materialsComplete: false, missingMaterials: MISSING.join('；') } },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  filingId = filed.body.id as string;
  // The 受理 task exists once the diagram has computed its deadline.
  taskId = await eventually('the county clerks\' acceptance task', async () => {
    const tasks = await system.request('GET', '/api/tasks', { token: clerk });
    return (tasks.body.items as { id: string; taskDefinitionKey: string; filing: { id: string } | null }[])
      .find((t) => t.taskDefinitionKey === 'acceptance' && t.filing?.id === filingId)?.id;
  }, 60_000);
  const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
  const held = await system.rest.get<{ value: string }>(`/process-instance/${instance!.id}/variables/acceptanceDueAt`);
  dueDate = chineseDate(held.value);
}, 180_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe('a window filing with materials missing seen by the employer', { timeout: 240_000 }, () => {
  it('is 待受理 in the list, and its page lists what is missing and the acceptance deadline the process set', async () => {
    for (const [viewport, name] of VIEWPORTS) {
      const page = await browser.page(employer, viewport);
      await page.goto(url('/portal'));
      // A table row at a desk, a card (the link itself) on a phone.
      const item = page.locator(`tr:has([data-testid=open-filing-${filingId}]), a[data-testid=open-filing-${filingId}]:has([data-testid=filing-status])`);
      await item.waitFor({ timeout: 60_000 });
      expect(await item.locator('[data-testid=filing-status]').innerText()).toBe('待受理');
      expect(await item.innerText()).not.toContain('已提交');
      if (name === 'desktop') await screenshot(page, '40-window-acceptance-list');

      await page.goto(url(`/portal/filings/${filingId}`));
      const banner = page.locator('[data-testid=detail-next-step]');
      await page.locator('[data-testid=acceptance-wait]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid=filing-detail] [data-testid=filing-status]').first().innerText()).toBe('待受理');
      expect(await banner.locator('[data-testid=missing-material]').allInnerTexts()).toEqual(MISSING);
      expect(await banner.locator('[data-testid=acceptance-due]').innerText()).toBe(`残联受理期限：${dueDate}`);
      const said = await banner.innerText();
      expect(said).toContain('杭州市西湖区残联窗口');
      // Nothing is being compared with the departments yet, and no department is being waited for.
      expect(said).not.toContain('数据比对');
      expect(said).not.toContain('暂时');
      await fitsWidth(page);
      await screenshot(page, `${name === 'desktop' ? '41' : '42'}-window-acceptance-employer-${name}`);
    }
  });

  it("shows the clerk, in the 受理 task, what was missing and the deadline", async () => {
    for (const [viewport, name] of VIEWPORTS) {
      const page = await browser.page(clerk, viewport);
      await page.goto(url(`/workbench/tasks/${taskId}`));
      const missing = page.locator('[data-testid=acceptance-missing]');
      await missing.waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid=task-title]').innerText()).toBe('受理');
      expect(await missing.locator('[data-testid=missing-material]').allInnerTexts()).toEqual(MISSING);
      expect(await missing.locator('[data-testid=acceptance-due]').innerText()).toBe(`受理期限：${dueDate}`);
      // The filing beside the task is named as the clerks' inbox has it.
      await expect.poll(() => page.locator('[data-testid=filing-status]').first().innerText(), { timeout: 30_000 }).toBe('待受理');
      await fitsWidth(page);
      await screenshot(page, `${name === 'desktop' ? '43' : '44'}-window-acceptance-clerk-${name}`);
    }
  });
});
