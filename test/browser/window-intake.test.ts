// The window's own wizard in a real Chromium against the whole system: a clerk of the county files on a unit's
// behalf from its paper — the unit typed in, the employee list imported from the template, the materials found
// incomplete with what is missing, one worker dispatched by an agency counted here — then scans the paper and the
// dispatch agreement onto the filing. The filing is registered as submitted,
// awaiting acceptance, with what is missing in its history. The screen is saved as a screenshot (README "A tour of
// the pages").
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, ONE_PAGE_PDF, PHONE, screenshot } from '../support/browser.ts';
import { employeeCsv } from '../support/employee-csv.ts';
import { fillIntakeUnit, importIntakeEmployees, openIntake } from '../support/intake-wizard.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const COUNTY = '330106';
const MISSING = '缺少残疾职工劳动合同复印件';
// Two contract employees and a worker dispatched by an agency, the agreement counting the worker here.
const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: COUNTY, employees: 2, dispatched: { count: 1 } });
const agency = filing.employees[2]!.dispatchAgencyUscc!;
const employer = filing.employer;

let system: TestSystem;
let browser: BrowserSession;
let files: string;
let clerkToken: string;

const url = (p: string) => `${system.apiUrl}${p}`;

/** A page signed in as the county's window clerk, the way the sign-in page leaves it. */
const clerkPage = (): Promise<Page> => browser.page(clerkToken);

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  clerkToken = await system.login({ role: 'clerk', regionCode: COUNTY });
  files = await mkdtemp(path.join(os.tmpdir(), 'intake-'));
  await writeFile(path.join(files, 'employees.csv'), employeeCsv(filing.employees));
  // A one-page PDF standing for the scanned paper declaration.
  await writeFile(
    path.join(files, '申报材料扫描件.pdf'),
    ONE_PAGE_PDF,
  );
  await writeFile(path.join(files, '劳务派遣协议.pdf'), ONE_PAGE_PDF);
}, 120_000);

afterAll(async () => {
  // A page that breaks while the test still passes is a failure too.
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  await rm(files, { recursive: true, force: true });
});

describe("the window clerk's intake in Chromium", () => {
  it('files a unit from its paper with materials missing, scans the paper onto it, and the filing awaits acceptance', async () => {
    const page = await clerkPage();
    await openIntake(page, system.apiUrl);
    await fillIntakeUnit(page, employer, COUNTY);
    await importIntakeEmployees(page, path.join(files, 'employees.csv'), filing.employees.length, async () => {
      // The dispatched worker came with the agency and the agreement; the step asks for the agreement.
      expect(await page.locator('[data-testid=employee-cell-2-dispatchAgencyUscc] input').inputValue()).toBe(agency);
      expect(await page.locator('[data-testid=employee-cell-2-dispatchCountedHere]').innerText()).toContain('是，计入本单位');
      expect(await page.locator('[data-testid=employee-cell-0-dispatchAgencyUscc] input').isDisabled()).toBe(true);
      expect(await page.locator('[data-testid=dispatch-agreement-request]').isVisible()).toBe(true);
      await page.locator('[data-testid=employee-cell-2-dispatchCountedHere]').scrollIntoViewIfNeeded();
      await screenshot(page, '11a-window-intake-dispatched-worker');
    });

    // The paper is incomplete: what is missing is written down, the signed letter checked.
    await page.locator('[data-testid=intake-materials-complete]').getByText('材料不齐全，待补正').click();
    await page.fill('[data-testid=intake-missing-materials]', MISSING);
    expect(await page.locator('[data-testid=intake-signer]').inputValue()).toBe(employer.legalRepName);
    await page.click('[data-testid=intake-commitment-accepted]');
    await page.click('[data-testid=intake-submit]');

    // Filed: the scans are uploaded onto it.
    await page.waitForSelector('[data-testid=document-upload]', { timeout: 20_000 });
    expect(await page.locator('[data-testid=intake-errors]').count()).toBe(0);
    await page.setInputFiles('[data-testid=document-upload] input[type=file]', path.join(files, '申报材料扫描件.pdf'));
    await page.click('[data-testid=document-upload-submit]');
    await expect.poll(() => page.locator('[data-testid=document-row]').filter({ hasText: '申报材料扫描件.pdf' }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, '11-window-intake');

    // The agreement of the dispatched worker's agency is expected, and uploaded on the spot from the paper.
    const agencyLine = page.locator('[data-testid=dispatch-agency]').filter({ hasText: agency });
    await expect.poll(() => agencyLine.innerText()).toContain('待上传');
    await page.setInputFiles('[data-testid=dispatch-agreement-upload] input[type=file]', path.join(files, '劳务派遣协议.pdf'));
    await page.click('[data-testid=dispatch-agreement-upload-submit]');
    await expect.poll(() => agencyLine.innerText(), { timeout: 15_000 }).toContain('已上传 1 份');
    await expect.poll(() => page.locator('[data-testid=document-row][data-kind=dispatch_agreement]').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('[data-testid=dispatch-agreements]').scrollIntoViewIfNeeded();
    await screenshot(page, '11b-window-intake-dispatch-agreement');

    await page.click('[data-testid=intake-open-filing]');
    await page.waitForURL(/\/workbench\/filings\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const filingId = page.url().split('/').at(-1)!;
    // The process writes the history as it goes: asked of the API until the note is there, then seen on the page.
    const detail = async () => (await system.request('GET', `/api/filings/${filingId}`, { token: clerkToken })).body;
    const noted = (body: { history?: { status: string; note?: string | null }[] }) => body.history?.some((h) => h.status === 'submitted' && h.note === MISSING) ?? false;
    await expect.poll(async () => noted(await detail()), { timeout: 30_000 }).toBe(true);
    expect(await detail()).toMatchObject({ channel: 'window', status: 'submitted', employer: { uscc: employer.uscc } });
    await page.reload();
    await page.waitForSelector('[data-testid=filing-view]');
    await page.getByRole('tab', { name: '办理过程' }).click();
    expect(await page.locator('[data-testid=timeline-entry][data-status=submitted]').filter({ hasText: MISSING }).count()).toBeGreaterThan(0);

    const documents = await system.request('GET', `/api/filings/${filingId}/documents`, { token: clerkToken });
    expect(documents.status).toBe(200);
    expect(JSON.stringify(documents.body)).toContain('申报材料扫描件.pdf');
    expect(documents.body.items).toContainEqual(expect.objectContaining({ kind: 'dispatch_agreement', employeeIndex: 2, originalName: '劳务派遣协议.pdf' }));

    // On a phone the caseworkers' 材料 tab shows the agreement beside its agency, and the declaration the agency.
    const phone = await browser.page(clerkToken, PHONE);
    await phone.goto(url(`/workbench/filings/${filingId}`));
    await phone.waitForSelector('[data-testid=filing-view]');
    await phone.getByRole('tab', { name: '材料' }).click();
    const onPhone = phone.locator('[data-testid=dispatch-agency]').filter({ hasText: agency });
    await expect.poll(() => onPhone.innerText(), { timeout: 15_000 }).toContain('已上传 1 份');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, '11c-dispatch-agreement-phone');
  }, 120_000);
});
