// The employer's filing page in a real Chromium from the result to a re-review (issue 18): on a 375 px phone every
// employee of the result and of the declared list is a card whose 认定结果, 计入月数, 原因说明 and numbers lie within
// the screen; once certified the page gives the feedback deadline the process computed (暂定 when provisional);
// feedback filed on the page is shown at once with its state, then the reviewer's answer; while the filing is
// reviewed again the old confirmation says the new result will replace it; an estimate resting on a provisional
// average social wage says so. Screenshots 45–48 (README tour).
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { completeFilingTask, filingWhen } from '../support/filing-steps.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const HANDLING = '330106';
const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: HANDLING, employees: 3 });
// With an employee's ID number in it: read back, the number is masked like every personal number the unit is shown.
const FEEDBACK_ABOUT = '上年在职职工年平均人数填报有误，应为 180 人，请同意修改。';
const FEEDBACK = `${FEEDBACK_ABOUT}另：第 1 名职工身份证号为 ${filing.employees[0]!.idNumber}。`;

let system: TestSystem;
let browser: BrowserSession;
let employer: string;
let reviewer: string;
let filingId: string;

const detailUrl = () => `${system.apiUrl}/portal/filings/${filingId}`;

/** The filing page, signed in as the unit, once it shows `ready`. */
async function openFiling(ready: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.page(employer, viewport);
  await page.goto(detailUrl());
  await page.waitForSelector(ready, { timeout: 60_000 });
  return page;
}

/** The element lies within the phone's width: seen without scrolling sideways. */
async function expectWithinPhone(element: Locator, what: string): Promise<void> {
  expect(await element.isVisible(), what).toBe(true);
  const box = await element.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, what).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, what).toBeLessThanOrEqual(PHONE.width);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** 2026-12-16T23:59:59+0800 → 2026年12月16日, the day in China. */
function chinaDay(instant: string): string {
  const day = new Date(new Date(instant).getTime() + 8 * 3_600_000);
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
}

const feedbackItems = (page: Page) => page.locator('[data-testid=filed-feedback-item]');

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  employer = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  reviewer = await system.login({ role: 'reviewer', regionCode: HANDLING });
  const filed = await system.request('POST', '/api/filings', { token: employer, body: filing });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  filingId = filed.body.id as string;
}, 120_000);

