// A deadline changed in the modeler and read on the intake page (issue 18): policy staff change the acceptance
// deadline from 3 to 5 working days in the properties panel's number field and deploy it; the window's intake page
// then tells the clerk the unit will be accepted within 5 working days, the filing is held to 5, and when it is
// missed the county lead's escalation says "超过 5 个工作日". The intake page is walked at 1366 px and at a 375 px
// phone; the modeler, a desk tool, at 1366 px. Screenshots: 30-deadline-number-field,
// 31-intake-reads-deployed-deadline, 32-intake-deadline-phone, 33-escalation-reads-deployed-deadline.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, DESKTOP, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { employeeCsv } from '../support/employee-csv.ts';
import { fillIntakeUnit, importIntakeEmployees, openIntake } from '../support/intake-wizard.ts';
import { openGroup, restoreShipped } from '../support/modeler.ts';
import { fireTimer } from '../support/process-timers.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

// Gongshu, Hangzhou: no other browser suite files there.
const COUNTY = '330105';
const NOTE = '依据省残联通知，材料不齐全的受理期限由 3 个工作日调整为 5 个工作日';
const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: COUNTY, employees: 1 });
const calendar = new WorkingDayCalendar();

let system: TestSystem;
let browser: BrowserSession;
let files: string;
let filingId: string;

const url = (p: string) => `${system.apiUrl}${p}`;

async function latestVersion(): Promise<number> {
  const res = await system.request('GET', '/api/definitions/process/annual-review/versions', { token: await system.login({ role: 'policy' }) });
  expect(res.status).toBe(200);
  return res.body[0].version;
}

/** The acceptance compute task open in the modeler's properties panel, its deadline group open. */
async function openAcceptanceDeadline(page: Page): Promise<void> {
  await page.goto(url('/modeler/process/annual-review/edit?element=compute-acceptance-due'));
  await page.waitForSelector('.bio-properties-panel-header:has-text("计算受理期限")', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=findings-none]:has-text("检查通过")', { timeout: 30_000 });
  await openGroup(page, 'group-deadline');
}

/** The clerk's intake wizard walked to the paper's check, the materials marked incomplete. */
async function intakeWithMaterialsMissing(page: Page, via: 'menu' | 'address'): Promise<void> {
  await openIntake(page, system.apiUrl, via);
  await fillIntakeUnit(page, filing.employer, COUNTY);
  await importIntakeEmployees(page, path.join(files, 'employees.csv'), filing.employees.length);
  await page.locator('[data-testid=intake-materials-complete]').getByText('材料不齐全，待补正').click();
}

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  files = await mkdtemp(path.join(os.tmpdir(), 'deadline-'));
  await writeFile(path.join(files, 'employees.csv'), employeeCsv(filing.employees));
}, 180_000);

afterAll(async () => {
  // The engine serves the whole run: the suites after this one find the shipped diagram again.
  if (system) await restoreShipped(system, ['annual-review.bpmn']);
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  if (files) await rm(files, { recursive: true, force: true });
});

