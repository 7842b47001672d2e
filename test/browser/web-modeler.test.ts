// The web modeler as policy staff use it, in a real Chromium against the whole system (issue 13): a policy officer
// opens annual-review, changes the manual-review deadline from 10 to 12 working days in the properties panel and
// deploys it with a note — a filing started afterwards gets 12 working days, one started before keeps 10; a raised
// minimum wage is previewed against stored filings (the figures worked out by hand in policy-preview.test.ts) and
// deployed; the two versions are compared; a diagram with a topic no worker serves is refused with the finding on
// the element; the province may look but not deploy. The main screens are saved as screenshots (README).
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { BrowserSession, DESKTOP, launchChromium, screenshot } from '../support/browser.ts';
import { deployFromEditor, ensureNoFindings, latestVersion as latestOf, openGroup, restoreShipped } from '../support/modeler.ts';
import { buildScenario, simDataDirWith, type Scenario } from '../support/review-scenarios.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

/** Longer than the server's own bound on a deployment's checks (20 s), so a slow check shows as its answer, not a time-out here. */
const DEPLOY_ANSWER_MS = 40_000;

// Linping, Hangzhou: minimum wage tier 1 (the city's), 2490 yuan from 2025-01. Not Lin'an, whose season
// policy-preview.test.ts counts exactly in the same run's database.
const COUNTY = '330113';
const DEADLINE_NOTE = '依据省残联通知，人工审核期限由 10 个工作日调整为 12 个工作日';
const WAGE_NOTE = '第一档月最低工资标准由 2490 元调整为 2700 元';
const calendar = new WorkingDayCalendar();

// As in policy-preview.test.ts: lowWage's one employee is paid 2600 a month, under a minimum raised to 2700.
const S = {
  lowWage: buildScenario({ seed: 940_001, regionCode: COUNTY, averageStaffCount: 100, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 4 }, monthlyWage: 2600 }] }),
  wellPaid: buildScenario({ seed: 940_002, regionCode: COUNTY, averageStaffCount: 50, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 3 } }] }),
  later: buildScenario({ seed: 940_003, regionCode: COUNTY, averageStaffCount: 40, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 2 } }] }),
} satisfies Record<string, Scenario>;
const ids: Partial<Record<keyof typeof S, string>> = {};

let system: TestSystem;
let browser: BrowserSession;
let dataDir: string;

const url = (p: string) => `${system.apiUrl}${p}`;

async function pageAs(body: Record<string, unknown>): Promise<Page> {
  return browser.page(await system.login(body), DESKTOP);
}

/** Files a scenario's declaration as its employer and waits for the automatic result to be stored. */
async function fileAndReview(name: keyof typeof S): Promise<string> {
  const scenario = S[name];
  const token = await system.login({ role: 'employer', uscc: scenario.filing.employer.uscc });
  const res = await system.request('POST', '/api/filings', { token, body: scenario.filing });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  await eventually(`filing ${name} to await confirmation`, async () => {
    const rows = await system.db.query(`select 1 from filings f join filing_reviews r on r.filing_id = f.id where f.id = $1 and f.status = 'awaiting_confirmation'`, [id]);
    return rows.rowCount ? true : undefined;
  }, 90_000);
  ids[name] = id;
  return id;
}

/** The employer disputes employee 1 with evidence; answers the county reviewer's task for that employee. */
async function disputeFirstEmployee(name: keyof typeof S): Promise<{ due: string; created: string }> {
  const scenario = S[name];
  const id = ids[name]!;
  const employer = await system.login({ role: 'employer', uscc: scenario.filing.employer.uscc });
  const evidence = new FormData();
  evidence.append('kind', 'evidence');
  evidence.append('employeeIndex', '0');
  evidence.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), '劳动合同.pdf');
  const uploaded = await fetch(url(`/api/filings/${id}/documents`), { method: 'POST', headers: { authorization: `Bearer ${employer}` }, body: evidence });
  expect(uploaded.status).toBe(201);
  const confirm = await eventually(`the confirm-result task of ${name}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token: employer });
    return (res.body.items as any[]).find((t) => t.filing?.id === id && t.taskDefinitionKey === 'confirm-result');
  });
  const done = await system.request('POST', `/api/tasks/${confirm.id}/complete`, {
    token: employer,
    body: { confirmationDecision: 'dispute', disputedEmployees: '1', disputeReason: '该职工全年在岗，请人工核实' },
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  const reviewer = await system.login({ role: 'reviewer', regionCode: COUNTY });
  return eventually(`the review-employee task of ${name}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token: reviewer });
    return (res.body.items as any[]).find((t) => t.filing?.id === id && t.taskDefinitionKey === 'review-employee');
  }, 60_000);
}

