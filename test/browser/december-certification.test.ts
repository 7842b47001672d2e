// A certification in December, next year's holidays not yet published (issue 18, first blocker), walked as the
// people meet it in Chromium: the employer confirms, and a minute later files feedback without being told the window
// has passed; the reviewer sees the tax hand-over's deadline marked 暂定; policy staff publish the year from the
// State Council's notice, and the deadline becomes final, moved where the year's days moved it.
// Screenshots: 23-december-provisional-desktop / -phone, 24-december-published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { readNoticeOnPage } from '../support/holiday-notice-page.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
const published: number[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
}, 120_000);

afterAll(async () => {
  // The years this walk published are unpublished again: later suites find the calendar as the package left it.
  for (const year of published) {
    await system.db.query(`delete from calendar_days where day between make_date($1, 1, 1) and make_date($1, 12, 31)`, [year]);
    await system.db.query('delete from calendar_years where year = $1', [year]);
  }
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

const instant = (text: string) => new Date(text).getTime();

async function processVariables(filingId: string): Promise<Record<string, { value: unknown }>> {
  const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
  return system.rest.get(`/process-instance/${instance!.id}/variables`, { deserializeValues: 'false' });
}

describe('a December certification with next year unpublished', { timeout: 300_000 }, () => {
  it('opens feedback at once, marks the tax deadline 暂定, and makes it final once the year is published', async () => {
    const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { employees: 1 });
    const employer = await system.login({ role: 'employer', uscc: filing.employer.uscc });
    const filed = await system.request('POST', '/api/filings', { token: employer, body: filing });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    await eventually('the automatic result', async () => {
      const res = await system.request('GET', `/api/filings/${id}`, { token: employer });
      return res.body.status === 'awaiting_confirmation' ? true : undefined;
    }, 120_000);

    // The employer confirms; the filing is certified.
    const page = await browser.page(employer);
    await page.goto(`${system.apiUrl}/portal/filings/${id}`);
    await page.waitForSelector('[data-testid=confirm-result-panel]', { timeout: 60_000 });
    await page.click('[data-testid=decision-confirm]');
    await page.click('[data-testid=submit-confirmation]');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForSelector('[data-testid=filing-status][data-status=certified]', { timeout: 60_000 });

    // The tax hand-over's 20 working days reach into a year nobody has published: counted provisionally, not stopped.
    const variables = await eventually('the deadlines of the certification', async () => {
      const v = await processVariables(id);
      return typeof v.taxDueAt?.value === 'string' && typeof v.feedbackDueAt?.value === 'string' ? v : undefined;
    }, 60_000);
    const certifiedAt = String(variables.certifiedAt!.value);
    const expected = (await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(certifiedAt)}&workingDays=20&provisional=true`, { token: employer })).body;
    expect(expected.provisional, 'this walk needs the tax hand-over to end in a year not yet published: December or later').toBe(true);
    expect(instant(String(variables.taxDueAt!.value))).toBe(instant(expected.dueAt));
    expect(variables.taxDueAtProvisional?.value).toBe(true);
    expect(await system.rest.get<unknown[]>('/incident', { processInstanceId: (await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: id }))[0]!.id })).toEqual([]);

    // A minute later the employer files feedback: the window is open, with the process's own date.
    const window = page.locator('[data-testid=feedback-window]');
    await page.waitForFunction(() => document.querySelector('[data-testid=feedback-window]')?.textContent?.includes('前提交反馈'), undefined, { timeout: 60_000 });
    const feedbackDue = new Date(instant(String(variables.feedbackDueAt!.value)) + 8 * 3_600_000);
    expect(await window.innerText()).toContain(`${feedbackDue.getUTCFullYear()}年${feedbackDue.getUTCMonth() + 1}月${feedbackDue.getUTCDate()}日`);
    expect(await page.getByText('反馈期已').count()).toBe(0);
    await page.fill('[data-testid=feedback-reason]', '平均在职职工人数填报有误，申请修改');
    await page.click('[data-testid=submit-feedback]');
    await eventually('the feedback to reach a reviewer', async () => {
      const tasks = await system.rest.get<unknown[]>('/task', { processInstanceBusinessKey: id, taskDefinitionKey: 'review-feedback' });
      return tasks.length === 1 ? tasks : undefined;
    }, 60_000);
    expect(await page.locator('[data-testid=feedback-refusal]').count()).toBe(0);

    // The reviewer reads the filing's deadlines: the tax hand-over marked 暂定.
    const reviewer = await system.login({ role: 'reviewer', regionCode: filing.employer.regionCode });
    for (const [viewport, name] of [[undefined, 'desktop'], [PHONE, 'phone']] as const) {
      const staff = await browser.page(reviewer, viewport);
      await staff.goto(`${system.apiUrl}/workbench/filings/${id}`);
      await staff.getByRole('tab', { name: '办理过程' }).click();
      const tax = staff.locator('[data-testid=deadline-taxDueAt]');
      await tax.waitFor({ timeout: 30_000 });
      expect(await tax.innerText()).toContain('暂定');
      await screenshot(staff, `23-december-provisional-${name}`);
    }

    // Policy staff publish each provisional year from the notice; the deadline is counted again and final.
    const policy = await system.login({ role: 'policy' });
    const calendarPage = await browser.page(policy);
    for (const year of expected.provisionalYears as number[]) {
      await readNoticeOnPage(calendarPage, system.apiUrl, year);
      await calendarPage.click('[data-testid=publish]');
      const result = calendarPage.locator('[data-testid=publish-result]');
      await result.waitFor({ timeout: 30_000 });
      published.push(year);
      expect(await result.innerText()).toContain(`已发布 ${year} 年的节假日安排`);
    }
    const final = (await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(certifiedAt)}&workingDays=20`, { token: employer })).body;
    expect(final.dueAt, JSON.stringify(final)).toBeTruthy();
    const moved = await processVariables(id);
    expect(instant(String(moved.taxDueAt!.value))).toBe(instant(final.dueAt));
    expect(moved.taxDueAtProvisional?.value).toBe(false);

    const staff = await browser.page(reviewer);
    await staff.goto(`${system.apiUrl}/workbench/filings/${id}`);
    await staff.getByRole('tab', { name: '办理过程' }).click();
    const tax = staff.locator('[data-testid=deadline-taxDueAt]');
    await tax.waitFor({ timeout: 30_000 });
    const due = new Date(instant(final.dueAt) + 8 * 3_600_000);
    expect(await tax.innerText()).toBe(`${due.getUTCFullYear()}年${due.getUTCMonth() + 1}月${due.getUTCDate()}日`);
    await screenshot(staff, '24-december-published');
  });
});
