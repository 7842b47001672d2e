// The cities' annual summary reports on the real engine (通知 §六): the yearly timer of annual-report-start is
// deployed and fired, opening one annual-report instance per city exactly once; Hangzhou's federation finds its task
// with the form prefilled from the frozen figures; the deadline watch reminds the city and escalates to the province
// once the deadline has passed unsubmitted; the city submits, the report is rendered as Word and PDF, which are
// downloaded (audited) and read back with the frozen figures and the city's text; the province returns it with a
// comment, the city's task comes back showing it, and the second version is accepted. The status list shows each
// city its own report and the province every city's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFigures } from '../../annual-report/report-figures.ts';
import { chinaYearOf } from '../../platform/china-date.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { supervisionFigures } from '../../supervision/figures.ts';
import { docxText, pdfText } from '../support/annual-report-figures.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let province: string;
let hangzhou: string;
let ningbo: string;

const CITY = '330100';
const YEAR = chinaYearOf(new Date()) - 1;
const KEY = `annual-report-${YEAR}-${CITY}`;
const seed = Date.now() % 1_000_000;
/** Hangzhou units filing for the review year, straight into the tables (no process of their own). */
const fileInHangzhou = (n: number, regionCode: string) => storeUnitFiling(system.db, syntheticFiling(seed + n, { year: YEAR, regionCode }), YEAR);

