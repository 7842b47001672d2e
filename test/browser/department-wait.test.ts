// The employer's filing page while a department does not answer, in a real Chromium at a desk and on a phone: the
// page names the department and says the operators have it, instead of "the page will refresh" for ever (issue 18,
// second blocker); then the operator finds the stopped check under its department in 故障处理, retries the group once
// the department is back, and the filing goes on to its result. Screenshots: 20-department-wait-desktop / -phone,
// 22-incidents-desktop / -phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { setDepartmentOutage } from '../support/department-outage.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;

beforeAll(async () => {
  system = await startTestSystem({ WORKER_RETRIES: '1', WORKER_RETRY_BACKOFF_MS: '200' });
  browser = new BrowserSession(await launchChromium());
}, 120_000);

afterAll(async () => {
  if (system?.simulators) await setDepartmentOutage(system, 'medical', false);
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
});

describe("the employer's page while a department does not answer", { timeout: 240_000 }, () => {
  it('names the department and says the operators have it, at 1366 px and at 375 px', async () => {
    await setDepartmentOutage(system, 'medical', true);
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

    // The operator's side: the stopped check under its department, with the unit it holds up.
    const operator = await system.login({ role: 'operator' });
    const unit = filing.employer.name;
    const listed = await system.request('GET', '/api/operations/incidents', { token: operator });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const incident = (listed.body.incidents as any[]).find((i) => i.filing?.id === id);
    expect(incident, JSON.stringify(listed.body)).toMatchObject({ department: '医疗保障（医疗保险）', retryable: true, filing: { unitName: unit } });
    for (const [viewport, name] of [[PHONE, 'phone'], [undefined, 'desktop']] as const) {
      const page = await browser.page(operator, viewport);
      await page.goto(`${system.apiUrl}/workbench/incidents`);
      const group = page.locator('[data-testid=incident-group]', { hasText: '医疗保障（医疗保险）' });
      await group.waitFor({ timeout: 30_000 });
      expect(await group.innerText()).toContain(unit);
      // On a phone each incident is a card, its step and cause on screen rather than off to the side of a table.
      if (name === 'phone') expect(await group.locator('[data-testid=incident-card]').innerText()).toContain(incident.step.name);
      await screenshot(page, `22-incidents-${name}`);
      if (name === 'desktop') {
        // The department is back: the whole group is retried with one click, and the list empties.
        await setDepartmentOutage(system, 'medical', false);
        await group.locator('[data-testid=retry-group]').click();
        await page.getByText(/已重试 \d+ 项/).waitFor({ timeout: 30_000 });
        await group.waitFor({ state: 'detached', timeout: 30_000 });
      }
    }
    const resumed = await eventually('the filing to go on to its result', async () => {
      const res = await system.request('GET', `/api/filings/${id}`, { token });
      return res.body.status === 'awaiting_confirmation' ? res.body : undefined;
    }, 60_000);
    expect(resumed.departmentWait).toBeNull();
    const retries = await system.db.query(`select actor_role from audit_log where action = 'incident.retry' and subject_id = $1`, [id]);
    expect(retries.rows).toEqual([{ actor_role: 'operator' }]);
  });
});
