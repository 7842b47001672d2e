// The supervision page (监管统计, issue 22 item 1) in Chromium, on the real system: filings filed and certified in two
// cities (湖州 and 丽水), then the city of 湖州 signs in. It lands on /supervision, the season at hand chosen (in
// December still the past year's); every figure on the page equals the API's and our own count over the filings;
// nothing of 丽水 shows; a figure opens its filings and one of them opens in the workbench; the exits list masked ID
// numbers and opens the filing; a table exports to an .xlsx; the charts draw under the strict Content-Security-Policy.
// Screenshots (README tour): supervision-city-desktop, supervision-drill, supervision-city-phone, supervision-print.
import ExcelJS from 'exceljs';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import type { Filing } from '../../filings/declaration/filing.ts';
import { seededRandom } from '../../domain/synthetic.ts';
import { syntheticEmployee } from '../../filings/declaration/synthetic-filing.ts';
import { BrowserSession, DESKTOP, launchChromium, PHONE, screenshot, SCREENSHOT_DIR } from '../support/browser.ts';
import { completeFilingTask, fileAndReview, filingWhen } from '../support/filing-steps.ts';
import { buildScenario, simDataDirWith, YEAR } from '../support/review-scenarios.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let browser: BrowserSession;
let dataDir: string;
const cspViolations: string[] = [];

const CITY = '330500'; // 湖州市
const OTHER_CITY = '331100'; // 丽水市

// Units the departments know (their certificates, wages and insurance in the simulators' data), so the review counts
// their employees as a season would.
const S = {
  // 吴兴区, 100 staff (1.5 required): a disability and a veteran certificate all year, one who left in June → above quota.
  wuxing: buildScenario({
    seed: 952_001,
    regionCode: '330502',
    averageStaffCount: 100,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 2 } }, { cert: { kind: 'veteran', grade: 5 } }, { cert: { kind: 'disability', grade: 3 }, employed: { from: `${YEAR}-01-01`, to: `${YEAR}-06-30` } }],
  }),
  // 南浔区, 200 staff (3 required), another industry: one counted → below quota.
  nanxun: buildScenario({ seed: 952_002, regionCode: '330503', averageStaffCount: 200, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 4 } }] }),
  // 吴兴区: its result waits for the unit's confirmation.
  waiting: buildScenario({ seed: 952_003, regionCode: '330502', employees: [{ cert: { kind: 'disability', grade: 1 } }] }),
  // 丽水市莲都区: another city's.
  lishui: buildScenario({ seed: 952_004, regionCode: '331102', employees: [{ cert: { kind: 'disability', grade: 2 } }] }),
};
S.nanxun.filing.employer.industryCode = 'I6510';

/** The 吴兴 unit's filing of the year before: the same people, and one more who is not declared again. */
function lastYearOf(filing: Filing): Filing {
  const previous = YEAR - 1;
  const dated = filing.employees.map((e) => ({ ...e, employedFrom: `${previous}-01-01`, employedTo: `${previous}-12-31` }));
  return { ...filing, year: previous, employees: [...dated, syntheticEmployee(seededRandom(952_099), previous)], commitment: { ...filing.commitment, signedAt: `${YEAR}-01-05` } };
}

beforeAll(async () => {
  dataDir = await simDataDirWith(Object.values(S));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir });
  browser = new BrowserSession(await launchChromium());
}, 120_000);

