// The over-quota rewards page (/supervision/rewards) in a real Chromium: a city at a desk (1366 px) sees its round
// approved with the payment workbook to export, its eligible units with the evidence and amount, the one its county
// excluded with the reason, and — showing all — the units not eligible with why; a county lead on a phone (375 px)
// sees its own units only, as cards, nothing off screen. The round is written straight into the tables (the process
// itself: test/integration/over-quota-reward.test.ts). Screenshots: 96-rewards-city, 96a-rewards-city-all,
// 96b-rewards-county-phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewardRoundKey } from '../../rewards/reward-store.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
let city: string;
let lead: string;

// A reward year the page offers and no other suite's.
const YEAR = 2021;
const CITY = '330100';
const url = (path: string) => system.apiUrl + path;

const UNITS = [
  { uscc: '91330102MA2B0RWD1X', name: '杭州甲制造有限公司', county: '330102', certified: 6, required: 3, ratio: 0.03, years: 2, eligible: true, reason: 'ELIGIBLE', per: 3000, decision: 'confirmed', exclusion: null, approval: 'approved' },
  { uscc: '91330102MA2B0RWE8Y', name: '杭州乙服务有限公司', county: '330102', certified: 5, required: 2, ratio: 0.0375, years: 3, eligible: true, reason: 'ELIGIBLE', per: 3000, decision: 'excluded', exclusion: '该单位存在严重失信记录', approval: 'pending' },
  { uscc: '91330106MA2B0RWF6Q', name: '杭州丙科技有限公司', county: '330106', certified: 8, required: 4.5, ratio: 0.0267, years: 3, eligible: true, reason: 'ELIGIBLE', per: 3000, decision: 'confirmed', exclusion: null, approval: 'approved' },
  { uscc: '91330108MA2B0RWG4L', name: '杭州丁物流有限公司', county: '330108', certified: 5, required: 2, ratio: 0.0375, years: 1, eligible: false, reason: 'TOO_FEW_YEARS', per: 0, decision: null, exclusion: null, approval: 'pending' },
];

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  city = await system.login({ role: 'city', regionCode: CITY, userId: 'city.hangzhou-rewards-page', name: '杭州市残联' });
  lead = await system.login({ role: 'lead', regionCode: '330102', userId: 'lead.shangcheng-rewards-page', name: '上城区残联' });
  await system.db.query(
    `insert into reward_rounds (year, city_code, business_key, state, decision_version, evaluated_at, decided_by, decided_at)
     values ($1, $2, $3, 'approved', 1, now(), 'city.hangzhou-rewards-page', now()) on conflict do nothing`,
    [YEAR, CITY, rewardRoundKey(YEAR, CITY)],
  );
  for (const u of UNITS) {
    const surplus = u.certified - u.required;
    await system.db.query(
      `insert into reward_candidates (year, uscc, city_code, county_code, unit_name, certified_count, required_count, surplus, ratio, years_above_quota,
                                      eligible, reason_code, amount_per_person, amount, county_decision, exclusion_reason, approval)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) on conflict do nothing`,
      [YEAR, u.uscc, CITY, u.county, u.name, u.certified, u.required, surplus, u.ratio, u.years, u.eligible, u.reason, u.per, u.eligible ? surplus * u.per : 0, u.decision, u.exclusion, u.approval],
    );
  }
}, 180_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

async function openYear(page: Page): Promise<void> {
  await page.goto(url('/supervision/rewards'));
  await page.waitForSelector('[data-testid=rewards-page]');
  await page.locator('[data-testid=reward-year]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${YEAR} 年度` }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

describe('the over-quota rewards page in Chromium', { timeout: 120_000 }, () => {
  it('shows a city its approved round with the payment sheet, the candidates with their evidence, and all units with their reasons', async () => {
    const page = await browser.page(city);
    await openYear(page);
    await expect.poll(() => page.locator('[data-testid=rewards-table] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(3);
    const rounds = page.locator('[data-testid=reward-rounds]');
    await expect.poll(() => rounds.innerText()).toContain('已批准');
    expect(await rounds.innerText()).toContain('2 家，19,500.00 元');
    const first = page.locator('tr.ant-table-row', { hasText: '杭州甲制造有限公司' });
    expect(await first.innerText()).toContain('6 / 3 / 3');
    expect(await first.innerText()).toContain('9,000.00 元');
    expect(await page.locator('tr.ant-table-row', { hasText: '杭州乙服务有限公司' }).innerText()).toContain('已排除：该单位存在严重失信记录');
    await screenshot(page, '96-rewards-city');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${CITY}]`)]);
    expect(download.suggestedFilename()).toBe(`杭州市${YEAR}年度超比例安排残疾人就业奖励发放表.xlsx`);

    await page.locator('[data-testid=reward-filter]').getByText('全部（含不符合及原因）').click();
    await expect.poll(() => page.locator('[data-testid=rewards-table] tbody tr.ant-table-row').count()).toBe(4);
    expect(await page.locator('tr.ant-table-row', { hasText: '杭州丁物流有限公司' }).innerText()).toContain('连续超比例安排年数不足');
    await screenshot(page, '96a-rewards-city-all');
  });

  it('shows a county lead on a phone its own units as cards, nothing off screen', async () => {
    const page = await browser.page(lead, PHONE);
    await openYear(page);
    await page.waitForSelector('text=杭州甲制造有限公司');
    expect(await page.locator('text=杭州丙科技有限公司').count()).toBe(0);
    expect(await page.locator(`[data-testid=export-${CITY}]`).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, '96b-rewards-county-phone');
  });
});
