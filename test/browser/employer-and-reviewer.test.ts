// The pages as their people use them, in a real Chromium against the whole system: an employer signs in, fills in
// the unit, imports an employee list with one bad row, fixes it, submits and disputes one employee with evidence; a
// county reviewer finds the task in the inbox, opens the evidence and decides; the employer sees the certified
// result and downloads the confirmation. Another unit cannot reach the filing. The main screens are saved as
// screenshots (test/support/browser.ts SCREENSHOT_DIR, named in the README).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, DESKTOP, launchChromium, ONE_PAGE_PDF, PHONE, screenshot, submitTaskForm } from '../support/browser.ts';
import { employeeCsv } from '../support/employee-csv.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const HANDLING = '330106';
const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: HANDLING, employees: 3 });
const employer = filing.employer;

let system: TestSystem;
let browser: BrowserSession;
let files: string;
let filingId: string;

/** A page signed in as someone, the way the sign-in page leaves it. */
async function pageAs(body: Record<string, unknown>, viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  return browser.page(await system.login(body), viewport);
}

const url = (p: string) => `${system.apiUrl}${p}`;

async function statusOf(page: Page): Promise<string | null> {
  return page.locator('[data-testid=filing-status]').first().getAttribute('data-status');
}

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  files = await mkdtemp(path.join(os.tmpdir(), 'pages-'));
  await writeFile(path.join(files, 'employees-bad.csv'), employeeCsv(filing.employees, 1));
  await writeFile(path.join(files, 'employees.csv'), employeeCsv(filing.employees));
  // A one-page PDF standing for the scanned labour contract.
  await writeFile(
    path.join(files, '劳动合同.pdf'),
    ONE_PAGE_PDF,
  );
}, 120_000);

afterAll(async () => {
  // A page that breaks while the test still passes is a failure too.
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  await rm(files, { recursive: true, force: true });
});

