// The policy impact preview on the real engine: two filings of Lin'an (330112, Hangzhou: minimum wage tier 1,
// 2490 yuan from 2025-01) are reviewed by the real workers from the simulators' records; a policy officer then
// previews processes/employee-counting.dmn with that minimum raised to 2700. Worked out by hand (docs/domain.md §7):
//   lowWage: 100 staff at 80 000, one grade-4 person paid 2600 a month. Deployed: certified 1.00, required 1.50,
//     shortfall 0.50, ratio 1 % → pays 50 %: 0.50 × 80 000 = 40 000 → 20 000. Candidate: every month
//     WAGE_BELOW_MINIMUM → certified 0, shortfall 1.50, ratio 0 → pays 90 %: 120 000 → 108 000.
//   wellPaid: 50 staff at 80 000, one grade-3 person paid 6000: certified 1.00 ≥ required 0.75 → 0, both ways.
// Nothing is written to the filings or their reviews.
// And the preview's guards: a candidate that would echo people's facts is refused without echoing any; a failing
// candidate is named by decision, rule and output, never by value; a preview runs on worker threads within a time
// limit (a second system with PREVIEW_TIMEOUT_MS set low), at most two at once; the audit keeps each file's SHA-256.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { livePreviewThreads } from '../../impact-preview/preview-pool.ts';
import { buildScenario, simDataDirWith, type Scenario } from '../support/review-scenarios.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const COUNTY = '330112';
let system: TestSystem;
let dataDir: string;
let shippedCounting: string;

const S = {
  lowWage: buildScenario({ seed: 930_001, regionCode: COUNTY, averageStaffCount: 100, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 4 }, monthlyWage: 2600 }] }),
  wellPaid: buildScenario({ seed: 930_002, regionCode: COUNTY, averageStaffCount: 50, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 3 } }] }),
} satisfies Record<string, Scenario>;

const ids: Record<keyof typeof S, string> = { lowWage: '', wellPaid: '' };

/** The shipped counting rules with the 2025 tier-1 minimum wage raised from 2490 to 2700. */
function raisedMinimumWage(): string {
  const rule = /(<outputEntry id="minimum-wage-rule-1-out-1"><text>)2490(<\/text>)/;
  expect(shippedCounting).toMatch(rule);
  return shippedCounting.replace(rule, '$12700$2');
}

async function preview(token: string, content: string, filings: Record<string, unknown> = { year: 2025, regionCode: COUNTY }, on: TestSystem = system) {
  return on.request('POST', '/api/policy/previews', { token, body: { resources: [{ name: 'employee-counting.dmn', content }], filings } });
}

/** The shipped counting rules with one output entry's text replaced. */
function withOutput(entryId: string, text: string): string {
  const entry = new RegExp(`(<outputEntry id="${entryId}"><text>)[^<]*(</text>)`);
  expect(shippedCounting).toMatch(entry);
  return shippedCounting.replace(entry, `$1${text}$2`);
}

/** What a preview answer must never contain: the declared people's numbers, names, wages and birth years. */
function expectNoFacts(answer: unknown): void {
  // Filing ids are told (staff find a filing by them); a digit run inside one says nothing about a person.
  const text = JSON.stringify(answer).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<filing>');
  for (const scenario of Object.values(S)) {
    for (const e of scenario.filing.employees) {
      expect(text).not.toContain(e.idNumber);
      expect(text).not.toContain(e.name);
      expect(text).not.toContain(e.idNumber.slice(6, 10)); // the birth year
    }
  }
  expect(text).not.toContain('2600'); // lowWage's monthly wage
  expect(text).not.toContain('6000'); // wellPaid's
  expect(text).not.toMatch(/\d\.\d{3}/); // a computed value (birthYear / 7)
}

async function reviewsSnapshot(): Promise<unknown[]> {
  const rows = await system.db.query('select filing_id, result, rules, reviewed_at, external_task_id from filing_reviews order by filing_id');
  return rows.rows;
}