afterAll(async () => {
  expect(browser?.pageErrors ?? []).toEqual([]);
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Files online as the unit and has the employer confirm the automatic result: certified. */
async function fileAndCertify(filing: Filing): Promise<string> {
  const { id, employer } = await fileAndReview(system, filing);
  await completeFilingTask(system, employer, id, 'confirm-result', { confirmationDecision: 'confirm' });
  await filingWhen(system, employer, id, 'certified', (f) => f.status === 'certified');
  return id;
}

async function staffPage(token: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
  const page = await browser.page(token, viewport);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

/** The workbook an export button saves; the server's refusal, if it refused. */
async function exported(page: Page, button: Locator): Promise<Download> {
  const answer = page.waitForResponse((r) => r.url().includes('/api/supervision/export'));
  const download = page.waitForEvent('download');
  await button.click();
  const res = await answer;
  if (!res.ok()) throw new Error(`the export was refused: ${res.status()} ${await res.text()}`);
  expect(res.headers()['content-type']).toContain('spreadsheetml');
  return download;
}

/** A number on the page as its data-value says. */
async function valueOf(page: Page | Locator, selector: string): Promise<number> {
  return Number(await page.locator(selector).first().getAttribute('data-value'));
}

describe('the supervision page of a city', { timeout: 600_000 }, () => {
  it('shows its own figures, equal to the API and the filings, drills, exports and prints', async () => {
    // 湖州: the 吴兴 unit filed last year too, with one more person: with the one who left in June, two exits.
    const [wuxing, nanxun, waiting, lishui] = [S.wuxing.filing, S.nanxun.filing, S.waiting.filing, S.lishui.filing];
    const lastYear = lastYearOf(wuxing);
    const lastYearFiled = await system.request('POST', '/api/filings', {
      token: await system.login({ role: 'employer', uscc: lastYear.employer.uscc }),
      body: lastYear,
    });
    expect(lastYearFiled.status, JSON.stringify(lastYearFiled.body)).toBe(201);
    const [wuxingId, nanxunId, , lishuiId] = await Promise.all([
      fileAndCertify(wuxing),
      fileAndCertify(nanxun),
      fileAndReview(system, waiting).then((f) => f.id),
      fileAndCertify(lishui),
    ]);

    const city = await system.login({ role: 'city', regionCode: CITY });
    const figuresOf = async (regionCode: string, year = YEAR) => {
      const res = await system.request('GET', `/api/supervision/figures?year=${year}&regionCode=${regionCode}`, { token: city });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    // The figures are kept as the filings change: wait until they count ours.
    const figures = await eventually('the figures to count our filings', async () => {
      const f = await figuresOf(CITY);
      return f.progress.certified >= 2 && f.progress.filed >= 3 && f.employment.certifiedEmployees >= 3 ? f : undefined;
    }, 60_000);
    // Our own count over the filings of the city's counties.
    const own = (
      await system.db.query<{ filed: number; certified: number }>(
        `select count(*) filter (where status not in ('returned', 'withdrawn', 'transferred'))::int as filed,
                count(*) filter (where status in ('certified', 'feedback', 'sent_to_tax', 'closed'))::int as certified
           from filings where year = $1 and handling_region_code like $2`,
        [YEAR, `${CITY.slice(0, 4)}%`],
      )
    ).rows[0]!;
    expect({ filed: figures.progress.filed, certified: figures.progress.certified }).toEqual(own);
    // The other city's filings are not the city's to read.
    expect((await system.request('GET', `/api/supervision/figures?year=${YEAR}&regionCode=${OTHER_CITY}`, { token: city })).status).toBe(403);

    // The city starts on its figures, the season at hand chosen: in December the past year is still being certified.
    const season = (await system.request('GET', '/api/settings/filing-season', { token: city })).body;
    const seasonYear = season.today < season.status.opensOn ? season.status.reviewYear - 1 : season.status.reviewYear;
    if (season.today.slice(5, 7) === '12') expect(seasonYear).toBe(Number(season.today.slice(0, 4)) - 1);
    const page = await staffPage(city);
    await page.goto(`${system.apiUrl}/`);
    await page.waitForURL((u) => u.pathname === '/supervision', { timeout: 30_000 });
    await page.getByTestId('year-picker').filter({ hasText: `${seasonYear} 年度` }).waitFor({ timeout: 30_000 });
    if (seasonYear !== YEAR) await page.goto(`${system.apiUrl}/supervision?year=${YEAR}&region=${CITY}`);
    await page.getByTestId('figure-filed').waitFor({ timeout: 30_000 });

    // Every figure as the API has it.
    const shown = await figuresOf(CITY);
    for (const [measure, value] of Object.entries(shown.progress)) expect(await valueOf(page, `[data-testid=figure-${measure}]`), measure).toBe(value);
    expect(await valueOf(page, '[data-testid=figure-certifiedEmployees]')).toBe(shown.employment.certifiedEmployees);
    expect(await valueOf(page, '[data-testid=figure-belowQuota]')).toBe(shown.employment.belowQuota.units);
    expect(await valueOf(page, '[data-testid=figure-aboveQuota]')).toBe(shown.employment.aboveQuota.units);
    const countyRows = page.getByTestId('county-progress-table').locator('tr[data-region]');
    expect(await countyRows.count()).toBe(shown.byCounty.length);
    for (const county of shown.byCounty as { regionCode: string; filed: number; certified: number }[]) {
      const row = page.locator(`[data-testid=county-progress-table] tr[data-region="${county.regionCode}"]`);
      expect(await valueOf(row, '[data-testid=county-filed]'), county.regionCode).toBe(county.filed);
      expect(await valueOf(row, '[data-testid=county-certified]'), county.regionCode).toBe(county.certified);
    }
    // The charts draw on their canvases, and the strict Content-Security-Policy refused nothing.
    await page.locator('[data-testid=chart-progress-by-county][data-ready=true] canvas').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=chart-industry][data-ready=true] canvas').waitFor();
    expect(cspViolations).toEqual([]);
    await screenshot(page, 'supervision-city-desktop');

    // Nothing of the other city: not in the figures, the regions offered, nor the page.
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('丽水');
    expect(text).not.toContain(lishui.employer.name);
    await page.getByTestId('region-picker').click();
    const regions = await page.locator('.ant-select-dropdown').innerText();
    expect(regions).toContain('吴兴区');
    expect(regions).not.toContain('丽水');
    await page.keyboard.press('Escape');

    // A figure opens the filings it counts; one opens in the workbench.
    await page.getByTestId('figure-certified').click();
    const drawer = page.getByTestId('drill-drawer');
    await drawer.locator(`[data-testid=drill-total][data-total="${shown.progress.certified}"]`).waitFor({ timeout: 30_000 });
    const drilled = await drawer.getByTestId('drill-table').innerText();
    expect(drilled).toContain(wuxing.employer.name);
    expect(drilled).toContain(nanxun.employer.name);
    expect(drilled).not.toContain(lishui.employer.name);
    // Once the drawer has slid in.
    await page.waitForFunction(() => {
      const panel = document.querySelector('.ant-drawer-content-wrapper');
      return panel !== null && Math.abs(panel.getBoundingClientRect().right - window.innerWidth) < 1;
    });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supervision-drill.png` });
    // The drill's list exports as it stands.
    const drillExport = await exported(page, page.locator('.ant-drawer').getByTestId('export-filings'));
    expect(drillExport.suggestedFilename()).toMatch(/\.xlsx$/);
    await drawer.getByRole('link', { name: nanxun.employer.name }).click();
    await page.waitForURL((u) => u.pathname === `/workbench/filings/${nanxunId}`, { timeout: 30_000 });
    await page.getByTestId('filing-view').getByText(nanxun.employer.name).first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('drill-drawer').count()).toBe(0);
    await page.goBack();
    await page.getByTestId('figure-filed').waitFor({ timeout: 30_000 });

    // The exits: last year's third employee, not declared again, and the one who left in June; ID numbers masked.
    const exits = page.getByTestId('exits-table');
    await exits.getByText(wuxing.employer.name).first().waitFor({ timeout: 30_000 });
    const exitsText = await exits.innerText();
    for (const person of [lastYear.employees[3]!, wuxing.employees[2]!]) {
      expect(exitsText).toContain(person.name);
      expect(exitsText).not.toContain(person.idNumber);
      expect(exitsText).toContain(`${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
    }
    expect(exitsText).not.toContain(wuxing.employees[0]!.name);
    expect(exitsText).not.toContain(wuxing.employees[1]!.name);
    // The exits export, a real workbook with the counties' rows.
    const exitsExport = await exported(page, page.getByTestId('section-exits').getByTestId('export-exits'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await exitsExport.path());
    const cells: string[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain(lastYear.employees[3]!.name);
    expect(cells.join(' ')).not.toContain(lastYear.employees[3]!.idNumber);
    // The county table exports too.
    const countyExport = await exported(page, page.getByTestId('section-progress').getByTestId('export-byCounty'));
    expect(countyExport.suggestedFilename()).toMatch(/\.xlsx$/);
    // A row opens its filing.
    await exits.locator(`tr[data-filing="${wuxingId}"]`).first().click();
    await page.waitForURL((u) => u.pathname === `/workbench/filings/${wuxingId}`, { timeout: 30_000 });
    await page.getByTestId('filing-view').getByText(wuxing.employer.name).first().waitFor({ timeout: 30_000 });
    await page.goBack();
    await page.getByTestId('figure-filed').waitFor({ timeout: 30_000 });

    // On paper: no menu, pickers or buttons; the charts at the paper's width.
    // At A4's width (96 px per inch), as the paper has it.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=chart-progress-by-county] canvas');
      return canvas !== null && Math.round(canvas.getBoundingClientRect().width) === 640;
    }, undefined, { timeout: 10_000 });
    expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await page.getByTestId('region-picker').isVisible()).toBe(false);
    await screenshot(page, 'supervision-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESKTOP);

    // On a phone: the same figures, the tables as cards.
    const phone = await staffPage(city, PHONE);
    await phone.goto(`${system.apiUrl}/supervision?year=${YEAR}&region=${CITY}`);
    await phone.getByTestId('figure-filed').waitFor({ timeout: 30_000 });
    expect(await valueOf(phone, '[data-testid=figure-filed]')).toBe(shown.progress.filed);
    await phone.locator('[data-testid=chart-progress-by-county][data-ready=true] canvas').waitFor({ timeout: 30_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'supervision-city-phone');
    expect(cspViolations).toEqual([]);
    expect(lishuiId).toBeTruthy();
  });

  it('offers the province every city and county, and a county lead their county only', async () => {
    // The filings of the walk above: the province reads 丽水 as well, each figure as the API has it.
    const province = await system.login({ role: 'province', regionCode: '330000' });
    const provincePage = await staffPage(province);
    await provincePage.goto(`${system.apiUrl}/`);
    await provincePage.waitForURL((u) => u.pathname === '/supervision', { timeout: 30_000 });
    await provincePage.getByTestId('figure-filed').waitFor({ timeout: 30_000 });
    await provincePage.goto(`${system.apiUrl}/supervision?year=${YEAR}&region=${OTHER_CITY}`);
    await provincePage.getByTestId('supervision-scope').filter({ hasText: '丽水市' }).waitFor({ timeout: 30_000 });
    const lishui = (await system.request('GET', `/api/supervision/figures?year=${YEAR}&regionCode=${OTHER_CITY}`, { token: province })).body;
    await provincePage.locator(`[data-testid=figure-certified][data-value="${lishui.progress.certified}"]`).waitFor({ timeout: 30_000 });
    expect(lishui.progress.certified).toBeGreaterThanOrEqual(1);
    // The list is long (a virtual list shows a screenful): each city is found by its name, its counties after it.
    await provincePage.getByTestId('region-picker').click();
    const search = provincePage.locator('[data-testid=region-picker] input');
    for (const [typed, offered] of [['浙江', '浙江省（全省）'], ['西湖', '杭州市西湖区'], ['湖州', '湖州市（全市）']] as const) {
      await search.fill(typed);
      const option = provincePage.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: offered }).first();
      await option.waitFor({ timeout: 10_000 }).catch(async (error) => {
        throw new Error(`${offered} not offered for ${typed}: ${await provincePage.locator('.ant-select-dropdown').innerText()}`, { cause: error });
      });
    }
    await provincePage.keyboard.press('Escape');

    // A county lead: their county, no other to choose; the city's other county not shown.
    const lead = await system.login({ role: 'lead', regionCode: '330502' });
    const leadPage = await staffPage(lead);
    await leadPage.goto(`${system.apiUrl}/supervision?year=${YEAR}&region=${CITY}`);
    await leadPage.getByTestId('figure-filed').waitFor({ timeout: 30_000 });
    expect(await leadPage.getByTestId('supervision-scope').innerText()).toContain('湖州市吴兴区');
    expect(await leadPage.locator('[data-testid=region-picker].ant-select-disabled').count()).toBe(1);
    const own = (await system.request('GET', `/api/supervision/figures?year=${YEAR}&regionCode=330502`, { token: lead })).body;
    expect(await valueOf(leadPage, '[data-testid=figure-filed]')).toBe(own.progress.filed);
    expect(await leadPage.locator('body').innerText()).not.toContain('南浔区');
    expect(cspViolations).toEqual([]);
  });
});
