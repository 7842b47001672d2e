// The employer's filing page while a department does not answer, in a real Chromium at a desk and on a phone: the
// page names the department and says the operators have it, instead of "the page will refresh" for ever (issue 18,
// second blocker). Screenshots: 20-department-wait-desktop / -phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../domain/synthetic-filing.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;

async function setOutage(department: string, outage: boolean): Promise<void> {
  const res = await fetch(`${system.simulators!.url}/_admin/faults/${department}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage, malformed: false }),
  });
  expect(res.status, await res.text()).toBe(200);
}

beforeAll(async () => {
  system = await startTestSystem({ WORKER_RETRIES: '1', WORKER_RETRY_BACKOFF_MS: '200' });
  browser = new BrowserSession(await launchChromium());
}, 120_000);

afterAll(async () => {
  if (system?.simulators) await setOutage('medical', false);
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe("the employer's page while a department does not answer", { timeout: 120_000 }, () => {
  it('names the department and says the operators have it, at 1366 px and at 375 px', async () => {
    await setOutage('medical', true);
    const filing = syntheticFiling(Math.floor(Math.random() * 1e9), { employees: 1 });
    const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
    const filed = await system.request('POST', '/api/filings', { token, body: filing });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    await eventually('the medical check to be handed to the operators', async () => {
      const res = await system.request('GET', `/api/filings/${id}`, { token });
      return res.body.departmentWait?.state === 'held' ? res.body : undefined;
    }, 60_000);

    for (const [viewport, name] of [[undefined, 'desktop'], [PHONE, 'phone']] as const) {
      const page = await browser.page(token, viewport);
      await page.goto(`${system.apiUrl}/portal/filings/${id}`);
      const note = page.locator('[data-testid=detail-next-step]');
      await note.waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=detail-next-step]')?.textContent?.includes('暂时无法核验'), undefined, { timeout: 30_000 });
      const text = await note.innerText();
      expect(text).toContain('医疗保障（医疗保险）的数据暂时无法核验，已通知工作人员处理');
      expect(text).not.toContain('页面会自动刷新');
      await screenshot(page, `20-department-wait-${name}`);
    }
  });
});