describe('a deadline changed in the modeler and read on the intake page', { timeout: 180_000 }, () => {
  it('shows the working days as a number field, refuses a count the worker would refuse, and deploys 5', async () => {
    const page = await browser.page(await system.login({ role: 'policy' }), DESKTOP);
    await openAcceptanceDeadline(page);
    const group = page.locator('[data-group-id="group-deadline"]');
    expect(await group.locator('.bio-properties-panel-group-header').innerText()).toContain('期限（工作日）');
    const workingDays = page.locator('#bio-properties-panel-deadline-workingDays');
    const remindBefore = page.locator('#bio-properties-panel-deadline-remindBefore');
    expect(await workingDays.getAttribute('type')).toBe('number');
    expect(await workingDays.inputValue()).toBe('3');
    expect(await remindBefore.inputValue()).toBe('1');
    expect(await group.locator('label[for="bio-properties-panel-deadline-workingDays"]').innerText()).toBe('工作日天数');
    expect(await group.locator('label[for="bio-properties-panel-deadline-remindBefore"]').innerText()).toBe('提前提醒工作日数');
    // Not twice: the generic inputs no longer list the counts as `${3}`, only what has no field of its own.
    await openGroup(page, 'group-CamundaPlatform__Input');
    const inputs = await page.locator('[data-group-id="group-CamundaPlatform__Input"] .bio-properties-panel-collapsible-entry-header').allInnerTexts();
    expect(inputs.join(' ')).toContain('from');
    expect(inputs.join(' ')).not.toContain('workingDays');

    // 0 working days is no deadline: said on the field, nothing changed in the diagram.
    await workingDays.fill('0');
    await expect.poll(() => group.locator('[data-entry-id="deadline-workingDays"] .bio-properties-panel-error').textContent().catch(() => null)).toBe('请填写 1 至 365 之间的整数');
    expect(await page.locator('.ant-tag:has-text("已修改，未部署")').count()).toBe(0);

    await workingDays.fill('5');
    await page.waitForSelector('.ant-tag:has-text("已修改，未部署")');
    await page.waitForSelector('[data-testid=findings-none]:has-text("检查通过")', { timeout: 20_000 });
    await screenshot(page, '30-deadline-number-field');

    const before = await latestVersion();
    await page.click('[data-testid=deploy]');
    await page.fill('[data-testid=deploy-note]', NOTE);
    await page.click('[data-testid=deploy-confirm]');
    await page.waitForURL(new RegExp(`/edit\\?version=${before + 1}$`), { timeout: 30_000 });
    const source = await system.request('GET', `/api/definitions/process/annual-review/versions/${before + 1}/source`, { token: await system.login({ role: 'policy' }) });
    expect(source.body as string).toMatch(/<bpmn:serviceTask id="compute-acceptance-due"[^>]*>\s*<bpmn:extensionElements>\s*<operaton:inputOutput>\s*<operaton:inputParameter name="workingDays">\$\{5\}</);

    // Opened again, the deployed version holds 5 in the same field.
    await openAcceptanceDeadline(page);
    expect(await workingDays.inputValue()).toBe('5');
  });

  it('tells the clerk at the window that an incomplete filing is accepted within 5 working days, at a desk and on a phone', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: COUNTY });
    const phone = await browser.page(clerk, PHONE);
    await intakeWithMaterialsMissing(phone, 'address');
    const phoneNote = phone.locator('[data-testid=intake-acceptance-note]');
    await expect.poll(() => phoneNote.innerText()).toBe('材料不齐全的，系统将告知单位待受理及原因，并在 5 个工作日内由窗口办理受理。');
    await phoneNote.scrollIntoViewIfNeeded();
    await screenshot(phone, '32-intake-deadline-phone');

    const page = await browser.page(clerk, DESKTOP);
    await intakeWithMaterialsMissing(page, 'menu');
    const note = page.locator('[data-testid=intake-acceptance-note]');
    await expect.poll(() => note.innerText()).toBe('材料不齐全的，系统将告知单位待受理及原因，并在 5 个工作日内由窗口办理受理。');
    await page.fill('[data-testid=intake-missing-materials]', '缺少残疾职工劳动合同复印件');
    await page.click('[data-testid=intake-commitment-accepted]');
    await screenshot(page, '31-intake-reads-deployed-deadline');
    await page.click('[data-testid=intake-submit]');
    await page.waitForSelector('[data-testid=intake-open-filing]', { timeout: 20_000 });
    await page.click('[data-testid=intake-open-filing]');
    await page.waitForURL(/\/workbench\/filings\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    filingId = page.url().split('/').at(-1)!;

    // What the page said is what the process holds the window to.
    const task = await eventually('the acceptance task', async () => {
      const res = await system.request('GET', '/api/tasks', { token: clerk });
      return (res.body.items as any[]).find((t) => t.filing?.id === filingId && t.taskDefinitionKey === 'acceptance');
    });
    expect(new Date(task.due).getTime()).toBe(new Date(calendar.deadline(new Date(task.created), 5).dueAt).getTime());
  });

  it("gives the county lead an escalation that says 5 working days when the acceptance is missed", async () => {
    expect(filingId).toBeDefined();
    await fireTimer(system, filingId, 'acceptance-overdue');
    const lead = await system.login({ role: 'lead', regionCode: COUNTY });
    await eventually('the escalation on the filing', async () => {
      const res = await system.request('GET', `/api/filings/${filingId}`, { token: lead });
      return res.body.escalations?.length ? true : undefined;
    });
    const page = await browser.page(lead, DESKTOP);
    await page.goto(url(`/workbench/filings/${filingId}`));
    await page.waitForSelector('[data-testid=filing-view]', { timeout: 30_000 });
    await page.getByRole('tab', { name: /督办记录/ }).click();
    const escalations = page.locator('[data-testid=escalations]');
    await expect.poll(() => escalations.innerText()).toContain('申报受理已逾期');
    expect(await escalations.innerText()).toContain(`${filing.employer.name} 的 ${filing.year} 年度年审申报超过 5 个工作日仍未受理`);
    await screenshot(page, '33-escalation-reads-deployed-deadline');
  });
});