beforeAll(async () => {
  shippedCounting = await readFile(path.join(projectRoot, 'processes', 'employee-counting.dmn'), 'utf8');
  dataDir = await simDataDirWith(Object.values(S));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, FILING_SEASON: 'open' });
  for (const [name, scenario] of Object.entries(S) as [keyof typeof S, Scenario][]) {
    const token = await system.login({ role: 'employer', uscc: scenario.filing.employer.uscc });
    const res = await system.request('POST', '/api/filings', { token, body: scenario.filing });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[name] = res.body.id as string;
  }
  for (const id of Object.values(ids)) {
    // Reviewed and told to the employer: the process leaves the filing alone from then on.
    await eventually(`filing ${id} to await confirmation`, async () => {
      const rows = await system.db.query(`select 1 from filings f join filing_reviews r on r.filing_id = f.id where f.id = $1 and f.status = 'awaiting_confirmation'`, [id]);
      return rows.rowCount ? true : undefined;
    }, 60_000);
  }
}, 180_000);

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('policy impact preview', { timeout: 60_000 }, () => {
  it('shows the filings, counts, levies and employee-months a raised minimum wage would change, and writes nothing', async () => {
    const policy = await system.login({ role: 'policy' });
    const before = await reviewsSnapshot();
    const filingsBefore = await system.db.query('select id, status, updated_at from filings order by id');

    const res = await preview(policy, raisedMinimumWage());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      filings: 2,
      changed: 1,
      totals: { certifiedCountBefore: 2, certifiedCountAfter: 1, levyPayableBefore: 20_000, levyPayableAfter: 108_000 },
      byCounty: [{ regionCode: COUNTY, filings: 2, changed: 1, certifiedDelta: -1, levyDelta: 88_000 }],
      changesTruncated: false,
    });
    expect(res.body.changes).toHaveLength(1);
    const change = res.body.changes[0];
    expect(change).toMatchObject({
      filingId: ids.lowWage,
      employerName: S.lowWage.filing.employer.name,
      regionCode: COUNTY,
      certifiedBefore: 1,
      certifiedAfter: 0,
      levyBefore: 20_000,
      levyAfter: 108_000,
      flipsTruncated: false,
    });
    expect(change.flips).toEqual(
      Array.from({ length: 12 }, (_, i) => ({
        employeeIndex: 0,
        month: `2025-${String(i + 1).padStart(2, '0')}`,
        before: { counted: true, reasons: [] },
        after: { counted: false, reasons: ['WAGE_BELOW_MINIMUM'] },
      })),
    );
    // No personal numbers, and nothing written to the filings or their reviews.
    const text = JSON.stringify(res.body);
    for (const e of [...S.lowWage.filing.employees, ...S.wellPaid.filing.employees]) expect(text).not.toContain(e.idNumber);
    expect(await reviewsSnapshot()).toEqual(before);
    expect((await system.db.query('select id, status, updated_at from filings order by id')).rows).toEqual(filingsBefore.rows);

    const audited = await system.db.query<{ actor_role: string; detail: any }>("select actor_role, detail from audit_log where action = 'policy.preview' order by id desc limit 1");
    // Of the file as checked and judged (NFC, surrounding white space trimmed, as every text sent is): what a
    // deployment of the same file would store.
    const sha256 = createHash('sha256').update(raisedMinimumWage().normalize('NFC').trim(), 'utf8').digest('hex');
    expect(audited.rows[0]).toMatchObject({ actor_role: 'policy', detail: { resources: ['employee-counting.dmn'], sha256: [sha256], filings: 2, changed: 1 } });
    await eventually('the preview threads to exit', async () => (livePreviewThreads() === 0 ? true : undefined), 5_000);
  });

  it('the shipped rules previewed against themselves change nothing; the city code selects its counties', async () => {
    const policy = await system.login({ role: 'policy' });
    const res = await preview(policy, shippedCounting, { year: 2025, regionCode: '330100' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changed).toBe(0);
    expect(res.body.byCounty).toContainEqual({ regionCode: COUNTY, filings: 2, changed: 0, certifiedDelta: 0, levyDelta: 0 });
  });

  it('is for policy staff only', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: COUNTY });
    expect((await preview(clerk, raisedMinimumWage())).status).toBe(403);
    expect((await system.request('POST', '/api/policy/previews', { body: {} })).status).toBe(401);
  });

  it('answers 400 at the field for XML that does not parse, a bad selection, or rules the review does not use', async () => {
    const policy = await system.login({ role: 'policy' });
    const broken = await preview(policy, '<definitions><decision id="x"');
    expect(broken.status).toBe(400);
    expect(broken.body.errors.map((e: any) => e.path)).toContain('/resources/0/content');

    const badSelection = await preview(policy, raisedMinimumWage(), { year: 'last', regionCode: '999999', limit: 5001 });
    expect(badSelection.status).toBe(400);
    expect(badSelection.body.errors.map((e: any) => e.path).sort()).toEqual(['/filings/limit', '/filings/regionCode', '/filings/year']);

    const unknownCounty = await preview(policy, raisedMinimumWage(), { year: 2025, regionCode: '339999' });
    expect(unknownCounty.status).toBe(400);
    expect(unknownCounty.body.errors[0].path).toBe('/filings/regionCode');

    const unrelated = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:operaton="http://operaton.org/schema/1.0/dmn" id="other" name="其他" namespace="http://dpf.zj.cn/test">
  <decision id="something-else" name="其他决策" operaton:historyTimeToLive="P30D">
    <literalExpression id="something-else-expr"><text>1</text></literalExpression>
  </decision>
</definitions>`;
    const notUsed = await preview(policy, unrelated);
    expect(notUsed.status, JSON.stringify(notUsed.body)).toBe(400);
    expect(notUsed.body.errors[0]).toMatchObject({ path: '/resources', code: 'NO_DECISION_IN_USE' });
  });

  it('refuses a candidate that writes facts into its output before replaying it, and echoes none of them', async () => {
    const policy = await system.login({ role: 'policy' });
    // The counting decision as one literal expression writing the month's wage and the person's grade into text.
    const leak = shippedCounting.replace(
      /<decisionTable id="employee-month-table"[\s\S]*?<\/decisionTable>/,
      '<variable id="employee-month-var" name="reason" typeRef="string" /><literalExpression id="employee-month-leak"><text>string(monthlyWage)+"|"+string(certGrade)</text></literalExpression>',
    );
    expect(leak).toContain('employee-month-leak');
    const res = await preview(policy, leak);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    // string() is no function a decision may call (the FEEL rule): refused on the element, before any replay.
    expect(res.body.errors).toContainEqual({ path: '/resources/0/content', code: 'LINT', message: expect.stringMatching(/employee-month-leak.*string\(…\).*（feel-grammar）/) });
    expectNoFacts(res.body);
    const audited = await system.db.query("select 1 from audit_log where action = 'policy.preview' and detail->>'sha256' like $1", [`%${createHash('sha256').update(leak.trim()).digest('hex')}%`]);
    expect(audited.rowCount).toBe(0); // refused before any filing was read
  });

  it('names the decision, rule and output a candidate fails on when judging, never the value', async () => {
    const policy = await system.login({ role: 'policy' });
    // Passes the checks (a name's shape is known only from its value), fails on the first person: birthYear / 7 is
    // not a whole number — and must not be told, since it gives the birth year away.
    const res = await preview(policy, withOutput('certificate-weight-rule-2-out-1', 'birthYear / 7'));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors).toEqual([
      {
        path: '/resources',
        code: 'RULES_FAIL',
        message: expect.stringMatching(/^申报 [0-9a-f-]{36}：拟部署的规则无法完成认定：决策 certificate-weight 规则 certificate-weight-rule-2 的输出 weight 不是整数（类型 integer）$/),
      },
    ]);
    expectNoFacts(res.body);

    const text = await preview(policy, withOutput('certificate-weight-rule-2-out-1', 'sex'));
    expect(text.body.errors[0].message).toMatch(/：决策 certificate-weight 规则 certificate-weight-rule-2 的输出 weight 不是数值$/);
    expect(JSON.stringify(text.body)).not.toMatch(/male/);
  });

  it('runs at most two previews at once: a third is told to come back later', async () => {
    const policy = await system.login({ role: 'policy' });
    const post = () =>
      fetch(`${system.apiUrl}/api/policy/previews`, {
        method: 'POST',
        headers: { authorization: `Bearer ${policy}`, 'content-type': 'application/json' },
        body: JSON.stringify({ resources: [{ name: 'employee-counting.dmn', content: raisedMinimumWage() }], filings: { year: 2025, regionCode: COUNTY } }),
      });
    // Each preview holds its place for at least its threads' start (most of a second); the three arrive together.
    const answers = await Promise.all([post(), post(), post()]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const busy = answers.find((a) => a.status === 429)!;
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await busy.json()).toMatchObject({ status: 429, code: 'PREVIEW_BUSY', title: expect.stringMatching(/[\u4e00-\u9fff]/) });
    await Promise.all(answers.map((a) => (a.bodyUsed ? undefined : a.body?.cancel())));
    // The places are given back.
    expect((await preview(policy, raisedMinimumWage())).status).toBe(200);
  });

  it('ends a preview past its time limit with 422 PREVIEW_TIMEOUT, its threads terminated', async () => {
    // The same database and engine, another API whose previews may take 100 ms: less than a thread takes to start.
    const limited = await startTestSystem({ SIM_DATA_DIR: dataDir, FILING_SEASON: 'open', WORKERS: 'off', PREVIEW_TIMEOUT_MS: '100' });
    try {
      const policy = await limited.login({ role: 'policy' });
      const started = performance.now();
      const res = await preview(policy, raisedMinimumWage(), { year: 2025, regionCode: COUNTY }, limited);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body).toMatchObject({ code: 'PREVIEW_TIMEOUT', title: '影响预览超时' });
      expect(performance.now() - started).toBeLessThan(10_000);
      await eventually('the preview threads to exit', async () => (livePreviewThreads() === 0 ? true : undefined), 5_000);
    } finally {
      await limited.stop();
    }
  });
});