afterAll(async () => {
  // A page that breaks while the test still passes is a failure too.
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

// Each step waits on the engine and the workers for up to a minute at a time: on a loaded machine a step needs that room.
describe("the employer's result, feedback and re-review", { timeout: 150_000 }, () => {
  it("shows the employer's result on a 375 px phone as a card per employee, nothing off screen", async () => {
    const result = await filingWhen(system, employer, filingId, 'the automatic result', (f) => f.status === 'awaiting_confirmation' && f.review !== null);
    const phone = await openFiling('[data-testid=review-table][data-layout=cards]', PHONE);
    for (const e of result.review.employees as { index: number; countedMonths: number; name: string }[]) {
      const card = phone.locator(`[data-testid=review-row-${e.index}]`);
      expect(await card.innerText()).toContain(e.name);
      for (const column of ['outcome', 'countedMonths', 'contribution', 'reasons']) {
        await expectWithinPhone(card.locator(`[data-column=${column}]`), `employee ${e.index + 1}'s ${column}`);
      }
      expect(await card.locator('[data-column=countedMonths]').innerText()).toBe(`${e.countedMonths} / 12`);
      expect(await card.locator('[data-column=outcome]').innerText()).toMatch(/^(全年计入|部分月份计入|不计入)$/);
      expect((await card.locator('[data-column=reasons]').innerText()).trim()).not.toBe('');
    }
    // The months open under a card, within the screen too.
    await phone.locator('[data-testid=review-row-0] [data-testid=card-expand]').click();
    const months = phone.locator('[data-testid=review-row-0] [data-testid=month-cell]');
    await expect.poll(() => months.count()).toBe(12);
    await expectWithinPhone(months.nth(11), 'the twelfth month');
    await phone.locator('[data-testid=review-row-0] [data-testid=card-expand]').click();
    await expect.poll(() => months.count()).toBe(0);
    // Disputing picks employees on the cards as it does on the table's rows.
    await phone.click('[data-testid=decision-dispute]');
    await phone.locator('[data-testid=review-row-1] .ant-checkbox-input').check();
    await expect.poll(() => phone.locator('[data-testid=disputed-employees]').innerText()).toContain(result.review.employees[1].name);
    await phone.click('[data-testid=decision-confirm]');
    await noSidewaysScroll(phone);
    await screenshot(phone, '45-result-phone-cards');

    // The declared list, the same.
    await phone.getByRole('tab', { name: /残疾职工/ }).click();
    await phone.waitForSelector('[data-testid=declared-employee-list][data-layout=cards]');
    for (let i = 0; i < filing.employees.length; i++) {
      const card = phone.locator(`[data-testid=declared-employee-${i}]`);
      expect(await card.innerText()).toContain(filing.employees[i]!.name);
      for (const column of ['idNumber', 'certNumber', 'employmentType', 'period', 'annualWage']) {
        await expectWithinPhone(card.locator(`[data-column=${column}]`), `declared employee ${i + 1}'s ${column}`);
      }
      // Masked for the unit, as the table shows them.
      expect(await card.locator('[data-column=idNumber]').innerText()).toMatch(/\*/);
    }
    await noSidewaysScroll(phone);
    await screenshot(phone, 'declared-employees-phone');

    // At a desk it stays a table.
    const desk = await openFiling('[data-testid=review-result] tr[data-testid=review-row-0]');
    expect(await desk.locator('[data-layout=cards]').count()).toBe(0);
    expect(await desk.locator('[data-testid=review-result] tr[data-testid^=review-row-]').count()).toBe(result.review.employees.length);
    // Every average social wage shipped is provisional (docs/review.md §Reference data): the estimate says so.
    expect(result.review.levyEstimate.provisional).toBe(true);
    const caveat = desk.locator('[data-testid=review-figures] [data-testid=levy-caveat]');
    expect(await caveat.getAttribute('data-provisional')).toBe('true');
    expect(await caveat.innerText()).toBe('以税务部门核定为准；社会平均工资为暂定值');
    await screenshot(desk, 'result-provisional-wage');
  });

  it('gives the feedback deadline the process computed once certified, marked 暂定 while provisional', async () => {
    await completeFilingTask(system, employer, filingId, 'confirm-result', { confirmationDecision: 'confirm' });
    const certified = await filingWhen(system, employer, filingId, 'certified with its feedback window open', (f) => f.status === 'certified' && f.feedbackWindow?.state === 'open' && f.feedbackWindow.dueAt);
    const window = certified.feedbackWindow as { dueAt: string; provisional: boolean };
    const page = await openFiling('[data-testid=certificate-panel]');
    const panel = page.locator('[data-testid=feedback-window]');
    const banner = page.locator('[data-testid=detail-next-step]');
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain(`请在 ${chinaDay(window.dueAt)} 前提交反馈`);
    expect((await panel.innerText()).includes('暂定')).toBe(window.provisional);
    expect(await banner.innerText()).toContain(`有异议可在 ${chinaDay(window.dueAt)}${window.provisional ? '（暂定）' : ''} 前提交反馈`);

    // Counted across a year whose holidays are not published, the diagram marks the deadline provisional: said so.
    const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
    const flag = `/process-instance/${instance!.id}/variables/feedbackDueAtProvisional`;
    await system.rest.put(flag, { value: !window.provisional, type: 'Boolean' });
    try {
      await page.reload();
      await page.waitForSelector('[data-testid=feedback-window]');
      expect((await page.locator('[data-testid=feedback-window]').innerText()).includes('暂定')).toBe(!window.provisional);
      expect((await banner.innerText()).includes(`${chinaDay(window.dueAt)}（暂定） 前提交反馈`)).toBe(!window.provisional);
    } finally {
      await system.rest.put(flag, { value: window.provisional, type: 'Boolean' });
    }
  });

  it('shows feedback the moment it is filed, with its state, and then the reviewer’s answer', async () => {
    const page = await openFiling('[data-testid=feedback-reason]');
    expect(await feedbackItems(page).count()).toBe(0);
    await page.fill('[data-testid=feedback-reason]', FEEDBACK);
    await page.click('[data-testid=submit-feedback]');
    // At once, without reading the page again: the feedback, its state, and no empty form asking for another.
    await feedbackItems(page).first().waitFor({ timeout: 5_000 });
    expect(await feedbackItems(page).first().getAttribute('data-state')).toBe('awaiting');
    expect(await feedbackItems(page).first().innerText()).toContain(FEEDBACK_ABOUT);
    expect(await feedbackItems(page).first().innerText()).toContain('已提交，等待残联审核');
    expect(await page.locator('[data-testid=feedback-reason]').count()).toBe(0);
    expect(await page.locator('[data-testid=feedback-panel]').innerText()).not.toContain('请在');
    await expect.poll(() => page.locator('[data-testid=detail-next-step]').innerText(), { timeout: 30_000 }).toMatch(/反馈已提交，等待残联审核|反馈审核中/);
    await screenshot(page, '46-feedback-filed');

    // Read again later, on a phone: the same, from the server.
    const phone = await openFiling('[data-testid=filed-feedback-item]', PHONE);
    const readBack = await feedbackItems(phone).innerText();
    expect(readBack).toContain(FEEDBACK_ABOUT);
    expect(readBack).not.toContain(filing.employees[0]!.idNumber);
    expect(readBack).toContain(`${filing.employees[0]!.idNumber.slice(0, 4)}**********${filing.employees[0]!.idNumber.slice(-4)}`);
    await expectWithinPhone(feedbackItems(phone), 'the filed feedback');
    await noSidewaysScroll(phone);
    await screenshot(phone, '47-feedback-filed-phone');

    // The county agrees (an approval carries no reason), and the old confirmation is to be replaced.
    await completeFilingTask(system, reviewer, filingId, 'review-feedback', { feedbackDecision: 'approve' });
    await filingWhen(system, employer, filingId, 'the feedback approved', (f) => f.feedback.at(-1)?.state === 'approved');
    const answered = await openFiling('[data-testid=filed-feedback-item][data-state=approved]');
    const item = await feedbackItems(answered).innerText();
    expect(item).toContain('已同意');
    expect(item).not.toContain('残联意见');
    expect(await answered.locator('[data-testid=certificate-replaced-note]').innerText()).toContain('原确认书将由新的认证结果取代');
  });

  it('marks the old confirmation as to be replaced while the filing is reviewed again, and no longer once certified again', async () => {
    const first = (await system.request('GET', `/api/filings/${filingId}/certificate`, { token: employer })).body.code as string;
    const modified = { ...filing, employer: { ...filing.employer, averageStaffCount: filing.employer.averageStaffCount + 20 } };
    const put = await system.request('PUT', `/api/filings/${filingId}/declaration`, { token: employer, body: modified });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await completeFilingTask(system, employer, filingId, 'modify-declaration', { declarationModified: true });
    await filingWhen(system, employer, filingId, 'the new result after the re-review', (f) =>
      f.status === 'awaiting_confirmation' && f.history.some((h: { step: string }) => h.step === 're-review'));

    const page = await openFiling('[data-testid=confirm-result-panel]');
    const note = page.locator('[data-testid=certificate-replaced-note]');
    expect(await note.innerText()).toContain('重新审核中：原确认书将由新的认证结果取代');
    expect(await page.locator('[data-testid=certificate-code]').innerText()).toBe(first);
    await screenshot(page, '48-re-review-replaces-certificate');

    await completeFilingTask(system, employer, filingId, 'confirm-result', { confirmationDecision: 'confirm' });
    await filingWhen(system, employer, filingId, 'certified again', (f) => f.status === 'certified');
    const again = await openFiling('[data-testid=certificate-panel]');
    await expect.poll(() => again.locator('[data-testid=certificate-code]').innerText(), { timeout: 30_000 }).not.toBe(first);
    expect(await again.locator('[data-testid=certificate-replaced-note]').count()).toBe(0);
  });
});