// Each step waits on the engine and the workers for up to a minute at a time: on a loaded machine a step needs that room.
describe('the employer portal and the caseworker workbench in Chromium', { timeout: 150_000 }, () => {
  it('lets an employer sign in and file, fixing the one bad row of an imported list', async () => {
    const page = await browser.page();
    await page.goto(url('/portal'));
    await page.waitForURL(/\/login/);
    // Development sign-in sits below 统一身份认证登录, folded away.
    await page.getByText('开发环境快捷入口').click();
    // The panel unfolds with an animation: the picture waits for it to settle.
    await page.waitForFunction(() => !document.querySelector('.ant-motion-collapse'));
    await screenshot(page, '01-sign-in');
    // Every role on a phone too: the choice wraps, nothing runs off the screen.
    const phone = await browser.page(undefined, PHONE);
    await phone.goto(url('/login'));
    await phone.getByText('开发环境快捷入口').click();
    await phone.waitForSelector('text=政策管理人员');
    await phone.waitForFunction(() => !document.querySelector('.ant-motion-collapse'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, '01a-sign-in-phone');
    await page.fill('#uscc', employer.uscc);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/portal/);
    await page.goto(url('/portal/new'));
    await page.waitForSelector('[data-testid=employer-form]');

    const pick = async (id: string, text: string) => {
      await page.locator(`#${id}`).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
    };
    await page.fill('#name', employer.name);
    await pick('economicType', '私营');
    await page.fill('#industryCode', employer.industryCode);
    await page.fill('#taxAuthority', employer.taxAuthority);
    await page.keyboard.press('Escape');
    await page.fill('#levyPaymentType', employer.levyPaymentType);
    await page.keyboard.press('Escape');
    await page.fill('#legalRepName', employer.legalRepName);
    // A slip in the check digit is caught as it is typed, before anything is sent.
    await page.fill('#legalRepIdNumber', employer.legalRepIdNumber.slice(0, 17) + (employer.legalRepIdNumber[17] === '1' ? '2' : '1'));
    await page.fill('#legalRepPhone', employer.legalRepPhone);
    await page.fill('#handlerName', employer.handlerName);
    await page.fill('#handlerPhone', employer.handlerPhone);
    await page.fill('#registeredAddress', employer.registeredAddress);
    await page.fill('#businessAddress', employer.businessAddress);
    await page.fill('#averageStaffCount', String(employer.averageStaffCount));
    await page.fill('#averageAnnualWage', String(employer.averageAnnualWage));
    await page.click('[data-testid=wizard-next]');
    await expect.poll(() => page.locator('[data-testid=employer-form]').innerText()).toContain('校验位');
    await screenshot(page, '02-unit-check-digit');
    await page.fill('#legalRepIdNumber', employer.legalRepIdNumber);
    await page.click('[data-testid=wizard-next]');

    // The list with a wrong check digit in its second row: the row is named, nothing else is lost.
    await page.setInputFiles('[data-testid=import-file]', path.join(files, 'employees-bad.csv'));
    await page.waitForSelector('[data-testid=import-errors]');
    const errors = await page.locator('[data-testid=import-errors]').innerText();
    expect(errors).toContain('第 3 行');
    expect(errors).toContain('身份证号');
    await screenshot(page, '03-import-bad-row');
    // Fixed in the spreadsheet and imported again.
    await page.setInputFiles('[data-testid=import-file]', path.join(files, 'employees.csv'));
    await expect.poll(() => page.locator('[data-testid=employee-table] tbody tr.ant-table-row').count()).toBe(3);
    await expect.poll(async () => page.locator('[data-testid=import-errors]').count()).toBe(0);
    await page.click('[data-testid=wizard-next]');
    await page.click('[data-testid=commitment-accepted]');
    await page.click('[data-testid=wizard-next]');
    await screenshot(page, '04-submit');
    await page.click('[data-testid=submit-filing]');
    await page.waitForURL(/\/portal\/filings\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    filingId = page.url().split('/').at(-1)!;
    await expect.poll(() => statusOf(page), { timeout: 60_000 }).toBe('awaiting_confirmation');
    await page.waitForSelector('[data-testid=review-result]');
    await screenshot(page, '05-automatic-result');
  });

  it('lets the employer dispute one employee with evidence', async () => {
    const page = await pageAs({ role: 'employer', uscc: employer.uscc });
    await page.goto(url(`/portal/filings/${filingId}`));
    await page.waitForSelector('[data-testid=confirm-result-panel]', { timeout: 30_000 });
    await page.click('[data-testid=decision-dispute]');
    await page.locator('[data-testid=review-row-0] .ant-checkbox-input').check();
    await page.setInputFiles('[data-testid=evidence-file-0]', path.join(files, '劳动合同.pdf'));
    await expect.poll(() => page.locator('[data-testid=evidence-0]').innerText(), { timeout: 15_000 }).toContain('劳动合同.pdf');
    await page.fill('[data-testid=dispute-reason]', '该职工 2025 年全年在岗，劳动合同见附件，请人工核实。');
    await screenshot(page, '06-dispute');
    await page.click('[data-testid=submit-confirmation]');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForSelector('.ant-message:has-text("异议已提交")', { timeout: 30_000 });
    await expect.poll(() => statusOf(page), { timeout: 60_000 }).toBe('manual_review');
  });

  it("lets the county's reviewer find the task, open the evidence and decide", async () => {
    const page = await pageAs({ role: 'reviewer', regionCode: HANDLING });
    await page.goto(url('/workbench'));
    const row = page.locator(`[data-testid=task-table] tr[data-task-kind="review-employee"]`).filter({ hasText: employer.name });
    // The inbox reads the tasks when opened: read again until the engine has made the review task.
    await expect.poll(async () => (await row.count()) || (await page.reload(), await page.waitForSelector('[data-testid=task-table]'), row.count()), { timeout: 60_000 }).toBe(1);
    await expect(row.locator('[data-testid=working-days-left]').innerText()).resolves.toMatch(/10 个工作日/);
    await screenshot(page, '07-inbox');
    await row.locator('[data-testid=task-handle]').click();
    await page.waitForSelector('[data-testid=task-form] .fjs-container');
    // The disputed employee's evidence, previewed beside the form.
    await page.getByRole('tab', { name: '材料' }).click();
    await page.locator('[data-testid=document-preview-button]').first().click();
    await page.waitForSelector('[data-testid=document-preview] iframe, [data-testid=document-preview] img');
    // Named as the employer uploaded it; the PDF viewer's toolbar, which would name it after its object URL, hidden.
    expect(await page.locator('[data-testid=document-preview-name]').innerText()).toBe('预览：劳动合同.pdf');
    expect(await page.locator('[data-testid=document-preview] iframe').getAttribute('src')).toMatch(/^blob:.*#toolbar=0/);
    await screenshot(page, '08-review-with-evidence');
    expect(await page.locator('[data-testid=task-form]').innerText()).toContain('第 1 名职工的人工审核');
    const phone = await browser.page(await system.login({ role: 'reviewer', regionCode: HANDLING }), PHONE);
    await phone.goto(page.url());
    await phone.waitForSelector('[data-testid=task-form] .fjs-container');
    expect(await phone.locator('[data-testid=task-form]').innerText()).toContain('第 1 名职工的人工审核');
    await screenshot(phone, '08a-review-phone');
    const count = page.locator('[data-testid=task-form] .fjs-container').getByLabel('认定计入', { exact: true });
    await count.check();
    await page.locator('[data-testid=task-form] textarea').fill('劳动合同齐全，经电话核实全年在岗，予以认定');
    expect(await count.isChecked()).toBe(true);
    await submitTaskForm(page);
  });

  it('shows the employer the certified result and hands over the confirmation PDF', async () => {
    const page = await pageAs({ role: 'employer', uscc: employer.uscc });
    await page.goto(url(`/portal/filings/${filingId}`));
    await page.waitForSelector('[data-testid=confirm-result-panel]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=manual-review-message]').first().innerText()).toContain('经人工审核');
    await page.click('[data-testid=decision-confirm]');
    await page.click('[data-testid=submit-confirmation]');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForSelector('[data-testid=certificate-panel]', { timeout: 60_000 });
    // The status entry is the worker's step after the certificate: the page watches until it arrives.
    await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe('certified');
    // The feedback deadline the page states is the one the deployed diagram computed for this filing.
    const feedbackWindow = page.locator('[data-testid=feedback-window]');
    await expect.poll(async () => (await feedbackWindow.count()) && (await feedbackWindow.innerText()), { timeout: 60_000 }).toMatch(/请在 .+ 前提交反馈/);
    const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
    const held = await system.rest.get<{ value: string }>(`/process-instance/${instance!.id}/variables/feedbackDueAt`);
    const heldDay = new Date(new Date(held.value).getTime() + 8 * 3_600_000);
    const heldDate = `${heldDay.getUTCFullYear()}年${heldDay.getUTCMonth() + 1}月${heldDay.getUTCDate()}日`;
    const stated = `请在 ${heldDate} 前提交反馈`;
    expect(await feedbackWindow.innerText()).toContain(stated);
    expect(await page.locator('[data-testid=detail-next-step]').innerText()).toContain(`有异议可在 ${heldDate} 前提交反馈`);
    await screenshot(page, '09-certified');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-certificate]')]);
    const saved = path.join(files, 'confirmation.pdf');
    await download.saveAs(saved);
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(saved)).subarray(0, 5).toString()).toBe('%PDF-');

    // On a phone the same page fits the width.
    const phone = await pageAs({ role: 'employer', uscc: employer.uscc }, PHONE);
    await phone.goto(url(`/portal/filings/${filingId}`));
    await phone.waitForSelector('[data-testid=certificate-panel]');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect.poll(() => phone.locator('[data-testid=feedback-window]').innerText(), { timeout: 30_000 }).toContain(stated);
    await screenshot(phone, '10-certified-phone');
  });

  it("keeps another unit out of the filing, whatever the address says", async () => {
    const other = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: HANDLING });
    const page = await pageAs({ role: 'employer', uscc: other.employer.uscc });
    await page.goto(url(`/portal/filings/${filingId}`));
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('未找到');
    expect(await page.locator('body').innerText()).not.toContain(employer.name);
    const pdf = await page.evaluate(async (id) => (await fetch(`/api/filings/${id}/certificate.pdf`)).status, filingId);
    expect(pdf).toBe(404);
  });
});
