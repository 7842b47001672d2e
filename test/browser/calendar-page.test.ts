// Publishing a year's holidays from the State Council's notice, as policy staff would, in a real Chromium at a desk
// and on a phone: the notice pasted, read into its days, checked, published; the year then known to the calendar
// (issue 18, first blocker). Screenshots: 21-calendar-publish-desktop / -phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { readNoticeOnPage } from '../support/holiday-notice-page.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
let policy: string;

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  policy = await system.login({ role: 'policy' });
}, 120_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

const readNotice = (page: Page, year: number) => readNoticeOnPage(page, system.apiUrl, year);

describe('publishing a year from the notice in Chromium', { timeout: 120_000 }, () => {
  it('reads the notice into its days, publishes the year, and the calendar knows it', async () => {
    const before = await system.request('GET', '/api/calendar/years', { token: policy });
    // Past the years other suites of the run publish: nobody else's deadlines move.
    const year = Number(before.body.knownThrough) + 3;

    const page = await browser.page(policy);
    await readNotice(page, year);
    // The next year is listed first, as not yet published: its deadlines are provisional.
    expect(await page.getByText('尚未发布，期限暂定').count()).toBe(1);
    expect(await page.getByText('共 33 天放假、6 天调休上班').count()).toBe(1);
    await page.click('[data-testid=publish]');
    const result = page.locator('[data-testid=publish-result]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain(`已发布 ${year} 年的节假日安排`);
    await screenshot(page, '21-calendar-publish-desktop');

    const after = await system.request('GET', '/api/calendar/years', { token: policy });
    const published = (after.body.years as any[]).find((y) => y.year === year);
    expect(published.published).toMatchObject({ source: '国办发明电（测试）', holidays: 33, workdays: 6 });
    const due = await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(`${year}-02-13T10:00:00+08:00`)}&workingDays=1`, { token: policy });
    // Friday 13 February: the 14th is a make-up Saturday, worked.
    expect(due.body.dueAt).toBe(`${year}-02-14T23:59:59+08:00`);

    const phone = await browser.page(policy, PHONE);
    await readNotice(phone, year + 1);
    await screenshot(phone, '21-calendar-publish-phone');
  });
});
