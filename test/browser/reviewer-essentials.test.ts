// The reviewer decides with the essentials in view (issue 18), in a real Chromium against the whole system: the
// employer disputes one employee (the dispute dialog's counter clear of its help text, the header naming the unit);
// the inbox row and the task page name the employee and the unit's 异议理由 (ID number masked), with the 办理人
// column clear of the fixed 操作 column at 1366 px; the feedback task is due when the feedback window closes and is
// approved without a 说明; a deadline counted across an unpublished year reads 暂定 in the inbox and on the task.
// Screenshots 50–54.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, ONE_PAGE_PDF, PHONE, screenshot, submitTaskForm } from '../support/browser.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';
import { completeFilingTask, fileAndReview, filingTask, filingWhen } from '../support/filing-steps.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const COUNTY = '330106';
const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: COUNTY, employees: 3 });
const disputed = filing.employees[1]!;
const REASON = '该职工 2025 年全年在岗，工资由银行代发，劳动合同和工资流水见附件，请人工核实。';

// A user task due at a deadline counted across the first year nobody has published: 暂定 wherever it is shown.
const PROBE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
  id="provisional-task-probe-definitions" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="provisional-task-probe" name="暂定期限测试" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-compute</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="compute" name="计算期限" operaton:type="external" operaton:topic="compute-due-date">
      <bpmn:extensionElements><operaton:inputOutput>
        <operaton:inputParameter name="workingDays">\${10}</operaton:inputParameter>
        <operaton:inputParameter name="from">\${start}</operaton:inputParameter>
        <operaton:outputParameter name="probeDueAt">\${dueAt}</operaton:outputParameter>
        <operaton:outputParameter name="probeDueAtProvisional">\${dueAtProvisional}</operaton:outputParameter>
      </operaton:inputOutput></bpmn:extensionElements>
      <bpmn:incoming>to-compute</bpmn:incoming><bpmn:outgoing>to-task</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="provisional-probe" name="核对跨年期限" operaton:candidateGroups="reviewer-${COUNTY}" operaton:dueDate="\${probeDueAt}">
      <bpmn:incoming>to-task</bpmn:incoming><bpmn:outgoing>to-end</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to-compute" sourceRef="start" targetRef="compute" />
    <bpmn:sequenceFlow id="to-task" sourceRef="compute" targetRef="provisional-probe" />
    <bpmn:sequenceFlow id="to-end" sourceRef="provisional-probe" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

let system: TestSystem;
let browser: BrowserSession;
let files: string;
let filingId: string;

const url = (p: string) => `${system.apiUrl}${p}`;
/** A date as the pages write it (2026年12月16日), in China time. */
const chineseDay = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
/** The ID number as the pages may show it: region and last four only. */
const masked = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;

async function reviewerPage(viewport?: { width: number; height: number }): Promise<Page> {
  return browser.page(await system.login({ role: 'reviewer', regionCode: COUNTY }), viewport);
}

/** The inbox row of a task, read again until the engine has made it. */
async function inboxRow(page: Page, kind: string, hasText: string): Promise<Locator> {
  await page.goto(url('/workbench'));
  const row = page.locator(`[data-testid=task-table] tr[data-task-kind="${kind}"]`).filter({ hasText });
  await expect
    .poll(async () => (await row.count()) || (await page.reload(), await page.waitForSelector('[data-testid=task-table]'), row.count()), { timeout: 60_000 })
    .toBe(1);
  return row;
}

const boxOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box;
};

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
  files = await mkdtemp(path.join(os.tmpdir(), 'reviewer-'));
  await writeFile(path.join(files, '工资流水.pdf'), ONE_PAGE_PDF);
  filingId = (await fileAndReview(system, filing)).id;
}, 180_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  await rm(files, { recursive: true, force: true });
});

