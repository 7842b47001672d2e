// Over-quota rewards on the real engine (通知 §六): certified units of Hangzhou with known counts are judged by the
// deployed decision processes/over-quota-reward.dmn, and the candidates, reasons and amounts are compared with our own
// count over the same data (the shipped example values: at least 2 % against the 1.5 % quota, at least 3 certified,
// 2 consecutive years above the quota, 3 000 yuan per person above it in Hangzhou). A county lead excludes one
// candidate with a reason (a malformed exclusion refused first, field by field), the other county confirms, the city
// approves; the payment workbook holds the approved rows only. Evaluated again, and opened again, nothing doubles.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { deployedDecisions } from '../../dmn-evaluator/deployed-decisions.ts';
import { openRewardRounds, rewardRoundKey } from '../../rewards/reward-store.ts';
import { createEvaluateOverQuotaRewardsHandler } from '../../workers/evaluate-over-quota-rewards.ts';
import { storeUnitFiling } from '../support/unit-filings.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let city: string;
let lead102: string;
let lead106: string;
let province: string;

// A year no other suite certifies units in, inside the example rules' years (2020–2030).
const YEAR = 2022;
const CITY = '330100';
const KEY = rewardRoundKey(YEAR, CITY);
const seed = (Date.now() % 100_000) * 10;

interface Unit {
  name: string;
  county: string;
  certified: number;
  required: number;
  ratio: number;
  /** Earlier years above the quota, imported as history (consecutive back from YEAR - 1). */
  yearsBefore: number;
  uscc?: string;
  unitName?: string;
}

const UNITS: Unit[] = [
  { name: 'A', county: '330102', certified: 6, required: 3, ratio: 0.03, yearsBefore: 1 },
  { name: 'B', county: '330102', certified: 5, required: 2, ratio: 0.0375, yearsBefore: 2 },
  { name: 'C', county: '330106', certified: 8, required: 4.5, ratio: 0.0267, yearsBefore: 2 },
  { name: 'D', county: '330106', certified: 2, required: 1, ratio: 0.03, yearsBefore: 3 },
  { name: 'E', county: '330108', certified: 4, required: 3.5, ratio: 0.0171, yearsBefore: 3 },
  { name: 'F', county: '330108', certified: 3, required: 4, ratio: 0.0112, yearsBefore: 3 },
  { name: 'G', county: '330108', certified: 5, required: 2, ratio: 0.0375, yearsBefore: 0 },
];
const unit = (name: string) => UNITS.find((u) => u.name === name)!;

/** Our own count: the example rules of the shipped table, written out independently. */
function expected(u: Unit): { eligible: boolean; reasonCode: string; amount: number } {
  const surplus = u.certified - u.required;
  if (surplus <= 0) return { eligible: false, reasonCode: 'NOT_ABOVE_QUOTA', amount: 0 };
  if (u.ratio < 0.02) return { eligible: false, reasonCode: 'RATIO_MARGIN_NOT_MET', amount: 0 };
  if (u.certified < 3) return { eligible: false, reasonCode: 'TOO_FEW_EMPLOYEES', amount: 0 };
  if (u.yearsBefore + 1 < 2) return { eligible: false, reasonCode: 'TOO_FEW_YEARS', amount: 0 };
  return { eligible: true, reasonCode: 'ELIGIBLE', amount: surplus * 3000 };
}

/** A unit certified for YEAR with these counts: the filing, its stored review and its current certificate. */
async function certifiedUnit(u: Unit, n: number): Promise<void> {
  const filing = syntheticFiling(seed + n, { year: YEAR, regionCode: u.county });
  u.uscc = filing.employer.uscc;
  u.unitName = filing.employer.name;
  const id = await storeUnitFiling(system.db, filing, YEAR, 'certified');
  const result = { certifiedCount: u.certified, requiredCount: u.required, employees: [], levyEstimate: { actualRatio: u.ratio, payable: 0 } };
  await system.db.query(`insert into filing_reviews (filing_id, result, rules) values ($1, $2, '{}')`, [id, JSON.stringify(result)]);
  await system.db.query(
    `insert into certificates (code, filing_id, sequence, employer_uscc, employer_name, year, certified_count, required_count, certified_by, source_task_id)
     values ($1, $2, 1, $3, $4, $5, $6, $7, 'test', $8)`,
    [randomUUID(), id, u.uscc, u.unitName, YEAR, u.certified, u.required, randomUUID()],
  );
  for (let back = 1; back <= u.yearsBefore; back++) {
    await system.db.query(
      `insert into review_history (uscc, year, unit_name, region_code, staff_count, average_wage, certified_count, required_count, levy_paid, import_id)
       values ($1, $2, $3, $4, 200, 80000, $5, $6, 0, $7)`,
      [u.uscc, YEAR - back, u.unitName, u.county, u.certified, u.required, randomUUID()],
    );
  }
}