beforeAll(async () => {
  system = await startTestSystem();
  province = await system.login({ role: 'province', userId: 'province.report' });
  hangzhou = await system.login({ role: 'city', regionCode: CITY, userId: 'city.hangzhou' });
  ningbo = await system.login({ role: 'city', regionCode: '330200', userId: 'city.ningbo' });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

interface Task {
  id: string;
  taskDefinitionKey: string;
}

const instancesOf = (key: string) => system.rest.get<{ id: string }[]>('/process-instance', { processDefinitionKey: 'annual-report', businessKey: key });

/** The task of this kind the caller's inbox holds for the report, once it is there. */
async function inboxTask(token: string, key: string): Promise<Task> {
  const [instance] = await eventually(`the instance ${KEY}`, async () => ((await instancesOf(KEY)).length > 0 ? instancesOf(KEY) : undefined));
  return eventually(`the task ${key}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return (res.body.items as (Task & { processInstanceId: string })[]).find((t) => t.taskDefinitionKey === key && t.processInstanceId === instance!.id);
  });
}

/** Fires a timer of Hangzhou's report if it is still waiting (it fires by itself when its date has passed). */
async function fireIfWaiting(activityId: string): Promise<void> {
  const [instance] = await instancesOf(KEY);
  for (const job of await system.rest.get<{ id: string }[]>('/job', { processInstanceId: instance!.id, activityId, timers: true })) {
    await system.rest.post(`/job/${job.id}/execute`).catch(() => undefined); // the job executor may have taken it meanwhile
  }
}

async function statusOf(token: string, query = '') {
  const res = await system.request('GET', `/api/annual-reports?year=${YEAR}${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { cityCode: string; state: string; dueAt: string | null; overdue: boolean; version: number | null; lastReview: { decision: string; comment: string } | null; taskId: string | null; docxHref: string | null; pdfHref: string | null }[] };
}

async function download(token: string, href: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const res = await fetch(system.apiUrl + href, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

const flat = (text: string) => text.replace(/\s+/g, '');

describe('the annual report process', () => {
  it('is deployed with its yearly timer, in the diagram, and a history time to live', async () => {
    const starter = await system.rest.get<{ historyTimeToLive: number; name: string }>('/process-definition/key/annual-report-start');
    expect(starter).toMatchObject({ name: '发起各市年度总结报告', historyTimeToLive: 1825 });
    const report = await system.rest.get<{ historyTimeToLive: number }>('/process-definition/key/annual-report');
    expect(report.historyTimeToLive).toBe(1825);
    const jobs = await system.rest.get<{ dueDate: string; processInstanceId: string | null }[]>('/job', { processDefinitionKey: 'annual-report-start', timers: true });
    expect(jobs).toHaveLength(1);
    // 1 October, 09:00 in China (01:00 UTC).
    expect(new Date(jobs[0]!.dueDate).toISOString()).toMatch(/-10-01T01:00:00\.000Z$/);
  });

  it('fired, opens one report per city of Zhejiang, and fired again, none twice', async () => {
    for (const [n, county] of ['330102', '330106', '330108'].entries()) await fileInHangzhou(n, county);
    for (let round = 0; round < 2; round++) {
      const [timer] = await system.rest.get<{ id: string }[]>('/job', { processDefinitionKey: 'annual-report-start', timers: true });
      await system.rest.post(`/job/${timer!.id}/execute`);
      await eventually('the reports opened', async () => {
        const { rows } = await system.db.query<{ n: number }>(`select count(*)::int as n from annual_reports where year = $1 and figures is not null`, [YEAR]);
        return rows[0]!.n === 11 ? true : undefined;
      }, 60_000);
    }
    const started = await system.rest.get<{ businessKey: string }[]>('/history/process-instance', { processDefinitionKey: 'annual-report' });
    const keys = started.map((i) => i.businessKey).filter((k) => k.startsWith(`annual-report-${YEAR}-`));
    expect(keys).toHaveLength(11);
    expect(new Set(keys).size).toBe(11);
  });

  it('gives Hangzhou’s federation its task with the form prefilled from the frozen figures', async () => {
    const task = await inboxTask(hangzhou, 'draft-annual-report');
    const res = await system.request('GET', `/api/tasks/${task.id}`, { token: hangzhou });
    expect(res.status).toBe(200);
    expect(res.body.form.id).toBe('annual-report');
    expect(res.body.values.industryAnalysis).toMatch(/^（草稿/);
    expect(res.body.values.marketDemand).toContain('按差额计算可提供约');
    expect(res.body.values.recommendations).toContain('超比例奖励');
    // The task carries the diagram's deadline: the end of 30 November (before 1 December) after the review year.
    expect(new Date(res.body.due).toISOString()).toBe(new Date(`${YEAR + 1}-11-30T23:59:59+08:00`).toISOString());
    const [status] = (await statusOf(hangzhou)).items;
    expect(status).toMatchObject({ cityCode: CITY, state: 'drafting', taskId: task.id, version: null, docxHref: null });
    expect(status!.dueAt).toBe(new Date(`${YEAR + 1}-11-30T23:59:59+08:00`).toISOString());
    // Ningbo's federation has no such task.
    const ningboTasks = await system.request('GET', '/api/tasks', { token: ningbo });
    expect((ningboTasks.body.items as Task[]).map((t) => t.id)).not.toContain(task.id);
  });

  it('reminds the city before the deadline and escalates to the province once it has passed unsubmitted', async () => {
    await fireIfWaiting('report-due-soon');
    await eventually('the reminder to the city', async () => {
      const res = await system.request('GET', '/api/notifications', { token: hangzhou });
      return (res.body.items as { kind: string; title: string }[]).find((n) => n.kind === 'reminder' && n.title === '年度总结报告即将到期');
    });
    await fireIfWaiting('report-overdue');
    const escalation = await eventually('the escalation to the province', async () => {
      const res = await system.request('GET', '/api/notifications?limit=100', { token: province });
      return (res.body.items as { kind: string; title: string; body: string }[]).find((n) => n.kind === 'escalation' && n.title === '杭州市年度总结报告逾期未报送');
    });
    expect(escalation.body).toContain(`杭州市 ${YEAR} 年度年审工作总结报告已过报送期限仍未报送`);
    expect((await statusOf(province)).items.find((i) => i.cityCode === CITY)).toMatchObject({ state: 'drafting', overdue: true });
  });

  it('renders the submission as Word and PDF with the frozen figures and the city’s text; the province returns it with a comment', async () => {
    const { rows } = await system.db.query<{ figures: ReportFigures }>(`select figures from annual_reports where year = $1 and city_code = $2`, [YEAR, CITY]);
    const figures = rows[0]!.figures;
    expect(figures).toMatchObject({ year: YEAR, regionCode: CITY });
    expect(figures.progress.filed).toBeGreaterThanOrEqual(3);
    // Frozen: a unit filing after the preparation changes the figures of today, not the report's.
    await fileInHangzhou(10, '330106');
    expect((await supervisionFigures(system.db, { year: YEAR, regionCode: CITY })).progress.filed).toBe(figures.progress.filed + 1);
    const task = await inboxTask(hangzhou, 'draft-annual-report');
    const texts = {
      industryAnalysis: '杭州市制造业吸纳残疾人就业最多。\n信息技术服务业未达比例单位集中。',
      marketDemand: '全市招聘会登记适合残疾人的岗位 326 个。',
      recommendations: '一是加强政策宣传；\n二是落实超比例奖励。',
    };
    const done = await system.request('POST', `/api/tasks/${task.id}/complete`, { token: hangzhou, body: texts });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const review = await inboxTask(province, 'review-annual-report');
    const row = (await statusOf(province)).items.find((i) => i.cityCode === CITY)!;
    expect(row).toMatchObject({ state: 'submitted', version: 1, overdue: false, taskId: review.id });


    const docx = await download(province, row.docxHref!);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('wordprocessingml');
    const word = flat(await docxText(docx.bytes));
    const pdf = await download(province, row.pdfHref!);
    expect(pdf.status).toBe(200);
    const printed = flat((await pdfText(pdf.bytes)).text);
    for (const text of [word, printed]) {
      expect(text).toContain(flat(`杭州市${YEAR}年度按比例安排残疾人就业年审工作总结报告`));
      expect(text).toContain(flat(`全市应参加年审单位 ${figures.progress.expected} 家，已申报 ${figures.progress.filed} 家`));
      expect(text).toContain(flat(`经年审认证安排残疾人就业 ${figures.employment.certifiedEmployees} 人`));
      expect(text).toContain('杭州市制造业吸纳残疾人就业最多。');
      expect(text).toContain('全市招聘会登记适合残疾人的岗位326个。');
      expect(text).toContain('二是落实超比例奖励。');
    }
    // Every download audited, naming the report and the version.
    const audited = await system.db.query(`select detail from audit_log where action = 'annual_report.download' and subject_id = $1`, [KEY]);
    expect(audited.rows.map((r) => r.detail)).toEqual(expect.arrayContaining([{ version: 1, kind: 'docx' }, { version: 1, kind: 'pdf' }]));

    const returned = await system.request('POST', `/api/tasks/${review.id}/complete`, { token: province, body: { reviewDecision: 'return', reviewComment: '请补充各县退出管理情况。' } });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const again = await inboxTask(hangzhou, 'draft-annual-report');
    expect(again.id).not.toBe(task.id);
    const shown = await system.request('GET', `/api/tasks/${again.id}`, { token: hangzhou });
    expect(shown.body.values).toMatchObject({ reviewComment: '请补充各县退出管理情况。', industryAnalysis: texts.industryAnalysis });
    expect((await statusOf(hangzhou)).items[0]).toMatchObject({ state: 'returned', version: 1, lastReview: { decision: 'return', comment: '请补充各县退出管理情况。' }, taskId: again.id });
  });

  it('takes the revised version and ends when the province accepts it', async () => {
    const task = await inboxTask(hangzhou, 'draft-annual-report');
    const done = await system.request('POST', `/api/tasks/${task.id}/complete`, {
      token: hangzhou,
      body: { industryAnalysis: '杭州市制造业吸纳残疾人就业最多。', marketDemand: '岗位 326 个。', recommendations: '补充：各县退出管理情况良好。' },
    });
    expect(done.status).toBe(200);
    const review = await inboxTask(province, 'review-annual-report');
    expect((await system.request('POST', `/api/tasks/${review.id}/complete`, { token: province, body: { reviewDecision: 'accept' } })).status).toBe(200);
    await eventually('the report process to end', async () => ((await instancesOf(KEY)).length === 0 ? true : undefined));
    expect((await statusOf(province)).items.find((i) => i.cityCode === CITY)).toMatchObject({ state: 'accepted', version: 2, lastReview: { decision: 'accept' }, taskId: null });
    const word = flat(await docxText((await download(hangzhou, `/api/annual-reports/${YEAR}/${CITY}/report.docx`)).bytes));
    expect(word).toContain('（第2稿）');
    expect(word).toContain('补充：各县退出管理情况良好。');
  });

  it('shows a city its own report only, the province every city', async () => {
    expect((await statusOf(province)).items.map((i) => i.cityCode)).toHaveLength(11);
    expect((await statusOf(ningbo)).items.map((i) => i.cityCode)).toEqual(['330200']);
    expect((await system.request('GET', `/api/annual-reports?regionCode=${CITY}`, { token: ningbo })).status).toBe(403);
    expect((await system.request('GET', `/api/annual-reports?regionCode=330000`, { token: hangzhou })).status).toBe(403);
    expect((await download(ningbo, `/api/annual-reports/${YEAR}/${CITY}/report.pdf`)).status).toBe(403);
    expect((await download(ningbo, `/api/annual-reports/${YEAR}/330200/report.pdf`)).status).toBe(404);
    const bad = await system.request('GET', `/api/annual-reports?regionCode=330106`, { token: province });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: '/regionCode', code: 'FORMAT' });
    const lead = await system.login({ role: 'lead', regionCode: '330106' });
    expect((await system.request('GET', '/api/annual-reports', { token: lead })).status).toBe(403);
  });
});
