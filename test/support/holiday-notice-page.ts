// Policy staff on 节假日安排: a year's notice pasted as text and read into its days, ready to be published.
import type { Page } from 'playwright-core';
import { NOTICE_2026 } from './holiday-notice-2026.ts';

/** The 2026 arrangement's text, read for whichever year is published (the reader takes the year from the form). */
export const NOTICE = NOTICE_2026.slice(NOTICE_2026.indexOf('一、'));

export async function readNoticeOnPage(page: Page, baseUrl: string, year: number): Promise<void> {
  await page.goto(`${baseUrl}/workbench/calendar`);
  await page.waitForSelector('[data-testid=publish-year]', { timeout: 30_000 });
  const yearInput = page.locator('input[data-testid=publish-year-number], [data-testid=publish-year-number] input').first();
  await yearInput.fill(String(year));
  await page.fill('[data-testid=publish-source]', '国办发明电（测试）');
  await page.fill('[data-testid=publish-notice]', NOTICE);
  await page.click('[data-testid=read-notice]');
  await page.waitForSelector('[data-testid=notice-days] tr.ant-table-row');
}
