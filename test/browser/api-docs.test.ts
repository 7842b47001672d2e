// The API reference page (/api/docs) in a real Chromium: Swagger UI, served by the server itself under its strict
// content-security policy, reads /api/openapi.json and lists the operations. Screenshot: 65-api-docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';

let api: TestApi;
let browser: BrowserSession;

beforeAll(async () => {
  api = await startTestApi();
  browser = new BrowserSession(await launchChromium());
}, 60_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await api?.close();
});

describe('the API reference page in Chromium', { timeout: 60_000 }, () => {
  it('loads from this server alone and lists the operations of the published document', async () => {
    const page = await browser.page();
    const outside: string[] = [];
    const refused: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(api.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    await page.goto(`${api.url}/api/docs`);
    expect(await page.title()).toContain('接口文档');
    await page.locator('.opblock-summary-path[data-path="/api/health"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.opblock-summary-path[data-path="/api/openapi.json"]').count()).toBe(1);
    await screenshot(page, '65-api-docs');
    expect(outside).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('is readable on a phone: the operations in one column, no page wider than the screen', async () => {
    const page = await browser.page(undefined, PHONE);
    await page.goto(`${api.url}/api/docs`);
    await page.locator('.opblock-summary-path[data-path="/api/filings"]').first().waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, '65a-api-docs-phone');
  });
});
