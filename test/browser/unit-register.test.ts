// The register of units (单位名录, issue 23 item 1) in Chromium as a county clerk of 西湖区 uses it, at a desk and on a
// phone: the menu entry, the county's units only (a 滨江区 unit never shows), narrowed by status, one unit opened with
// its registration, the discrepancy its latest filing declares, its status history and its years — 2025 filed here
// with the levy collected beside the estimate, 2021 imported from before the system. Rows written straight into the
// register's tables (test/support/unit-register-rows.ts).
// Screenshots: unit-register-desktop, unit-detail-desktop, unit-register-phone, unit-detail-phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { databaseUrlNamed, dropDatabase } from '../../platform/db.ts';
import { databaseNameOf } from '../../scripts/engine/engine-database-role.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { insertHistoryYear, insertRegisterChange, insertRegisterRow, registerUscc, storeCertifiedFiling } from '../support/unit-register-rows.ts';

const applicationUrl = databaseUrlNamed(inject('databaseUrl'), `${databaseNameOf(inject('databaseUrl'))}_unit_register_page`);
const XIHU = '330106';

const FILER = { uscc: registerUscc('91', XIHU, 'BRA000001'), name: '杭州西湖名录示例科技有限公司' };
const IRREGULAR = { uscc: registerUscc('52', XIHU, 'BRC000002'), name: '西湖区名录示例文化促进会' };
const ABNORMAL = { uscc: registerUscc('91', XIHU, 'BRD000003'), name: '杭州西湖名录示例贸易有限公司' };
const ELSEWHERE = { uscc: registerUscc('91', '330108', 'BRB000004'), name: '杭州滨江名录示例网络有限公司' };
const OTHERS = Array.from({ length: 5 }, (_, i) => ({ uscc: registerUscc('12', XIHU, `BRE00000${i}`), name: `杭州市西湖区名录示例事业单位${'一二三四五'[i]}` }));
const XIHU_COUNT = 3 + OTHERS.length;

let system: TestSystem;
let browser: BrowserSession;
let clerk: string;

beforeAll(async () => {
  system = await startTestSystem({ DATABASE_URL: applicationUrl });
  browser = new BrowserSession(await launchChromium());
  const db = system.db;
  await insertRegisterRow(db, { ...FILER, registrar: 'samr', status: 'active', since: '2024-09-01', region: XIHU, nature: 'enterprise', industry: 'I6510' });
  await insertRegisterChange(db, { uscc: FILER.uscc, registrar: 'samr', sequence: null, type: 'registered', before: null, after: 'active', on: '2015-03-02' });
  await insertRegisterChange(db, { uscc: FILER.uscc, registrar: 'samr', sequence: 3120, type: 'abnormal-listed', before: 'active', after: 'abnormal', on: '2024-05-10' });
  await insertRegisterChange(db, { uscc: FILER.uscc, registrar: 'samr', sequence: 3388, type: 'abnormal-removed', before: 'abnormal', after: 'active', on: '2024-09-01' });
  await insertRegisterRow(db, { ...IRREGULAR, registrar: 'civil', status: 'irregular', since: '2025-02-01', region: XIHU, nature: 'social_organization' });
  await insertRegisterRow(db, { ...ABNORMAL, registrar: 'samr', status: 'abnormal', since: '2025-11-20', region: XIHU, nature: 'enterprise', industry: 'F5191' });
  await insertRegisterRow(db, { ...ELSEWHERE, registrar: 'samr', status: 'active', since: '2019-01-01', region: '330108', nature: 'enterprise' });
  for (const o of OTHERS) await insertRegisterRow(db, { ...o, registrar: 'org', status: 'active', since: '2012-01-01', region: XIHU, nature: 'public_institution' });
  const base = syntheticFiling(953_001, { year: 2025, regionCode: XIHU, employees: 1 });
  await storeCertifiedFiling(db, { ...base, employer: { ...base.employer, uscc: FILER.uscc, name: '西湖名录示例科技公司', industryCode: 'I6510' } }, { certified: 1, required: 3, levy: 96_000 });
  await insertHistoryYear(db, { uscc: FILER.uscc, year: 2021, name: FILER.name, region: XIHU, staff: 180, wage: 92_000, certified: 2, required: 2.7, levyPaid: 58_880 });
  await db.query(`insert into levy_collections (uscc, year, amount, collected_on) values ($1, 2025, 96000, '2026-07-15'), ($1, 2021, 58880, '2022-08-01')`, [FILER.uscc]);
  clerk = await system.login({ role: 'clerk', regionCode: XIHU });
}, 180_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  await dropDatabase(applicationUrl).catch(() => undefined);
});

