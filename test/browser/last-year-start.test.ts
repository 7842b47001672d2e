// 从上年数据导入 in a real Chromium (issue 23 item 4): the employer's online wizard offers last year's declaration,
// copies the unit and its employees (numbers masked, kept as last year's), flags the one who left as 待确认 and will
// not go on until it is confirmed or removed; the new year's figures typed, the filing is stored with last year's
// whole numbers. On a phone the same offer and flags fit the screen.
// At the window the clerk's copy leaves the numbers blank, to be typed from the paper.
// Screenshots: 40-last-year-offer, 41-last-year-unit, 42-last-year-confirm, 43-last-year-confirm-phone, 44-last-year-offer-phone,
// 45-last-year-window.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee, Filing } from '../../filings/declaration/filing.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { maskIdNumber } from '../../platform/masking.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';

let system: TestSystem;
let browser: BrowserSession;
let reviewYear: number;
let last: Filing;

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Sets a date cell of the employee table as a person types it. */
async function typeDate(page: Page, row: number, field: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid=employee-cell-${row}-${field}] input`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

beforeAll(async () => {
  system = await startTestSystem({ WORKERS: 'off' });
  browser = new BrowserSession(await launchChromium());
  const season = (await (await fetch(`${system.apiUrl}/api/settings/filing-season`, { headers: { authorization: `Bearer ${await system.login({ role: 'employer', uscc: syntheticFiling(23_500_009).employer.uscc })}` } })).json()) as { status: { reviewYear: number } };
  reviewYear = season.status.reviewYear;
  // Last year's declaration, certified: three people, the second of whom left in June.
  const filing = syntheticFiling(23_500_001, { year: reviewYear - 1, employees: 3 });
  const [e0, e1, e2] = filing.employees as [Employee, Employee, Employee];
  last = { ...filing, employees: [e0, { ...e1, employedTo: `${reviewYear - 1}-06-30` }, e2] };
  await storeUnitFiling(system.db, last, reviewYear - 1, 'certified');
}, 120_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe('从上年数据导入 in the employer\'s wizard', { timeout: 120_000 }, () => {
  it('copies last year, flags who left until confirmed or removed, and files with last year\'s numbers', async () => {
    const page = await browser.page(await system.login({ role: 'employer', uscc: last.employer.uscc }));
    await page.goto(`${system.apiUrl}/portal/new`);
    const offer = page.locator('[data-testid=last-year-offer]');
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.innerText()).toContain(`该单位有 ${reviewYear - 1} 年度的申报`);
    await screenshot(page, '40-last-year-offer');

    await page.click('[data-testid=last-year-start]');
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const started = page.locator('[data-testid=last-year-started]');
    await started.waitFor();
    expect(await started.innerText()).toContain('1 名职工标记为“待确认”');
    expect(await page.locator('#legalRepIdNumber').inputValue()).toBe(maskIdNumber(last.employer.legalRepIdNumber));
    expect(await page.locator('#averageStaffCount').inputValue()).toBe('');
    await page.fill('#averageStaffCount', '260');
    await page.fill('#averageAnnualWage', '83000');
    await screenshot(page, '41-last-year-unit');
    await page.click('[data-testid=wizard-next]');

    // The one who left is flagged, with why, and the list will not go on while it waits.
    const list = page.locator('[data-testid=confirmation-list]');
    await list.waitFor({ timeout: 10_000 });
    expect(await list.innerText()).toContain(`${reviewYear - 1}-06-30`);
    expect(await page.locator('[data-testid=needs-confirmation-1]').innerText()).toBe('待确认');
    expect(await page.locator('[data-testid=employee-cell-0-idNumber] input').inputValue()).toBe(maskIdNumber(last.employees[0]!.idNumber));
    await page.click('[data-testid=wizard-next]');
    expect(await page.locator('[data-testid=employee-list-error]').innerText()).toContain('第 2 名残疾职工标记为“待确认”');
    await screenshot(page, '42-last-year-confirm');

    // Removed: the two who stay get this year's months and wages.
    await page.click('[data-testid=drop-employee-1]');
    await page.locator('.ant-popconfirm .ant-btn-dangerous, .ant-popconfirm .ant-btn-primary').last().click();
    await expect.poll(() => page.locator('[data-testid=employee-table] tbody tr.ant-table-row').count()).toBe(2);
    expect(await list.count()).toBe(0);
    for (const row of [0, 1]) {
      await typeDate(page, row, 'employedFrom', `${reviewYear}-01-01`);
      await typeDate(page, row, 'employedTo', `${reviewYear}-12-31`);
      await page.locator(`[data-testid=employee-cell-${row}-annualWage] input`).fill('62000');
      await page.locator(`[data-testid=employee-cell-${row}-annualWage] input`).press('Tab');
    }
    await page.click('[data-testid=wizard-next]');
    await page.locator('[data-testid=commitment-form]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.click('[data-testid=commitment-accepted]');
    await page.click('[data-testid=wizard-next]');
    await page.click('[data-testid=submit-filing]');
    await page.waitForURL(/\/portal\/filings\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const id = page.url().split('/').pop();

    const stored = (await system.db.query<{ declaration: Filing }>('select declaration from filings where id = $1', [id])).rows[0]!.declaration;
    expect(stored.year).toBe(reviewYear);
    expect(stored.employees.map((e) => e.idNumber)).toEqual([last.employees[0]!.idNumber, last.employees[2]!.idNumber]);
    expect(stored.employer.legalRepIdNumber).toBe(last.employer.legalRepIdNumber);
    expect(stored.employer.averageStaffCount).toBe(260);
  });

  it('offers and flags the same on a phone', async () => {
    const other = syntheticFiling(23_500_002, { year: reviewYear - 1, employees: 2 });
    const [e0, e1] = other.employees as [Employee, Employee];
    await storeUnitFiling(system.db, { ...other, employees: [e0, { ...e1, employedTo: `${reviewYear - 1}-09-30` }] }, reviewYear - 1, 'certified');
    const page = await browser.page(await system.login({ role: 'employer', uscc: other.employer.uscc }), PHONE);
    await page.goto(`${system.apiUrl}/portal/new`);
    await page.locator('[data-testid=last-year-offer]').waitFor({ timeout: 30_000 });
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '44-last-year-offer-phone');
    await page.click('[data-testid=last-year-start]');
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid=last-year-started]').waitFor();
    await page.fill('#averageStaffCount', '40');
    await page.fill('#averageAnnualWage', '70000');
    await page.click('[data-testid=wizard-next]');
    await page.locator('[data-testid=confirmation-list]').waitFor({ timeout: 10_000 });
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, '43-last-year-confirm-phone');
    await page.click('[data-testid=confirm-employee-1]');
    expect(await page.locator('[data-testid=confirmation-list]').count()).toBe(0);
    expect(await page.locator('[data-testid=needs-confirmation-1]').count()).toBe(0);
  });

  it('copies last year at the window without the masked numbers', async () => {
    const page = await browser.page(await system.login({ role: 'clerk', regionCode: last.employer.regionCode }));
    await page.goto(`${system.apiUrl}/workbench/intake`);
    await page.waitForSelector('[data-testid=employer-form]');
    await page.fill('#uscc', last.employer.uscc);
    await page.locator('[data-testid=last-year-offer]').waitFor({ timeout: 30_000 });
    await page.click('[data-testid=last-year-start]');
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid=last-year-started]').waitFor();
    expect(await page.locator('#name').inputValue()).toBe(last.employer.name);
    expect(await page.locator('#legalRepIdNumber').inputValue()).toBe('');
    // The clerk types the numbers and the new year's figures from the paper.
    await page.fill('#legalRepIdNumber', last.employer.legalRepIdNumber);
    await page.fill('#legalRepPhone', last.employer.legalRepPhone);
    await page.fill('#handlerPhone', last.employer.handlerPhone);
    await page.fill('#averageStaffCount', '255');
    await page.fill('#averageAnnualWage', '81000');
    await page.click('[data-testid=intake-next]');
    await page.locator('[data-testid=confirmation-list]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=employee-cell-0-name] input').inputValue()).toBe(last.employees[0]!.name);
    expect(await page.locator('[data-testid=employee-cell-0-idNumber] input').inputValue()).toBe('');
    expect(await page.locator('[data-testid=needs-confirmation-1]').innerText()).toBe('待确认');
    await screenshot(page, '45-last-year-window');
  });
});
