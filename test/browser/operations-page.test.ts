// The operators' dashboard (/operations, 运行监控) in a real Chromium at 1366×768 and at 375 px: the operator lands on
// it when signing in; a department switched off shows failing under 部门接口 with its last error, its stopped checks
// under 故障处理, and once the department is back one click there retries them and the filings go on. The province
// sees the same and no retry button. Screenshots: operations-<tab>-desktop / -phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { setDepartmentOutage } from '../support/department-outage.ts';
import { fileOnline, filingWhen, makeTaskOverdue } from '../support/filing-steps.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const MEDICAL = '医疗保障（医疗保险）';
let system: TestSystem;
let browser: BrowserSession;

const file = () => fileOnline(system, syntheticFiling(Math.floor(Math.random() * 1e9), { employees: 1 }));

/** Opens a tab by its label; on a phone the tab list scrolls, and a click during its scroll may not take: clicked again. */
async function openTab(page: Page, label: string): Promise<void> {
  const tab = page.getByRole('tab', { name: label });
  for (let attempt = 1; ; attempt++) {
    await tab.click();
    try {
      await page.waitForFunction((name) => document.querySelector('[role=tab][aria-selected=true]')?.textContent === name, label, { timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

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

describe('运行监控 as an operator', { timeout: 300_000 }, () => {
  it('shows a department that is down, and retries its incidents from the page once it is back', async () => {
    // The test files share one database (vitest.config.ts): figures other files' systems left in the window are not this system's.
    await system.db.query('delete from worker_topic_minutes');
    // A filing that went through before the outage, one task of it overdue, and one that has stood still for long.
    const earlier = await file();
    await makeTaskOverdue(system, earlier.id, 3);
    await system.db.query(`update filings set updated_at = now() - interval '20 days' where id = $1`, [earlier.id]);

    await setDepartmentOutage(system, 'medical', true);
    const held = [await file(), await file()];
    const operator = await system.login({ role: 'operator' });
    await eventually('both medical checks to become incidents', async () => {
      const r = await system.request('GET', '/api/operations/incidents', { token: operator });
      const ids = new Set((r.body.incidents as any[]).map((i) => i.filing?.id));
      return held.every((f) => ids.has(f.id)) ? true : undefined;
    }, 90_000);
    await eventually('the figures to show the department failing', async () => {
      const r = await system.request('GET', '/api/operations/departments', { token: operator });
      return (r.body.departments as any[]).some((d) => d.department === MEDICAL && d.state === 'failing') ? true : undefined;
    });

    // The province reads every tab and is offered no retry.
    const province = await browser.page(await system.login({ role: 'province', regionCode: '330000' }));
    await province.goto(`${system.apiUrl}/operations?tab=incidents`);
    const provinceGroup = province.locator('[data-testid=incident-group]', { hasText: MEDICAL });
    await provinceGroup.waitFor({ timeout: 30_000 });
    expect(await province.locator('[data-testid=retry-group], [data-testid=retry-one]').count()).toBe(0);
    expect(await province.getByText('只读').count()).toBeGreaterThan(0);

    for (const [viewport, size] of [[PHONE, 'phone'], [undefined, 'desktop']] as const) {
      const page = await browser.page(operator, viewport);
      // Signed in, an operator starts here.
      await page.goto(system.apiUrl);
      await page.waitForURL((u) => u.pathname === '/operations', { timeout: 30_000 });
      await page.locator('[data-testid=stuck-count]').waitFor({ timeout: 30_000 });
      expect(Number(await page.locator('[data-testid=stuck-count]').innerText())).toBeGreaterThanOrEqual(1);
      if (size === 'desktop') await page.locator('[data-testid=stuck-tag]').first().waitFor();
      else await page.locator('[data-testid=running-card]').first().waitFor();
      await screenshot(page, `operations-running-${size}`);

      await openTab(page, '部门接口');
      const failing = page.locator('[data-testid=department-failing]', { hasText: MEDICAL });
      await failing.waitFor({ timeout: 30_000 });
      expect(await failing.innerText()).toMatch(/故障/);
      expect(await failing.innerText()).toMatch(/暂时无法访问/);
      await screenshot(page, `operations-departments-${size}`);

      await openTab(page, '消息与进程');
      await page.locator('[data-testid=worker-alive]').first().waitFor({ timeout: 30_000 });
      await screenshot(page, `operations-workers-${size}`);

      await openTab(page, '期限');
      await page.locator('[data-testid=deadlines] .ant-table-row').first().waitFor({ timeout: 30_000 });
      await screenshot(page, `operations-deadlines-${size}`);

      await openTab(page, '故障处理');
      const group = page.locator('[data-testid=incident-group]', { hasText: MEDICAL });
      await group.waitFor({ timeout: 30_000 });
      expect(await group.innerText()).toContain('暂时无法访问');
      await screenshot(page, `operations-incidents-${size}`);
      if (size === 'desktop') {
        // The department is back: the whole group is retried with one click, and the list empties of it.
        await setDepartmentOutage(system, 'medical', false);
        await group.locator('[data-testid=retry-group]').click();
        await page.getByText(/已重试 \d+ 项/).waitFor({ timeout: 30_000 });
        await group.waitFor({ state: 'detached', timeout: 30_000 });
      }
    }

    for (const { id, employer } of held) await filingWhen(system, employer, id, 'its result after the retry', (f) => f.status === 'awaiting_confirmation', 60_000);
    const retries = await system.db.query(`select distinct actor_role from audit_log where action = 'incident.retry' and subject_id = any($1)`, [held.map((f) => f.id)]);
    expect(retries.rows).toEqual([{ actor_role: 'operator' }]);
  });
});
