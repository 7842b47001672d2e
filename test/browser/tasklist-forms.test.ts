// Every Camunda Form of forms/ as a caseworker sees it in Operaton's own Tasklist (form-js 1.8, in a real
// Chromium): one user task per form, each opened in the Tasklist, its fields shown with their Chinese labels, the
// values a form shows from the process (read-only fields, `{{…}}` in text) filled in.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { launchChromium } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

interface Component {
  type: string;
  key?: string;
  label?: string;
  text?: string;
  conditional?: { hide?: string };
  components?: Component[];
}
interface FormFile {
  id: string;
  components: Component[];
}

const forms: FormFile[] = readdirSync(path.join(projectRoot, 'forms'))
  .filter((f) => f.endsWith('.form'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(projectRoot, 'forms', f), 'utf8')) as FormFile);

/** The labels a person sees before answering anything: inputs without a hide condition, nested ones included. */
function visibleLabels(components: readonly Component[]): string[] {
  return components.flatMap((c) => [
    ...(c.label && !c.conditional?.hide ? [c.label] : []),
    ...(c.components && !c.conditional?.hide ? visibleLabels(c.components) : []),
  ]);
}

// What the forms show from the process, as the procedure would have set it.
const PROCESS_VALUES: Record<string, { value: unknown; type: string }> = {
  employeeNumber: { value: '3', type: 'String' },
  feedbackReason: { value: '平均在职职工人数填报有误，应为 180 人', type: 'String' },
  feedbackReviewNote: { value: '同意修改在职职工人数', type: 'String' },
  departmentErrorMessage: { value: '医保缴费接口返回的数据不符合约定', type: 'String' },
  levyCollected: { value: 38400, type: 'Double' },
  errorCode: { value: 'INVALID_VARIABLES', type: 'String' },
  errorMessage: { value: '流程变量不合规', type: 'String' },
  registerStatus: { value: 'deregistered', type: 'String' },
  registerChangeEffectiveOn: { value: '2026-06-15', type: 'String' },
};

/** One user task per form, side by side. */
function galleryDiagram(): string {
  const tasks = forms
    .map((f, i) => `<bpmn:userTask id="task-${i}" name="表单 ${f.id}" operaton:formRef="${f.id}" operaton:formRefBinding="latest"><bpmn:incoming>in-${i}</bpmn:incoming><bpmn:outgoing>out-${i}</bpmn:outgoing></bpmn:userTask>
      <bpmn:sequenceFlow id="in-${i}" sourceRef="fork" targetRef="task-${i}" /><bpmn:sequenceFlow id="out-${i}" sourceRef="task-${i}" targetRef="join" />`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
  id="form-gallery-definitions" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="form-gallery" name="表单一览" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-fork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="to-fork" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork"><bpmn:incoming>to-fork</bpmn:incoming>${forms.map((_, i) => `<bpmn:outgoing>in-${i}</bpmn:outgoing>`).join('')}</bpmn:parallelGateway>
    ${tasks}
    <bpmn:parallelGateway id="join">${forms.map((_, i) => `<bpmn:incoming>out-${i}</bpmn:incoming>`).join('')}<bpmn:outgoing>to-end</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:sequenceFlow id="to-end" sourceRef="join" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

let system: TestSystem;
let browser: Browser;
let page: Page;
const taskOfForm = new Map<string, string>();

beforeAll(async () => {
  // The project's forms are deployed by the system's start; the gallery names them by key.
  system = await startTestSystem({ WORKERS: 'off' });
  await deployDiagram(system.rest, 'form-gallery', galleryDiagram(), 'form-gallery');
  const instance = await system.rest.post<{ id: string }>('/process-definition/key/form-gallery/start', { variables: PROCESS_VALUES });
  const tasks = await system.rest.get<{ id: string; taskDefinitionKey: string }[]>('/task', { processInstanceId: instance.id });
  for (const task of tasks) taskOfForm.set(forms[Number(task.taskDefinitionKey.slice('task-'.length))]!.id, task.id);

  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const { baseUrl } = inject('engine');
  await page.goto(`${baseUrl}/operaton/app/tasklist/default/`);
  await page.fill('input[ng-model="username"]', 'admin');
  await page.fill('input[ng-model="password"]', inject('engineAdminPassword'));
  await page.click('button[type="submit"]');
  await page.waitForSelector('input[ng-model="username"]', { state: 'detached' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe("every form in Operaton's Tasklist", () => {
  it('has one task per form of forms/', () => {
    expect(forms.length).toBeGreaterThanOrEqual(8);
    expect([...taskOfForm.keys()].sort()).toEqual(forms.map((f) => f.id).sort());
  });

  for (const formFile of forms) {
    it(`renders ${formFile.id} with its labels and the process's values`, async () => {
      const { baseUrl } = inject('engine');
      await page.goto(`${baseUrl}/operaton/app/tasklist/default/#/?task=${taskOfForm.get(formFile.id)}&detailsTab=task-detail-form`);
      const container = page.locator('.fjs-container');
      await container.waitFor({ timeout: 20_000 });
      const labels = (await container.locator('.fjs-form-field-label').allInnerTexts()).map((l) => l.replace(/\s*\*$/, '').trim());
      for (const label of visibleLabels(formFile.components)) expect(labels, `${formFile.id}: ${label}`).toContain(label);
      const text = await container.innerText();
      if (formFile.id === 'manual-review') expect(text).toContain('第 3 名职工的人工审核');
      if (formFile.id === 'review-feedback') {
        expect(await container.locator('textarea').first().inputValue()).toBe('平均在职职工人数填报有误，应为 180 人');
      }
    });
  }
});