const url = (path: string) => system.apiUrl + path;
const rows = (page: Page) => page.locator('[data-testid=unit-table] [data-uscc]');

async function pick(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** The page is no wider than the screen: nothing to scroll sideways. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the register of units in Chromium', { timeout: 120_000 }, () => {
  it("lists the clerk's county's units from the menu, narrowed by status, and opens one with its history and years", async () => {
    const page = await browser.page(clerk);
    await page.goto(url('/workbench'));
    await page.getByRole('menuitem', { name: '单位名录' }).click();
    await page.waitForURL(/\/workbench\/units$/);
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(XIHU_COUNT);
    expect(await page.locator(`[data-uscc="${ELSEWHERE.uscc}"]`).count()).toBe(0);
    expect(await page.getByTestId('unit-total').innerText()).toBe(`共 ${XIHU_COUNT} 个单位`);
    expect(await page.locator(`[data-uscc="${IRREGULAR.uscc}"]`).innerText()).toContain('非正常户');
    expect(await page.locator(`[data-uscc="${ABNORMAL.uscc}"]`).innerText()).toContain('列入经营异常名录');
    expect(await page.locator(`[data-uscc="${FILER.uscc}"]`).innerText()).toContain('市场监管');
    await screenshot(page, 'unit-register-desktop');

    await pick(page, 'unitFilter_status', '非正常户');
    await page.getByTestId('unit-search').click();
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(1);
    expect(page.url()).toContain('status=irregular');

    // A code with a letter no USCC has is refused as typed, beside the field.
    await page.fill('#unitFilter_uscc', '91330106I');
    await page.getByTestId('unit-search').click();
    await expect.poll(() => page.locator('.ant-form-item:has(#unitFilter_uscc) .ant-form-item-explain-error').innerText(), { timeout: 10_000 }).toContain('不含 I、O、S、V、Z');

    await page.goto(url(`/workbench/units?name=${encodeURIComponent('杭州西湖名录示例科')}`));
    await expect.poll(() => rows(page).count(), { timeout: 30_000 }).toBe(1);
    await page.locator(`[data-uscc="${FILER.uscc}"] [data-testid=unit-open]`).click();
    await page.waitForSelector('[data-testid=unit-detail]');
    expect(page.url()).toContain(`/workbench/units/${FILER.uscc}`);
    const detail = page.getByTestId('unit-detail');
    await expect.poll(() => detail.innerText()).toContain('市场监管');
    expect(await detail.innerText()).toContain('信息传输、软件和信息技术服务业（I6510）');
    expect(await page.getByTestId('unit-discrepancies').innerText()).toContain('单位名称：名录为“杭州西湖名录示例科技有限公司”，申报填写“西湖名录示例科技公司”');
    const changes = await page.locator('[data-testid=unit-changes] tbody tr.ant-table-row').allInnerTexts();
    expect(changes).toHaveLength(3);
    expect(changes[0]).toContain('移出经营异常名录');
    expect(changes[0]).toContain('市场监督管理部门变更推送（第 3388 条）');
    expect(changes[2]).toContain('新设登记');
    const filed = await page.locator('[data-testid=unit-years] [data-year="2025"]').innerText();
    expect(filed).toContain('本系统申报');
    expect(filed).toContain('1.00 人');
    expect(filed).toContain('3.00 人');
    expect(filed).toContain('测算 96,000.00 元');
    expect(filed).toContain('2026年7月15日征收');
    const imported = await page.locator('[data-testid=unit-years] [data-year="2021"]').innerText();
    expect(imported).toContain('历史数据导入');
    expect(imported).toContain('已缴 58,880.00 元');
    await screenshot(page, 'unit-detail-desktop');

    // Another county's unit answers as unknown.
    await page.goto(url(`/workbench/units/${ELSEWHERE.uscc}`));
    await page.getByText('未找到该单位').waitFor();
  });

  it('works at 375 px: the units as cards, the unit page without sideways scrolling', async () => {
    const page = await browser.page(clerk, PHONE);
    await page.goto(url('/workbench/units'));
    await page.waitForSelector('[data-testid=unit-table][data-layout=cards]');
    await expect.poll(() => page.locator('[data-testid=unit-table] .ant-card').count(), { timeout: 30_000 }).toBe(XIHU_COUNT);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'unit-register-phone');

    await page.goto(url(`/workbench/units/${FILER.uscc}`));
    await page.waitForSelector('[data-testid=unit-years][data-layout=cards]');
    expect(await page.locator('[data-testid=unit-years] .ant-card').count()).toBe(2);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'unit-detail-phone');
  });
});
