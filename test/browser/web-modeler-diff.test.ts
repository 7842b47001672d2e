// The web modeler's diagrams, deploy dialog and version diff as policy staff see them in Chromium (issue 18): no
// two labels of a shipped diagram overlap on the canvas; the change note's character count stays clear of its help
// text at 1366 px and on a phone; and a task renamed in the editor with its working-day count changed is compared
// with its field's Chinese label (工作日天数, from the element template), without a move that did not happen, and
// with the person who deployed it named — not their sign-in id.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectResources } from '../../deployment/deploy-resources.ts';
import { overlaps, type Box } from '../../web-modeler/diff/diagram-layout.ts';
import { BrowserSession, DESKTOP, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { deployFromEditor, ensureNoFindings, latestVersion, openGroup } from '../support/modeler.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const WORKING_DAYS_NOTE = '依据省残联通知，人工审核期限由 10 个工作日调整为 12 个工作日';
const RENAME_NOTE = '任务名称与新的审核期限一致';
// A named officer: the pages must show 李明, never the sign-in id.
const OFFICER = { role: 'policy', userId: 'li.ming', name: '李明' };

let system: TestSystem;
let browser: BrowserSession;

const url = (p: string) => `${system.apiUrl}${p}`;

async function editorAt(viewport: { width: number; height: number }, address: string): Promise<Page> {
  const page = await browser.page(await system.login(OFFICER), viewport);
  await page.goto(url(address));
  await page.waitForSelector('[data-testid=editor-area] .djs-container .djs-element .djs-label', { timeout: 30_000 });
  return page;
}

interface LabelBox extends Box {
  id: string;
  text: string;
}

/** Every label drawn on the editor's canvas with its box on the page (external labels and the text inside shapes). */
function labelBoxes(page: Page): Promise<LabelBox[]> {
  return page.$$eval('[data-testid=editor-area] .djs-container .djs-element .djs-label', (labels) =>
    labels
      .map((label) => {
        const r = label.getBoundingClientRect();
        return { id: label.closest('.djs-element')!.getAttribute('data-element-id')!, text: label.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      })
      .filter((box) => box.width > 0 && box.text.trim() !== ''),
  );
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).boundingBox();
  expect(box, selector).not.toBeNull();
  return box!;
}

beforeAll(async () => {
  system = await startTestSystem();
  browser = new BrowserSession(await launchChromium());
}, 240_000);

afterAll(async () => {
  // The engine serves the whole run: the suites after this one find the shipped diagram again.
  if (system) {
    const shipped = projectResources().filter((r) => r.name === 'annual-review.bpmn');
    const restored = await system.request('POST', '/api/deployments', { token: await system.login({ role: 'policy' }), body: { note: '测试结束，恢复随系统发布的版本', resources: shipped } });
    expect([200, 201]).toContain(restored.status);
  }
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe('the web modeler’s canvas, deploy dialog and diff in Chromium', { timeout: 180_000 }, () => {
  it('draws the shipped diagrams with no label overlapping another', async () => {
    for (const key of ['annual-review', 'season-reminders']) {
      const page = await editorAt(DESKTOP, `/modeler/process/${key}/edit`);
      const boxes = await labelBoxes(page);
      expect(boxes.length).toBeGreaterThan(key === 'annual-review' ? 100 : 2);
      const overlapping: string[] = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => overlaps(a, b) && overlapping.push(`${a.id}「${a.text}」 × ${b.id}「${b.text}」`)));
      expect(overlapping, key).toEqual([]);
      // An open editor checks its file again now and then: closed, it leaves the checks to the next page.
      await page.context().close();
    }
    // Where the labels had run into each other: online and window filing part at the channel gateway.
    const page = await editorAt(DESKTOP, '/modeler/process/annual-review/edit?element=channel-decision');
    await page.waitForSelector('.bio-properties-panel-header:has-text("申报渠道")');
    await screenshot(page, '60-modeler-channel-labels');
    await page.context().close();
  });

  it('keeps the change note’s character count clear of its help text, at 1366 px and on a phone', async () => {
    for (const [viewport, name] of [[DESKTOP, '61-modeler-deploy-dialog'], [PHONE, '62-modeler-deploy-dialog-phone']] as const) {
      const page = await editorAt(viewport, '/modeler/process/annual-review/edit');
      // On a phone too the diagram opens (the panel goes under the canvas, which had been left no width).
      expect(await page.locator('.dpf-bpmn-editor .ant-alert-error').count()).toBe(0);
      expect((await boxOf(page, '.dpf-bpmn-editor__canvas')).width).toBeGreaterThan(viewport.width / 2);
      await page.click('[data-testid=deploy]');
      await page.fill('[data-testid=deploy-note]', WORKING_DAYS_NOTE);
      expect(await page.locator('.deploy-note-field .ant-input-data-count').innerText()).toBe(`${WORKING_DAYS_NOTE.length} / 500`);
      // Measured once the dialog has finished opening (it zooms in) and the note has grown to its text.
      const layout = async () => ({
        count: await boxOf(page, '.deploy-note-field .ant-input-data-count'),
        help: await boxOf(page, '.deploy-note-field .ant-form-item-explain'),
        note: await boxOf(page, '[data-testid=deploy-note]'),
      });
      let settled = await layout();
      await expect.poll(async () => {
        const now = await layout();
        const same = JSON.stringify(now) === JSON.stringify(settled);
        settled = now;
        return same;
      }, { timeout: 10_000 }).toBe(true);
      const { count, help, note } = settled;
      expect(overlaps(count, help), `counter ${JSON.stringify(count)} and help ${JSON.stringify(help)}`).toBe(false);
      expect(overlaps(count, note), `counter ${JSON.stringify(count)} and note ${JSON.stringify(note)}`).toBe(false);
      // Both inside the dialog, the counter not pushed off a phone's screen.
      expect(count.x + count.width).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, name);
      await page.getByRole('button', { name: /取\s*消/ }).click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.context().close();
    }
  });

  it('compares a renamed task with a changed working-day count: the field’s label, no move, the deployer by name', async () => {
    const base = await latestVersion(system, 'process', 'annual-review');
    // The count changed as text (the properties panel's field for it is not what this test is about) …
    const policy = await system.login(OFFICER);
    const source = await system.request('GET', `/api/definitions/process/annual-review/versions/${base.version}/source`, { token: policy });
    const twelve = (source.body as string).replace(/(<bpmn:serviceTask id="compute-review-due"[\s\S]*?<operaton:inputParameter name="workingDays">)\$\{10\}/, '$1${12}');
    expect(twelve).not.toBe(source.body);
    const deployed = await system.request('POST', '/api/deployments', { token: policy, body: { note: WORKING_DAYS_NOTE, resources: [{ name: 'annual-review.bpmn', content: twelve }] } });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);

    // … and the task renamed in the editor, which is where bpmn-js adds an (empty) label to the task's DI.
    const page = await editorAt(DESKTOP, '/modeler/process/annual-review/edit?element=compute-review-due');
    await page.waitForSelector('.bio-properties-panel-header:has-text("计算人工审核期限")', { timeout: 30_000 });
    await ensureNoFindings(page);
    await openGroup(page, 'group-general');
    await page.locator('#bio-properties-panel-name').fill('计算人工审核期限（十二个工作日）');
    await page.waitForSelector('.ant-tag:has-text("已修改，未部署")');
    await deployFromEditor(page, RENAME_NOTE, base.version + 2);
    const latest = await latestVersion(system, 'process', 'annual-review');
    expect(latest).toMatchObject({ version: base.version + 2, deployedBy: 'li.ming', deployedByName: '李明' });
    const saved = await system.request('GET', `/api/definitions/process/annual-review/versions/${latest.version}/source`, { token: policy });
    expect(saved.body as string).toMatch(/bpmnElement="compute-review-due">\s*<dc:Bounds x="3770" y="540" width="100" height="80" \/>\s*<bpmndi:BPMNLabel \/>/);

    await page.goto(url(`/modeler/process/annual-review/diff?from=${base.version}&to=${latest.version}`));
    const table = page.locator('[data-testid=bpmn-change-table]');
    await table.waitFor({ timeout: 30_000 });
    await expect.poll(() => table.innerText()).toContain('工作日天数');
    const row = await table.innerText();
    expect(row).toContain('${12}');
    expect(row).toContain('计算人工审核期限（十二个工作日）');
    expect(row).not.toContain('operaton:');
    expect(row).not.toContain('位置也有改变');
    expect(await page.locator('.ant-segmented').innerText()).toMatch(/移动\s*0/);
    const facts = await page.locator('.diff-version-pickers').innerText();
    expect(facts).toMatch(/部署人\s*[:：]?\s*李明/);
    expect(facts).not.toContain('li.ming');
    await page.locator('[data-testid=bpmn-change-table] tr', { hasText: '工作日天数' }).click();
    await screenshot(page, '63-modeler-diff-labels');

    const phone = await browser.page(await system.login(OFFICER), PHONE);
    await phone.goto(url(`/modeler/process/annual-review/diff?from=${base.version}&to=${latest.version}`));
    await expect.poll(() => phone.locator('[data-testid=bpmn-change-table]').innerText(), { timeout: 30_000 }).toContain('工作日天数');
    await screenshot(phone, '64-modeler-diff-phone');

    await page.goto(url('/modeler/process/annual-review'));
    const versions = page.locator('[data-testid=version-table]');
    await expect.poll(() => versions.innerText(), { timeout: 30_000 }).toContain('李明');
    expect(await versions.innerText()).not.toContain('li.ming');
  });
});