const latestVersion = (kind: 'process' | 'decision', key: string) => latestOf(system, kind, key);

beforeAll(async () => {
  dataDir = await simDataDirWith(Object.values(S));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, FILING_SEASON: 'open' });
  browser = new BrowserSession(await launchChromium());
  // Filed and reviewed before any change: they run on the first version of everything.
  await fileAndReview('lowWage');
  await fileAndReview('wellPaid');
}, 240_000);

afterAll(async () => {
  // The engine serves the whole run: the suites after this one find the shipped diagram, rules and form again.
  if (system) await restoreShipped(system, ['annual-review.bpmn', 'employee-counting.dmn', 'manual-review.form']);
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the web modeler in Chromium', { timeout: 180_000 }, () => {
  it('lets a policy officer change the manual-review deadline to 12 working days and deploy it with a note', async () => {
    const page = await pageAs({ role: 'policy' });
    await page.goto(url('/modeler'));
    await page.waitForSelector('[data-testid=definitions-process] [data-testid=open-annual-review]');
    await screenshot(page, '12-modeler-definitions');
    const before = await latestVersion('process', 'annual-review');

    // The compute task of the manual review, opened in the properties panel.
    await page.goto(url('/modeler/process/annual-review/edit?element=compute-review-due'));
    await page.waitForSelector('.bio-properties-panel-header:has-text("计算人工审核期限")', { timeout: 30_000 });
    await ensureNoFindings(page);
    // The count is a number field of its own (deadline-properties.ts), not `${10}` among the generic inputs.
    await openGroup(page, 'group-deadline');
    const workingDays = page.locator('#bio-properties-panel-deadline-workingDays');
    expect(await workingDays.inputValue()).toBe('10');
    await workingDays.fill('12');
    await page.waitForSelector('.ant-tag:has-text("已修改，未部署")');
    await ensureNoFindings(page);
    await screenshot(page, '13-modeler-deadline');

    await deployFromEditor(page, DEADLINE_NOTE, before.version + 1);
    expect(await latestVersion('process', 'annual-review')).toMatchObject({ version: before.version + 1, note: DEADLINE_NOTE, deployedBy: 'dev-policy-all' });
    const source = await system.request('GET', `/api/definitions/process/annual-review/versions/${before.version + 1}/source`, { token: await system.login({ role: 'policy' }) });
    expect(source.body as string).toMatch(/<bpmn:serviceTask id="compute-review-due" name="计算人工审核期限"[\s\S]*?<operaton:inputParameter name="workingDays">\$\{12\}</);
    // Written in Operaton's dialect, as the shipped file.
    expect(source.body as string).not.toContain('camunda:');
  });

  it('previews a raised minimum wage against the stored filings, shows what changes, and deploys it', async () => {
    const page = await pageAs({ role: 'policy' });
    const before = await latestVersion('decision', 'minimum-wage');
    await page.goto(url('/modeler/decision/minimum-wage/edit?element=minimum-wage-rule-1'));
    const cell = page.locator('td[data-element-id="minimum-wage-rule-1-out-1"]');
    await cell.waitFor({ timeout: 30_000 });
    expect((await cell.innerText()).trim()).toBe('2490');
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2700');
    await page.waitForSelector('.ant-tag:has-text("已修改，未部署")');
    await screenshot(page, '14-modeler-decision');

    await page.click('[data-testid=preview-impact]');
    await page.waitForURL(/\/modeler\/preview$/);
    await page.waitForSelector('[data-testid="candidate-employee-counting.dmn"]');
    await page.click('[data-testid=preview-region]');
    await page.locator('.ant-cascader-menu-item', { hasText: '杭州市' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '临平区' }).click();
    await page.click('[data-testid=run-preview]');
    const results = page.locator('[data-testid=preview-results]');
    await results.waitFor({ timeout: 60_000 });
    // By hand (policy-preview.test.ts): of the two filings only lowWage changes — certified 1 → 0, levy 20 000 → 108 000.
    expect(await page.locator('[data-testid=changed-count]').innerText()).toContain('1');
    expect(await page.locator('[data-testid=levy-delta]').innerText()).toContain('88,000.00');
    const changed = page.locator('[data-testid=changed-filings]');
    expect(await changed.innerText()).toContain(S.lowWage.filing.employer.name);
    expect(await changed.innerText()).not.toContain(S.wellPaid.filing.employer.name);
    await changed.locator('.ant-table-row-expand-icon').first().click();
    const flips = page.locator(`[data-testid="flips-${ids.lowWage}"]`);
    await flips.waitFor();
    expect(await flips.innerText()).toContain('低于');
    await screenshot(page, '15-policy-preview');

    // Back in the editor with the edit kept, and deployed.
    await page.click('[data-testid=back-to-editor]');
    await page.waitForSelector('td[data-element-id="minimum-wage-rule-1-out-1"]:has-text("2700")', { timeout: 30_000 });
    await deployFromEditor(page, WAGE_NOTE, before.version + 1);
    const source = await system.request('GET', `/api/definitions/decision/minimum-wage/versions/${before.version + 1}/source`, { token: await system.login({ role: 'policy' }) });
    expect(source.body as string).toMatch(/<outputEntry id="minimum-wage-rule-1-out-1">\s*<text>2700<\/text>/);
    expect(source.body as string).toContain('operaton:historyTimeToLive');
  });

  it('gives a filing started after the change 12 working days for the manual review, and one started before 10', async () => {
    await fileAndReview('later');
    const earlier = await disputeFirstEmployee('lowWage');
    const later = await disputeFirstEmployee('later');
    const dueIn = (task: { created: string }, days: number) => new Date(calendar.deadline(new Date(task.created), days).dueAt).getTime();
    expect(new Date(earlier.due).getTime()).toBe(dueIn(earlier, 10));
    expect(new Date(later.due).getTime()).toBe(dueIn(later, 12));
  });

  it('compares two versions: the changed input on the canvas and in the table, the changed cell in the decision table', async () => {
    const page = await pageAs({ role: 'policy' });
    const latest = (await latestVersion('process', 'annual-review')).version;
    await page.goto(url(`/modeler/process/annual-review/diff?from=${latest - 1}&to=${latest}`));
    const table = page.locator('[data-testid=bpmn-change-table]');
    await table.waitFor({ timeout: 30_000 });
    await expect.poll(() => table.innerText()).toContain('工作日天数');
    expect(await table.innerText()).toContain('${12}');
    await page.waitForSelector('[data-testid=diff-canvas-new] .djs-element[data-element-id="compute-review-due"]');
    await screenshot(page, '16-modeler-diff');

    const wage = (await latestVersion('decision', 'minimum-wage')).version;
    await page.goto(url(`/modeler/decision/minimum-wage/diff?from=${wage - 1}&to=${wage}`));
    const decision = page.locator('[data-testid=dmn-diff-decision-minimum-wage]');
    await decision.waitFor({ timeout: 30_000 });
    const row = decision.locator('[data-rule-id="minimum-wage-rule-1"]');
    expect(await row.getAttribute('data-status')).toBe('changed');
    expect(await row.innerText()).toMatch(/2490[\s\S]*2700/);
    await screenshot(page, '17-modeler-decision-diff');
  });

  it('refuses a diagram with a topic no worker serves, with the finding shown on the element', async () => {
    const page = await pageAs({ role: 'policy' });
    const before = await latestVersion('process', 'annual-review');
    await page.goto(url('/modeler/process/annual-review/edit?element=compute-review-due'));
    await page.waitForSelector('.bio-properties-panel-header:has-text("计算人工审核期限")', { timeout: 30_000 });
    await openGroup(page, 'group-CamundaPlatform__Implementation');
    await page.locator('#bio-properties-panel-externalTopic').fill('compute-due-date-v2');
    // Found while editing: listed, and marked on the element.
    const finding = page.locator('[data-testid=finding][data-element-id="compute-review-due"]');
    await finding.waitFor({ timeout: 20_000 });
    expect(await finding.innerText()).toContain('compute-due-date-v2');
    await page.waitForSelector('.djs-element.dpf-finding-error[data-element-id="compute-review-due"]');

    // And refused if deployed anyway.
    await page.click('[data-testid=deploy]');
    await page.fill('[data-testid=deploy-note]', '误改的任务主题');
    await page.click('[data-testid=deploy-confirm]');
    const refused = page.locator('[data-testid=deploy-refused]');
    // The server answers within its check time limit (DEPLOYMENT_CHECK_TIMEOUT_MS, 20 s, queueing included): wait past it.
    await refused.waitFor({ timeout: DEPLOY_ANSWER_MS });
    expect(await refused.innerText()).toContain('compute-due-date-v2');
    await screenshot(page, '18-modeler-refused');
    expect((await latestVersion('process', 'annual-review')).version).toBe(before.version);
  });

  it('refuses a task implemented by a Java class, marking it on the element as the officer chooses it', async () => {
    const page = await pageAs({ role: 'policy' });
    const before = await latestVersion('process', 'annual-review');
    await page.goto(url('/modeler/process/annual-review/edit?element=compute-review-due'));
    await page.waitForSelector('.bio-properties-panel-header:has-text("计算人工审核期限")', { timeout: 30_000 });
    await openGroup(page, 'group-CamundaPlatform__Implementation');
    await page.locator('#bio-properties-panel-implementationType').selectOption('class');
    await page.locator('#bio-properties-panel-javaClass').fill('cn.example.RunAnything');
    // Code on the server: marked on the element as one edits, and refused if deployed anyway, nothing deployed.
    const finding = page.locator('[data-testid=finding][data-element-id="compute-review-due"]', { hasText: 'operaton:class' });
    await finding.waitFor({ timeout: 20_000 });
    expect(await finding.innerText()).toContain('operaton:class');
    await page.waitForSelector('.djs-element.dpf-finding-error[data-element-id="compute-review-due"]');
    await page.click('[data-testid=deploy]');
    await page.fill('[data-testid=deploy-note]', '改用 Java 类');
    await page.click('[data-testid=deploy-confirm]');
    const refused = page.locator('[data-testid=deploy-refused]');
    // The server answers within its check time limit (DEPLOYMENT_CHECK_TIMEOUT_MS, 20 s, queueing included): wait past it.
    await refused.waitFor({ timeout: DEPLOY_ANSWER_MS });
    expect(await refused.innerText()).toContain('operaton:class');
    await screenshot(page, '18a-modeler-refused-code');
    expect((await latestVersion('process', 'annual-review')).version).toBe(before.version);
  });

  it('relabels a field of the manual-review form and deploys it: the next task shows the new label', async () => {
    const page = await pageAs({ role: 'policy' });
    const policy = await system.login({ role: 'policy' });
    const formVersions = async () => (await system.request('GET', '/api/definitions/form/manual-review/versions', { token: policy })).body as any[];
    const before = (await formVersions())[0].version as number;
    await page.goto(url('/modeler/form/manual-review/edit'));
    await page.locator('.fjs-editor-container .fjs-form-field', { hasText: '认定理由' }).first().click({ timeout: 30_000 });
    // form-js's label entry is a templating editor (contenteditable), not an input.
    await openGroup(page, 'group-general');
    const label = page.locator('#bio-properties-panel-label [contenteditable="true"], [contenteditable="true"]#bio-properties-panel-label').first();
    expect((await label.innerText()).trim()).toBe('认定理由');
    await label.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('认定理由及依据');
    await page.waitForSelector('.ant-tag:has-text("已修改，未部署")');
    await ensureNoFindings(page);
    await screenshot(page, '19-modeler-form');
    await page.click('[data-testid=deploy]');
    await page.fill('[data-testid=deploy-note]', '人工审核表单“认定理由”改为“认定理由及依据”');
    await page.click('[data-testid=deploy-confirm]');
    await page.waitForSelector('.ant-message:has-text("已部署")', { timeout: 30_000 });
    expect((await formVersions())[0]).toMatchObject({ version: before + 1, note: '人工审核表单“认定理由”改为“认定理由及依据”', resource: 'manual-review.form' });
    const form = (await system.request('GET', `/api/definitions/form/manual-review/versions/${before + 1}/source`, { token: policy })).body;
    expect(form).toMatchObject({ id: 'manual-review', schemaVersion: 16 });
    expect(JSON.stringify(form)).toContain('认定理由及依据');
    // Tasks bind the latest form: the open review task of the filing started after the change shows the new label.
    const reviewer = await system.login({ role: 'reviewer', regionCode: COUNTY });
    const tasks = await system.request('GET', '/api/tasks', { token: reviewer });
    const task = (tasks.body.items as any[]).find((t) => t.filing?.id === ids.later && t.taskDefinitionKey === 'review-employee');
    const detail = await system.request('GET', `/api/tasks/${task.id}`, { token: reviewer });
    expect(JSON.stringify(detail.body.form)).toContain('认定理由及依据');
  });

  it('is reached from the sign-in page as 政策管理人员', async () => {
    const page = await browser.page();
    await page.goto(url('/login'));
    await page.getByText('开发环境快捷入口').click();
    await page.getByText('政策管理人员', { exact: true }).click();
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/modeler/, { timeout: 30_000 });
  });

  it('lets the province look without deploying, and keeps caseworkers out', async () => {
    const province = await pageAs({ role: 'province' });
    await province.goto(url('/modeler/process/annual-review/edit'));
    await province.waitForSelector('.djs-element[data-element-id="compute-review-due"]', { timeout: 30_000 });
    expect(await province.locator('[data-testid=deploy]').count()).toBe(0);
    expect(await province.locator('.djs-palette').isVisible()).toBe(false);

    const reviewer = await pageAs({ role: 'reviewer', regionCode: COUNTY });
    await reviewer.goto(url('/modeler'));
    await reviewer.waitForURL(/\/workbench$/);
    const token = await system.login({ role: 'reviewer', regionCode: COUNTY });
    const res = await system.request('POST', '/api/deployments', { token, body: { note: '越权部署', resources: [{ name: 'annual-review.bpmn', content: '<x/>' }] } });
    expect(res.status).toBe(403);
  });
});
