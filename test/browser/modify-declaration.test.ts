// A modification that changes one field, in a real Chromium against the whole system (issue 18): the employer's
// certified filing, feedback asking to modify approved by the county's reviewer; on the page every personal number
// is shown masked and left so, one employee's wage is changed, and the declaration goes back for review. The
// departments find the same people by the numbers kept as filed. A masked number edited by hand is named at its
// field. Screenshots: 35-modify-one-field, 36-modify-masked-number-error, 37-modify-one-field-phone.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '../../platform/masking.ts';
import { BrowserSession, launchChromium, PHONE, SCREENSHOT_DIR, screenshot } from '../support/browser.ts';
import { certifyAndApproveFeedback, fileAndReview, filingWhen } from '../support/filing-steps.ts';
import { buildScenario, simDataDirWith } from '../support/review-scenarios.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const COUNTY = '330106';
// Three people every department knows, employed the whole year: each counts.
const scenario = buildScenario({
  seed: 951_207,
  regionCode: COUNTY,
  averageStaffCount: 120,
  averageAnnualWage: 90_000,
  employees: [{ cert: { kind: 'disability', grade: 3 } }, { cert: { kind: 'disability', grade: 4 } }, { cert: { kind: 'disability', grade: 2 } }],
});
const filed = scenario.filing;
const NEW_WAGE = 80_400;

let system: TestSystem;
let browser: BrowserSession;
let filingId: string;
let employer: string;
let firstResult: { certifiedCount: number };

async function panelOf(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.page(employer, viewport);
  await page.goto(`${system.apiUrl}/portal/filings/${filingId}`);
  await page.waitForSelector('[data-testid=modify-declaration-panel] [data-testid=employee-table]', { timeout: 60_000 });
  return page;
}

/** The table scrolled so that `cell` is in the middle, as a person looking at it would have it. */
async function centre(cell: Locator): Promise<void> {
  await cell.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
}

beforeAll(async () => {
  system = await startTestSystem({ SIM_DATA_DIR: await simDataDirWith([scenario]) });
  browser = new BrowserSession(await launchChromium());
  const made = await fileAndReview(system, filed);
  filingId = made.id;
  employer = made.employer;
  firstResult = made.reviewed.review;
  expect(firstResult.certifiedCount).toBeGreaterThan(0);
  await certifyAndApproveFeedback(system, { id: filingId, employer, regionCode: COUNTY }, '第 2 名职工的实际支付工资填报有误，申请修改');
}, 300_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe('modifying a declaration after approved feedback', { timeout: 180_000 }, () => {
  it('keeps every masked number that is left alone, and names one edited by hand at its field', async () => {
    // On a phone the panel fits the width; the list scrolls within its own frame.
    const phone = await panelOf(PHONE);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    // What the phone's screen shows at the list (the whole page is six screens long).
    await centre(phone.locator('[data-testid=employee-cell-0-idNumber]'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, '37-modify-one-field-phone.png') });

    const page = await panelOf();
    const panel = page.locator('[data-testid=modify-declaration-panel]');
    // Every number as filed, masked, and nothing asks for it again.
    expect(await page.inputValue('#legalRepIdNumber')).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(await page.inputValue('#handlerPhone')).toBe(maskPhone(filed.employer.handlerPhone));
    const idCell = page.locator('[data-testid=employee-cell-0-idNumber] input');
    expect(await idCell.inputValue()).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(await panel.locator('[data-testid=kept-number]').count()).toBe(9);
    expect(await panel.locator('[data-testid=employee-problems]').count()).toBe(0);

    // A masked phone edited around its asterisks is nobody's number: said at that cell, naming the field.
    const phoneCell = page.locator('[data-testid=employee-cell-2-phone] input');
    const shownPhone = await phoneCell.inputValue();
    await phoneCell.fill(shownPhone.slice(0, -1) + (shownPhone.endsWith('1') ? '2' : '1'));
    await phoneCell.blur();
    const cellMessage = page.locator('[data-testid=employee-cell-2-phone]');
    await expect.poll(() => cellMessage.innerText()).toContain('联系电话只显示了部分号码，对不上原申报中的号码，请填写完整的号码');
    expect(await panel.locator('[data-testid=employee-problems]').innerText()).toContain('第 3 名残疾职工的联系电话只显示了部分号码');
    await centre(cellMessage);
    await screenshot(page, '36-modify-masked-number-error');
    // Put back as it was shown, it is kept again.
    await phoneCell.fill(shownPhone);
    await phoneCell.blur();
    await expect.poll(() => panel.locator('[data-testid=employee-problems]').count()).toBe(0);

    // The one change: the second employee's wage.
    const wage = page.locator('[data-testid=employee-cell-1-annualWage] input');
    await wage.fill(String(NEW_WAGE));
    await wage.blur();
    await page.click('[data-testid=modify-accepted]');
    await centre(page.locator('[data-testid=employee-cell-1-annualWage]'));
    await screenshot(page, '35-modify-one-field');
    await page.click('[data-testid=submit-modification]');
    await page.waitForSelector('.ant-message:has-text("修改已保存")', { timeout: 30_000 });
    expect(await page.locator('[data-testid=modify-errors]').count()).toBe(0);
  });

  it('reviews the declaration again with the numbers as filed and the one change', async () => {
    const rereviewed = await filingWhen(system, employer, filingId, 'the re-review', (f) => f.status === 'awaiting_confirmation' && f.history.some((h: { step: string }) => h.step === 're-review'));
    // The departments found the same people: by their whole numbers, kept.
    expect(rereviewed.review.certifiedCount).toBe(firstResult.certifiedCount);
    const { rows } = await system.db.query<{ declaration: typeof filed }>('select declaration from filings where id = $1', [filingId]);
    const stored = rows[0]!.declaration;
    expect(stored.employees.map((e) => e.annualWage)).toEqual(filed.employees.map((e, i) => (i === 1 ? NEW_WAGE : e.annualWage)));
    expect(stored.employees.map(({ annualWage: _w, ...rest }) => rest)).toEqual(filed.employees.map(({ annualWage: _w, ...rest }) => JSON.parse(JSON.stringify(rest))));
    for (const field of ['legalRepIdNumber', 'legalRepPhone', 'handlerPhone'] as const) expect(stored.employer[field]).toBe(filed.employer[field]);
    expect(JSON.stringify(stored)).not.toContain('*');
  });
});
