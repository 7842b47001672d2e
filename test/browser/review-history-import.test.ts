// The history import page (/supervision/history-import) as a city federation uses it, in a real Chromium at a desk
// (1366 px) and on a phone (375 px): the menu entry, a workbook with errors checked — the table of 工作表/行/列/问题 —
// then a correct one checked, confirmed and imported, the result shown.
// Screenshots: 80-history-import-errors-desktop, 80a-history-import-errors-phone, 81-history-import-done-desktop,
// 81a-history-import-done-phone.
import path from 'node:path';
import { writeFile, mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { BrowserSession, launchChromium, PHONE, screenshot } from '../support/browser.ts';
import { historyWorkbook } from '../../scripts/bench/history-workbooks.ts';
import type { Page } from 'playwright-core';

const rand = seededRandom(23_081);
const A = syntheticUscc(rand, { regionCode: '330106' });
const B = syntheticUscc(rand, { regionCode: '330108' });
const NINGBO = syntheticUscc(rand, { regionCode: '330203' });
const dir = path.join(projectRoot, '.data', 'history-import-browser');

let api: TestApi;
let browser: BrowserSession;
let city: string;
let badFile: string;
let goodFile: string;

beforeAll(async () => {
  api = await startTestApi();
  await api.db.query(`delete from review_history where uscc = any($1)`, [[A, B, NINGBO]]);
  for (const uscc of [A, B, NINGBO]) {
    await api.db.query(
      `insert into unit_register (uscc, name, registrar, status, status_since, region_code, unit_nature)
       values ($1, '名录单位', 'samr', 'active', '2015-01-01', $2, '企业') on conflict (uscc) do nothing`,
      [uscc, uscc.slice(2, 8)],
    );
  }
  city = await api.login({ role: 'city', regionCode: '330100', userId: 'city.hz.history-page' });
  await mkdir(dir, { recursive: true });
  badFile = path.join(dir, '有错误的历史数据.xlsx');
  goodFile = path.join(dir, '历史数据.xlsx');
  await writeFile(
    badFile,
    await historyWorkbook(
      [
        [A, '杭州甲有限公司', 2021, 120, 98000, 1, 1.8, 12000],
        [A, '杭州甲有限公司', 2024, 120, 98000, 1, 1.8, 12000],
        [NINGBO, '宁波丙有限公司', 2021, 60, 70000, 0, 0.9, 4000],
        [A, '杭州甲有限公司', 2021, 120, 98000, 1, 1.8, 12000],
        [B, '杭州乙有限公司', 2020, 80, '七万', 2, 1.2, 0],
      ],
      [],
    ),
  );
  await writeFile(goodFile, await historyWorkbook([[A, '杭州甲有限公司', 2021, 120, 98000, 1, 1.8, 12000], [B, '杭州乙有限公司', 2020, 80, 70000, 2, 1.2, 0]], []));
  browser = new BrowserSession(await launchChromium());
}, 120_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await api?.close();
});

async function check(page: Page, file: string): Promise<void> {
  await page.goto(`${api.url}/supervision/history-import`);
  await page.waitForSelector('[data-testid=history-import-page]');
  await page.locator('[data-testid=history-import-page] input[type=file]').setInputFiles(file);
  await page.click('[data-testid=history-check]');
}

describe('the history import page in Chromium', { timeout: 120_000 }, () => {
  it('lists every problem of a workbook by sheet, row and column, at a desk and on a phone', async () => {
    const page = await browser.page(city);
    await page.goto(`${api.url}/supervision`);
    await page.waitForSelector('text=历史数据导入');
    await check(page, badFile);
    await page.waitForSelector('[data-testid=history-refused]', { timeout: 60_000 });
    const table = page.locator('[data-testid=history-errors]');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    const text = await table.innerText();
    expect(text).toContain('工作表');
    expect(text).toContain('只能是 2000–2021 年');
    expect(text).toContain('不在您的管辖范围内');
    expect(text).toContain('第 5 行与第 2 行');
    expect(text).toContain('职工年平均工资（元）');
    expect(await page.locator('[data-testid=history-confirm]').isDisabled()).toBe(true);
    await screenshot(page, '80-history-import-errors-desktop');

    const phone = await browser.page(city, PHONE);
    await check(phone, badFile);
    await phone.waitForSelector('[data-testid=history-refused]', { timeout: 60_000 });
    await phone.waitForSelector('text=单位年度 第 3 行');
    // A card per problem, nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, '80a-history-import-errors-phone');
  });

  it('checks a correct workbook, then imports it on confirmation and shows the result', async () => {
    const page = await browser.page(city);
    await check(page, goodFile);
    await page.waitForSelector('[data-testid=history-checked]', { timeout: 60_000 });
    expect(await api.db.query(`select 1 from review_history where uscc = any($1)`, [[A, B]]).then((r) => r.rowCount)).toBe(0);
    await page.click('[data-testid=history-confirm]');
    await page.waitForSelector('[data-testid=history-done]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=history-done]').innerText()).toContain('导入完成：2 行单位年度');
    expect(await api.db.query(`select 1 from review_history where uscc = any($1)`, [[A, B]]).then((r) => r.rowCount)).toBe(2);
    await screenshot(page, '81-history-import-done-desktop');

    const phone = await browser.page(city, PHONE);
    await check(phone, goodFile);
    await phone.waitForSelector('[data-testid=history-checked]', { timeout: 60_000 });
    await phone.click('[data-testid=history-confirm]');
    await phone.waitForSelector('[data-testid=history-done]', { timeout: 60_000 });
    expect(await phone.locator('[data-testid=history-done]').innerText()).toContain('替换了此前导入的数据');
    await screenshot(phone, '81a-history-import-done-phone');
  });
});