describe("the reviewer's tasks with the essentials in view", { timeout: 240_000 }, () => {
  it('lets the employer dispute one employee, the counter clear of the help text and the unit named in the header', async () => {
    const page = await browser.page(await system.login({ role: 'employer', uscc: filing.employer.uscc }));
    await page.goto(url(`/portal/filings/${filingId}`));
    await page.waitForSelector('[data-testid=confirm-result-panel]', { timeout: 30_000 });
    // The unit by its name, not its code.
    await expect.poll(() => page.locator('[data-testid=who]').innerText()).toBe(filing.employer.name);
    await page.click('[data-testid=decision-dispute]');
    await page.locator('[data-testid=review-row-1] .ant-checkbox-input').check();
    await page.setInputFiles('[data-testid=evidence-file-1]', path.join(files, '工资流水.pdf'));
    await expect.poll(() => page.locator('[data-testid=evidence-1]').innerText(), { timeout: 15_000 }).toContain('工资流水.pdf');
    await page.fill('[data-testid=dispute-reason]', REASON);
    const item = page.locator('.ant-form-item').filter({ has: page.locator('[data-testid=dispute-reason]') });
    const count = await boxOf(item.locator('.ant-input-data-count'));
    const help = await boxOf(item.locator('.ant-form-item-extra'));
    expect(count.y + count.height, 'the counter ends above the help text').toBeLessThanOrEqual(help.y + 0.5);
    await screenshot(page, '50-dispute-counter-clear');
    expect(await page.locator('[data-testid=who]').innerText()).toBe(filing.employer.name);
    await page.click('[data-testid=submit-confirmation]');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForSelector('.ant-message:has-text("异议已提交")', { timeout: 30_000 });
  });

  it("names the employee and the unit's reason in the inbox and at the top of the task, the 办理人 column in view", async () => {
    const page = await reviewerPage();
    const row = await inboxRow(page, 'review-employee', filing.employer.name);
    const rowText = await row.innerText();
    expect(rowText).toContain(disputed.name);
    expect(rowText).toContain('第 2 名');
    expect(await row.locator('[data-testid=task-dispute-reason]').innerText()).toContain(REASON.slice(0, 8));
    expect(rowText).not.toContain(disputed.idNumber);
    // At 1366 px every column fits: the fixed 操作 column covers nothing, 办理人 included.
    const header = (title: string) => page.locator('[data-testid=task-table] thead th').filter({ hasText: title }).first();
    const assignee = await boxOf(header('办理人'));
    const actions = await boxOf(header('操作'));
    expect(assignee.x + assignee.width).toBeLessThanOrEqual(actions.x + 0.5);
    expect(assignee.width).toBeGreaterThan(40);
    expect(await row.locator('td').filter({ hasText: '待认领' }).isVisible()).toBe(true);
    await screenshot(page, '51-inbox-reviewed-employee');

    await row.locator('[data-testid=task-handle]').click();
    await page.waitForSelector('[data-testid=task-form] .fjs-container');
    const facts = page.locator('[data-testid=reviewed-employee]');
    expect(await facts.locator('[data-testid=reviewed-employee-name]').innerText()).toBe(disputed.name);
    expect(await facts.locator('[data-testid=reviewed-employee-id]').innerText()).toBe(masked(disputed.idNumber));
    expect(await facts.locator('[data-testid=reviewed-employee-reason]').innerText()).toBe(REASON);
    expect(await facts.locator('[data-testid=reviewed-employee-evidence]').innerText()).toContain('工资流水.pdf');
    // Above the form: read before deciding.
    expect((await boxOf(facts)).y).toBeLessThan((await boxOf(page.locator('[data-testid=task-form]'))).y);
    await screenshot(page, '52-manual-review-essentials');
    const phone = await reviewerPage(PHONE);
    await phone.goto(page.url());
    await phone.waitForSelector('[data-testid=reviewed-employee]');
    expect(await phone.locator('[data-testid=reviewed-employee-reason]').innerText()).toBe(REASON);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, '52a-manual-review-essentials-phone');

    await page.locator('[data-testid=task-form] .fjs-container').getByLabel('认定计入', { exact: true }).check();
    await page.locator('[data-testid=task-form] textarea').fill('工资流水显示全年按月发放，予以认定');
    await submitTaskForm(page);
  });

  it('gives the feedback task the window’s end as its due date and approves it without a 说明', async () => {
    const employer = await system.login({ role: 'employer', uscc: filing.employer.uscc });
    await completeFilingTask(system, employer, filingId, 'confirm-result', { confirmationDecision: 'confirm' });
    await filingWhen(system, employer, filingId, 'certified', (f) => f.status === 'certified');
    await eventually('the feedback to be taken', async () => {
      const res = await system.request('POST', `/api/filings/${filingId}/feedback`, { token: employer, body: { reason: '平均在职职工人数填报有误，应为 180 人' } });
      return res.status === 202 ? true : undefined;
    }, 60_000);
    const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
    const variables = await system.rest.get<Record<string, { value: unknown }>>(`/process-instance/${instance!.id}/variables`);
    const windowEnds = String(variables.feedbackDueAt?.value);
    const provisional = variables.feedbackDueAtProvisional?.value === true;

    const page = await reviewerPage();
    const row = await inboxRow(page, 'review-feedback', filing.employer.name);
    expect(await row.locator('[data-testid=task-due]').innerText()).toContain(chineseDay(windowEnds));
    expect(await row.locator('[data-testid=due-provisional]').count()).toBe(provisional ? 1 : 0);
    await row.locator('[data-testid=task-handle]').click();
    await page.waitForSelector('[data-testid=task-form] .fjs-container');
    const card = page.locator('.ant-card').filter({ has: page.locator('[data-testid=task-title]') });
    expect(await card.innerText()).not.toContain('未设办理期限');
    expect(await card.locator('[data-testid=task-due]').innerText()).toContain(chineseDay(windowEnds));
    const form = page.locator('[data-testid=task-form] .fjs-container');
    // The reason for a refusal is asked only for a refusal.
    await form.getByLabel('不同意', { exact: true }).check();
    await expect.poll(() => form.locator('textarea').count()).toBe(2);
    await form.getByLabel('同意，单位可修改申报信息', { exact: true }).check();
    await expect.poll(() => form.locator('textarea').count()).toBe(1);
    expect(await form.innerText()).not.toContain('不同意的理由');
    await screenshot(page, '53-feedback-approve-no-note');
    await submitTaskForm(page);
    await filingTask(system, employer, filingId, 'modify-declaration');
  });

  it('marks a due date counted across an unpublished year 暂定 in the inbox and on the task', async () => {
    await deployDiagram(system.rest, 'provisional-task-probe', PROBE);
    const operator = await system.login({ role: 'operator' });
    const year = Number((await system.request('GET', '/api/calendar/years', { token: operator })).body.knownThrough) + 1;
    const from = `${year - 1}-12-20T09:00:00+08:00`;
    const expected = (await system.request('GET', `/api/calendar/due-date?from=${encodeURIComponent(from)}&workingDays=10&provisional=true`, { token: operator })).body;
    expect(expected.provisional).toBe(true);
    await system.rest.post('/process-definition/key/provisional-task-probe/start', { variables: { start: { value: from, type: 'String' } } });

    const page = await reviewerPage();
    const row = await inboxRow(page, 'provisional-probe', '核对跨年期限');
    expect(await row.locator('[data-testid=task-due]').innerText()).toContain(chineseDay(expected.dueAt));
    expect(await row.locator('[data-testid=due-provisional]').innerText()).toBe('暂定');
    // Counted the same provisional way as the deadline, not left 待定.
    expect(await row.locator('[data-testid=working-days-left]').innerText()).toMatch(/剩余 \d+ 个工作日|今日到期/);
    await screenshot(page, '54-inbox-provisional');
    await row.locator('[data-testid=task-handle]').click();
    await page.waitForSelector('[data-testid=task-title]');
    expect(await page.locator('[data-testid=due-provisional]').innerText()).toBe('暂定');
    // The task on a phone says it too.
    const phone = await reviewerPage(PHONE);
    await phone.goto(page.url());
    await phone.waitForSelector('[data-testid=task-title]');
    expect(await phone.locator('[data-testid=due-provisional]').innerText()).toBe('暂定');
    await screenshot(phone, '54a-task-provisional-phone');
  });
});
