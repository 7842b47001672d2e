// The annual reports page (/supervision/annual-reports) in a real Chromium: the province at a desk (1366 px) sees
// every city's report — Hangzhou's submitted with its Word and PDF files, the others being written, overdue flagged
// once the deadline has passed — and downloads the PDF; a city federation sees only its own report and opens its
// writing task from there, the form prefilled; on a phone (375 px) the table becomes cards without sideways scrolling.
// Screenshots: 95-annual-reports-province, 95a-annual-reports-city, 95b-annual-report-task, 95c-annual-reports-phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaYearOf } from '../../platform/china-date.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
let province: string;
let ningbo: string;

// An earlier review year the page offers, and no other suite's: its reports are started here one by one (the suite
// of the process, test/integration/annual-report.test.ts, fires the autumn timer for the current year).
const YEAR = chinaYearOf(new Date()) - 4;
const url = (path: string) => system.apiUrl + path;

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  province = await system.login({ role: 'province', userId: 'province.reports-page', name: '省残联审阅人' });
  ningbo = await system.login({ role: 'city', regionCode: '330200', userId: 'city.ningbo-page', name: '宁波市残联' });
  const hangzhou = await system.login({ role: 'city', regionCode: '330100', userId: 'city.hangzhou-page', name: '杭州市残联' });
  const started: string[] = [];
  for (const cityCode of ['330100', '330200']) {
    const instance = await system.rest.post<{ id: string }>('/process-definition/key/annual-report/start', {
      businessKey: `annual-report-${YEAR}-${cityCode}`,
      variables: { year: { value: YEAR, type: 'Integer' }, cityCode: { value: cityCode, type: 'String' } },
    });
    started.push(instance.id);
  }
  const task = await eventually('Hangzhou’s writing task', async () => {
    const res = await system.request('GET', '/api/tasks', { token: hangzhou });
    return (res.body.items as { id: string; taskDefinitionKey: string; processInstanceId: string }[]).find((t) => t.processInstanceId === started[0]);
  }, 60_000);
  const done = await system.request('POST', `/api/tasks/${task.id}/complete`, {
    token: hangzhou,
    body: { industryAnalysis: '制造业吸纳残疾人就业最多。', marketDemand: '登记岗位 326 个。', recommendations: '落实超比例奖励。' },
  });
  expect(done.status).toBe(200);
  await eventually('Hangzhou’s report rendered', async () => {
    const res = await system.request('GET', `/api/annual-reports?year=${YEAR}`, { token: province });
    return (res.body.items as { cityCode: string; state: string }[]).some((i) => i.cityCode === '330100' && i.state === 'submitted') ? true : undefined;
  }, 60_000);
}, 180_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

/** The reports page, the suite's review year chosen. */
async function openYear(page: Page): Promise<void> {
  await page.goto(url('/supervision/annual-reports'));
  await page.waitForSelector('[data-testid=annual-reports-page]');
  await page.locator('[data-testid=report-year]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${YEAR} 年度` }).click();
}

describe('the annual reports page in Chromium', { timeout: 120_000 }, () => {
  it('shows the province every city’s report, Hangzhou’s files downloadable', async () => {
    const page = await browser.page(province);
    await openYear(page);
    await expect.poll(() => page.locator('[data-testid=annual-reports-table] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(11);
    const hangzhouRow = page.locator('tr.ant-table-row', { hasText: '杭州市' });
    await expect.poll(() => hangzhouRow.innerText()).toContain('已报送，待审阅');
    expect(await hangzhouRow.innerText()).toContain('第 1 稿');
    expect(await hangzhouRow.innerText()).toContain('审阅');
    expect(await hangzhouRow.innerText()).not.toContain('已逾期');
    const ningboRow = page.locator('tr.ant-table-row', { hasText: '宁波市' });
    expect(await ningboRow.innerText()).toContain('编写中');
    expect(await ningboRow.innerText()).toContain(`${YEAR + 1}年11月30日`);
    // Past the deadline (30 November of the year after the review year), an unsubmitted report is flagged.
    expect(await ningboRow.innerText()).toContain('已逾期');
    expect(await page.locator('tr.ant-table-row', { hasText: '温州市' }).innerText()).toContain('未发起');
    expect(await page.locator('text=菜单').count()).toBe(0);
    await page.waitForSelector('text=年度总结报告');
    await screenshot(page, '95-annual-reports-province');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=pdf-330100]')]);
    expect(download.suggestedFilename()).toBe(`杭州市${YEAR}年度年审工作总结报告（第1稿）.pdf`);
  });

  it('shows a city its own report and takes it to its writing task, the form prefilled', async () => {
    const page = await browser.page(ningbo);
    await openYear(page);
    await expect.poll(() => page.locator('[data-testid=annual-reports-table] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('tr.ant-table-row').innerText()).toContain('宁波市');
    expect(await page.locator('text=杭州市').count()).toBe(0);
    await screenshot(page, '95a-annual-reports-city');
    await page.click('[data-testid=task-330200]');
    await page.waitForSelector('[data-testid=task-title]');
    expect(await page.locator('[data-testid=task-title]').innerText()).toBe('编写年度总结报告');
    await expect.poll(() => page.getByLabel('行业分析').inputValue(), { timeout: 30_000 }).toMatch(/^（草稿/);
    await screenshot(page, '95b-annual-report-task');
  });

  it('on a phone shows each city as a card, nothing off screen', async () => {
    const page = await browser.page(province, PHONE);
    await openYear(page);
    await page.waitForSelector('text=已报送，待审阅');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, '95c-annual-reports-phone');
  });
});
