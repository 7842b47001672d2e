// A unit deregistered by its registrar while its filing waits in the county (docs/registrar-feeds.md), in a real
// Chromium against the whole system: the feed pulled by master-data-sync, the reviewer's task 核实登记状态变化 opens
// with the filing beside it, the 登记状态变化 warning above the filing's result; at 1366 px and on a phone.
// Screenshots 80–81.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../../platform/config.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { filingTask } from '../support/filing-steps.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const COUNTY = '330106';
const UNIT = syntheticFiling(Math.floor(Math.random() * 1e9), { regionCode: COUNTY });

let system: TestSystem;
let browser: BrowserSession;
let dataDir: string;
let feed: { registrar: string; sequence: number; [field: string]: unknown }[];

const lastSamr = () => Math.max(...feed.filter((r) => r.registrar === 'samr').map((r) => r.sequence));

async function syncOnce(): Promise<void> {
  const { id } = await system.rest.post<{ id: string }>('/process-definition/key/master-data-sync/start', {});
  await eventually('the sync ended', async () => {
    const [instance] = await system.rest.get<{ state: string }[]>('/history/process-instance', { processInstanceId: id });
    return instance?.state === 'COMPLETED' ? true : undefined;
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'register-change-sim-'));
  await cp(path.join(projectRoot, 'connectors', 'seed-data'), dataDir, { recursive: true });
  const registrations = JSON.parse(await readFile(path.join(dataDir, 'registrations.json'), 'utf8')) as unknown[];
  registrations.push({ uscc: UNIT.employer.uscc, name: UNIT.employer.name, registrar: 'samr', status: 'active', changedAt: '2018-05-02' });
  await writeFile(path.join(dataDir, 'registrations.json'), JSON.stringify(registrations));
  feed = JSON.parse(await readFile(path.join(dataDir, 'registrar-changes.json'), 'utf8'));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir });
  browser = new BrowserSession(await launchChromium());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a deregistration reaching a filing under way', () => {
  it('gives the reviewer a task with the filing and its 登记状态变化 warning beside the form', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: COUNTY });
    const filed = await system.request('POST', '/api/filings', { token: clerk, body: { ...UNIT, channel: 'window', receivingRegionCode: COUNTY } });
    expect(filed.status).toBe(201);
    const filingId = filed.body.id as string;
    await filingTask(system, clerk, filingId, 'acceptance');
    // Another suite may have read the feed further than this file goes: the deregistration follows whatever was read.
    const { rows } = await system.db.query(
      `select greatest((select last_sequence from registrar_feed_cursors where registrar = 'samr'), (select coalesce(max(sequence), 0) from unit_register_changes where registrar = 'samr')) as n`,
    );
    const from = Math.max(Number(rows[0].n), lastSamr());
    feed.push(
      { registrar: 'samr', sequence: from + 1, uscc: UNIT.employer.uscc, changeType: 'registered', effectiveOn: '2018-05-02', name: UNIT.employer.name, regionCode: COUNTY, unitNature: 'enterprise' },
      { registrar: 'samr', sequence: from + 2, uscc: UNIT.employer.uscc, changeType: 'deregistered', effectiveOn: '2026-06-15' },
    );
    await writeFile(path.join(dataDir, 'registrar-changes.json'), JSON.stringify(feed));
    expect((await fetch(`${system.simulators!.url}/_admin/reload`, { method: 'POST' })).status).toBe(200);
    // Read up to just before them (the seed feed's own records are another test's business).
    await system.db.query(`update registrar_feed_cursors set last_sequence = $1 where registrar = 'samr'`, [from]);
    await syncOnce();

    const reviewer = await system.login({ role: 'reviewer', regionCode: COUNTY });
    const task = await filingTask(system, reviewer, filingId, 'decide-unit-status-change');
    const page = await browser.page(reviewer);
    await page.goto(`${system.apiUrl}/workbench/tasks/${task.id}`);
    const warning = page.getByTestId('register-changes');
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.innerText()).toContain('登记状态变化：市场监管部门登记该单位注销（2026年6月15日起）');
    await page.getByText('处理决定').first().waitFor();
    await screenshot(page, '80-register-change-task');
    const phone = await browser.page(reviewer, PHONE);
    await phone.goto(page.url());
    await phone.getByTestId('register-changes').waitFor({ timeout: 30_000 });
    await screenshot(phone, '81-register-change-task-phone');
    expect(browser.pageErrors).toEqual([]);
  });
});