beforeAll(async () => {
  system = await startTestSystem();
  city = await system.login({ role: 'city', regionCode: CITY, userId: 'city.hangzhou.rewards' });
  lead102 = await system.login({ role: 'lead', regionCode: '330102', userId: 'lead.shangcheng.rewards' });
  lead106 = await system.login({ role: 'lead', regionCode: '330106', userId: 'lead.xihu.rewards' });
  province = await system.login({ role: 'province', userId: 'province.rewards' });
  for (const [n, u] of UNITS.entries()) await certifiedUnit(u, n);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

interface Task {
  id: string;
  taskDefinitionKey: string;
  processInstanceId: string;
}

const instancesOf = () => system.rest.get<{ id: string }[]>('/process-instance', { processDefinitionKey: 'over-quota-reward', businessKey: KEY });

async function inboxTask(token: string, key: string): Promise<Task> {
  const [instance] = await eventually(`the instance ${KEY}`, async () => ((await instancesOf()).length > 0 ? instancesOf() : undefined));
  return eventually(`the task ${key}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return (res.body.items as Task[]).find((t) => t.taskDefinitionKey === key && t.processInstanceId === instance!.id);
  }, 60_000);
}

interface Item {
  uscc: string;
  eligible: boolean;
  reasonCode: string;
  reason: string;
  amount: number;
  surplus: number;
  certifiedCount: number;
  requiredCount: number;
  yearsAboveQuota: number;
  countyDecision: string | null;
  exclusionReason: string | null;
  approval: string;
}

async function rewards(token: string, query: string): Promise<{ status: number; items: Item[]; rounds: { cityCode: string; state: string; exportHref: string | null; approved: number }[] }> {
  const res = await system.request('GET', `/api/rewards?year=${YEAR}${query}`, { token });
  return { status: res.status, items: (res.body.items ?? []) as Item[], rounds: res.body.rounds ?? [] };
}
const mine = (items: Item[]) => items.filter((i) => UNITS.some((u) => u.uscc === i.uscc));

describe('over-quota rewards', () => {
  it('is deployed with its yearly timer after the season, and a history time to live', async () => {
    const round = await system.rest.get<{ historyTimeToLive: number; name: string }>('/process-definition/key/over-quota-reward');
    expect(round).toMatchObject({ name: '超比例安排残疾人就业奖励', historyTimeToLive: 1825 });
    const jobs = await system.rest.get<{ dueDate: string }[]>('/job', { processDefinitionKey: 'over-quota-reward-start', timers: true });
    expect(jobs).toHaveLength(1);
    // 15 January, 09:00 in China (01:00 UTC): after the certification period ended on 31 December.
    expect(new Date(jobs[0]!.dueDate).toISOString()).toMatch(/-01-15T01:00:00\.000Z$/);
  });

  it('judges every certified unit of the city as our own count does, once however often it is opened or evaluated', async () => {
    expect(await openRewardRounds(system.db, YEAR, [CITY])).toEqual([CITY]);
    expect(await openRewardRounds(system.db, YEAR, [CITY])).toEqual([]);
    await eventually('the evaluation', async () => {
      const { rows } = await system.db.query<{ state: string }>(`select state from reward_rounds where year = $1 and city_code = $2`, [YEAR, CITY]);
      return rows[0]?.state === 'confirming' ? true : undefined;
    }, 60_000);
    const { status, items } = await rewards(city, `&region=${CITY}`);
    expect(status).toBe(200);
    const judged = mine(items);
    expect(judged).toHaveLength(UNITS.length);
    for (const u of UNITS) {
      const item = judged.find((i) => i.uscc === u.uscc)!;
      expect({ name: u.name, eligible: item.eligible, reasonCode: item.reasonCode, amount: item.amount }).toEqual({ name: u.name, ...expected(u) });
      expect(item).toMatchObject({ certifiedCount: u.certified, requiredCount: u.required, surplus: u.certified - u.required, yearsAboveQuota: u.certified > u.required ? u.yearsBefore + 1 : 0 });
    }
    expect(judged.find((i) => i.uscc === unit('G').uscc)!.reason).toBe('连续超比例安排年数不足');

    // The same evaluation again (a task handed out again): the same rows, none added.
    const count = async () => (await system.db.query<{ n: number }>(`select count(*)::int as n from reward_candidates where year = $1 and city_code = $2`, [YEAR, CITY])).rows[0]!.n;
    const before = await count();
    const evaluate = createEvaluateOverQuotaRewardsHandler({ db: system.db, decisions: deployedDecisions(system.rest) });
    const again = await evaluate({ key: 'again', variables: { year: YEAR, cityCode: CITY }, retries: 3 });
    expect(again).toMatchObject({ kind: 'complete' });
    expect(await count()).toBe(before);
    expect((await instancesOf()).length).toBe(1);
  });

  it('shows a county its own units only, and refuses it the city', async () => {
    const own = await rewards(lead102, '');
    expect(own.status).toBe(200);
    expect(new Set(mine(own.items).map((i) => i.uscc))).toEqual(new Set([unit('A').uscc, unit('B').uscc]));
    expect((await rewards(lead102, `&region=${CITY}`)).status).toBe(403);
    expect((await system.request('GET', `/api/rewards/export.xlsx?year=${YEAR}&city=${CITY}`, { token: lead102 })).status).toBe(403);
    const bad = await system.request('GET', `/api/rewards?year=20x2&region=999999`, { token: city });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string; message: string }[]).map((e) => e.path).sort()).toEqual(['/region', '/year']);
  });

  it('lets a county exclude a candidate with its reason, the other confirm, and the city approve', async () => {
    const task = await inboxTask(lead102, 'confirm-reward-candidates');
    const shown = await system.request('GET', `/api/tasks/${task.id}`, { token: lead102 });
    expect(shown.status).toBe(200);
    expect(shown.body.form.id).toBe('reward-county-confirmation');
    expect(shown.body.values.rewardCandidates).toContain(`${unit('A').unitName}（${unit('A').uscc}）：认定安排 6 人，应安排 3 人，超出 3 人`);
    expect(shown.body.values.rewardCandidates).toContain('奖励 9,000.00 元');
    // The county's own candidates only.
    expect(shown.body.values.rewardCandidates).not.toContain(unit('C').uscc as string);

    const refused = await system.request('POST', `/api/tasks/${task.id}/complete`, {
      token: lead102,
      body: { excludedCandidates: `不是代码 理由\n${unit('C').uscc}`, candidatesChecked: true },
    });
    expect(refused.status).toBe(400);
    expect((refused.body.errors as { message: string }[])[0]!.message).toContain('第 1、2 行应写作“统一社会信用代码 排除理由”');

    const done = await system.request('POST', `/api/tasks/${task.id}/complete`, {
      token: lead102,
      body: { excludedCandidates: `${unit('B').uscc} 该单位存在严重失信记录`, candidatesChecked: true },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const other = await inboxTask(lead106, 'confirm-reward-candidates');
    expect((await system.request('POST', `/api/tasks/${other.id}/complete`, { token: lead106, body: { candidatesChecked: true } })).status).toBe(200);

    const approval = await inboxTask(city, 'approve-over-quota-rewards');
    const view = await system.request('GET', `/api/tasks/${approval.id}`, { token: city });
    expect(view.body.form.id).toBe('reward-city-approval');
    expect((await system.request('POST', `/api/tasks/${approval.id}/complete`, { token: city, body: { approvalDecision: 'approve' } })).status).toBe(200);
    await eventually('the round to end', async () => ((await instancesOf()).length === 0 ? true : undefined), 60_000);

    const { items, rounds } = await rewards(province, `&region=${CITY}`);
    const byName = (name: string) => mine(items).find((i) => i.uscc === unit(name).uscc)!;
    expect(byName('A')).toMatchObject({ countyDecision: 'confirmed', approval: 'approved' });
    expect(byName('B')).toMatchObject({ countyDecision: 'excluded', exclusionReason: '该单位存在严重失信记录', approval: 'pending' });
    expect(byName('C')).toMatchObject({ countyDecision: 'confirmed', approval: 'approved', amount: 10500 });
    expect(byName('G')).toMatchObject({ eligible: false, countyDecision: null, approval: 'pending' });
    expect(rounds.find((r) => r.cityCode === CITY)).toMatchObject({ state: 'approved', exportHref: `/api/rewards/export.xlsx?year=${YEAR}&city=${CITY}` });
  });

  it('exports the approved rewards for payment, audited', async () => {
    const res = await fetch(`${system.apiUrl}/api/rewards/export.xlsx?year=${YEAR}&city=${CITY}`, { headers: { authorization: `Bearer ${city}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(String(rows[0]![0])).toContain(`杭州市 ${YEAR} 年度超比例安排残疾人就业奖励发放表`);
    const usccs = rows.map((r) => r[3]);
    expect(usccs).toContain(unit('A').uscc);
    expect(usccs).toContain(unit('C').uscc);
    expect(usccs).not.toContain(unit('B').uscc);
    expect(usccs).not.toContain(unit('G').uscc);
    const rowA = rows.find((r) => r[3] === unit('A').uscc)!;
    expect(rowA.slice(4, 9)).toEqual([6, 3, 3, 3000, 9000]);
    const audited = await system.db.query(`select detail from audit_log where action = 'rewards.export' and subject_id = $1`, [CITY]);
    expect(audited.rows.map((r) => r.detail)).toContainEqual(expect.objectContaining({ year: YEAR }));
  });
});
