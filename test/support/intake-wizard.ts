// The window clerk's intake wizard (/workbench/intake) as a clerk fills it from a unit's paper: the unit typed in,
// then the employee list imported from the template. Leaves the page on the third step, the paper's check.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Filing } from '../../filings/declaration/filing.ts';

/** Opens the wizard from the workbench menu, as a clerk at a desk does (on a phone the menu folds away: its address). */
export async function openIntake(page: Page, baseUrl: string, via: 'menu' | 'address' = 'menu'): Promise<void> {
  if (via === 'address') {
    await page.goto(`${baseUrl}/workbench/intake`);
  } else {
    await page.goto(`${baseUrl}/workbench`);
    await page.getByRole('menuitem', { name: '窗口代为申报' }).click();
    await page.waitForURL(/\/workbench\/intake$/);
  }
  await page.waitForSelector('[data-testid=employer-form]');
}

/** Types in the unit of `filing` (of county `county`) and goes on to the employees. */
export async function fillIntakeUnit(page: Page, employer: Filing['employer'], county: string): Promise<void> {
  // The long lists (counties, federations) are searched as a clerk would, by typing.
  // A field's row as the clerk reads it: its label and the value chosen.
  const shown = (id: string) => page.locator(`.ant-form-item:has(#${id})`).innerText();
  const pick = async (id: string, text: string, search?: string) => {
    // What the code already filled (nature, county, federation) is left as it is, as a clerk would.
    if ((await shown(id)).includes(text)) return;
    await page.locator(`#${id}`).click();
    if (search) await page.keyboard.type(search);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  };
  await page.fill('#uscc', employer.uscc);
  // The code fills the county (and nature and federation) a moment later; picking before it would race it.
  await expect.poll(() => shown('regionCode'), { timeout: 30_000 }).toContain(`（${county}）`);
  await page.fill('#name', employer.name);
  await pick('unitNature', '企业');
  await pick('economicType', '私营');
  await page.fill('#industryCode', employer.industryCode);
  await pick('regionCode', `（${county}）`, county);
  await pick('dpfAuthority', `（${county}）`, county);
  await page.fill('#taxAuthority', employer.taxAuthority);
  await page.keyboard.press('Escape');
  await page.fill('#levyPaymentType', employer.levyPaymentType);
  await page.keyboard.press('Escape');
  await page.fill('#legalRepName', employer.legalRepName);
  await page.fill('#legalRepIdNumber', employer.legalRepIdNumber);
  await page.fill('#legalRepPhone', employer.legalRepPhone);
  await page.fill('#handlerName', employer.handlerName);
  await page.fill('#handlerPhone', employer.handlerPhone);
  await page.fill('#registeredAddress', employer.registeredAddress);
  await page.fill('#businessAddress', employer.businessAddress);
  await page.fill('#averageStaffCount', String(employer.averageStaffCount));
  await page.fill('#averageAnnualWage', String(employer.averageAnnualWage));
  await page.click('[data-testid=intake-next]');
  await reachEmployeeStep(page);
}

/**
 * Waits for the employees' step after 下一步. The steps stay in the page, hidden, so a refused unit step would let the
 * import run unseen: a refusal is reported with the form's own messages; a tap the page did not take is tapped again,
 * as a clerk would.
 */
async function reachEmployeeStep(page: Page): Promise<void> {
  const employees = page.locator('[data-testid=employee-import]');
  for (let tap = 0; tap < 2; tap++) {
    if (await employees.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) return;
    const errors = await page.locator('[data-testid=employer-form] .ant-form-item-explain-error').allInnerTexts();
    if (errors.length > 0) throw new Error(`the unit step was refused: ${errors.join('; ')}`);
    await page.click('[data-testid=intake-next]');
  }
  await employees.waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * Imports the employee list from the CSV at `csvPath` (of `count` employees) and goes on to the paper's check;
 * `beforeNext` looks at the imported list first.
 */
export async function importIntakeEmployees(page: Page, csvPath: string, count: number, beforeNext?: () => Promise<void>): Promise<void> {
  await page.setInputFiles('[data-testid=import-file]', csvPath);
  // The list is read on a thread of its own (the first import after a start boots it): wait for the server's answer,
  // not for a row count the table's blank row may already match.
  await page.waitForSelector('[data-testid=import-result], [data-testid=import-file-error]', { timeout: 30_000 });
  expect(await page.locator('[data-testid=import-file-error]').count()).toBe(0);
  await expect.poll(() => page.locator('[data-testid=employee-table] tbody tr.ant-table-row').count()).toBe(count);
  await beforeNext?.();
  await page.click('[data-testid=intake-next]');
}
