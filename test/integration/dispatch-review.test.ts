// Dispatched workers (劳务派遣, 财税〔2015〕72号 art. 8) on the real engine and database, from both sides: the agency
// pays, so pension, medical insurance and wages are held by the departments under the agency's USCC; the person
// counts where the agreement says, moving into that unit's staff number; and when the agency and the host both
// count the person, the filing reviewed later is refused the months and both counties see a finding. Figures worked
// by hand as in automatic-review.test.ts (Hangzhou 2025: quota 1.5 %, wage cap 260 000, below 1 % → 90 % payable;
// required = staff × 1.5 % to two decimals, where staff = declared ± dispatched months ÷ 12, docs/review.md §Dispatch).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployedDecisions } from '../../dmn-evaluator/deployed-decisions.ts';
import { findReview } from '../../review/review-store.ts';
import { createCountEmployeesHandler } from '../../workers/count-employees.ts';
import { buildScenario, declaredByAgency, monthKey, simDataDirWith, type Scenario } from '../support/review-scenarios.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let dataDir: string;

const grade4 = { kind: 'disability', grade: 4 } as const;
const agencyOf = (seed: number, averageStaffCount: number, regionCode = '330106') =>
  buildScenario({ seed, regionCode, averageStaffCount, averageAnnualWage: 80_000, employees: [] });
const hostOf = (seed: number, agency: Scenario, averageStaffCount: number, dispatchCountedHere?: boolean) =>
  buildScenario({
    seed,
    averageStaffCount,
    averageAnnualWage: 80_000,
    employees: [{ cert: grade4, employmentType: 'dispatch', dispatchAgencyUscc: agency.filing.employer.uscc, dispatchCountedHere }],
  });

// Agreement at the host: the held-back case (host of 300, one grade-4 worker, records under the agency).
const agencyA = agencyOf(921_001, 500);
const hostA = hostOf(921_002, agencyA, 300, true);
const agencyAFiling = declaredByAgency(agencyA, hostA.filing.employees[0]!, false);
// Agreement at the agency.
const agencyB = agencyOf(921_003, 200);
const hostB = hostOf(921_004, agencyB, 100, false);
const agencyBFiling = declaredByAgency(agencyB, hostB.filing.employees[0]!, true);
// No agreement declared at the host; the agency does not file here.
const agencyC = agencyOf(921_005, 50);
const hostC = hostOf(921_006, agencyC, 100);
// Both claim the person: the host (Xihu) is reviewed first, the agency (Yuhang) second.
const agencyD = agencyOf(921_007, 200, '330110');
const hostD = hostOf(921_008, agencyD, 100, true);
const agencyDFiling = declaredByAgency(agencyD, hostD.filing.employees[0]!, true);

const allMonths = (reasons: string[] = []) =>
  Array.from({ length: 12 }, (_, i) => ({ month: monthKey(i + 1), counted: reasons.length === 0, reasons }));
const ELSEWHERE = ['DISPATCH_COUNTED_ELSEWHERE'];

async function file(scenario: Scenario): Promise<{ id: string; token: string }> {
  const token = await system.login({ role: 'employer', uscc: scenario.filing.employer.uscc });
  const res = await system.request('POST', '/api/filings', { token, body: scenario.filing });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, token };
}

async function reviewOf(scenario: Scenario): Promise<{ id: string; review: any }> {
  const { id, token } = await file(scenario);
  const filing = await eventually(`filing ${id} to await confirmation`, async () => {
    const res = await system.request('GET', `/api/filings/${id}`, { token });
    return res.body.status === 'awaiting_confirmation' ? res.body : undefined;
  }, 30_000);
  return { id, review: filing.review };
}

function expectFigures(review: any, expected: { certifiedCount: number; quotaStaffCount: number; requiredCount: number; shortfall: number; base: number; payable: number }) {
  const { certifiedCount, quotaStaffCount, requiredCount, shortfall, levyEstimate } = review;
  expect.soft({ certifiedCount, quotaStaffCount, requiredCount, shortfall, base: levyEstimate.base, payable: levyEstimate.payable, reductionRate: levyEstimate.reductionRate })
    .toEqual({ ...expected, reductionRate: 0.1 });
}

beforeAll(async () => {
  dataDir = await simDataDirWith([agencyA, hostA, agencyB, hostB, agencyC, hostC, agencyD, hostD]);
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, FILING_SEASON: 'open', WORKER_RETRIES: '2', WORKER_RETRY_BACKOFF_MS: '200', DEPT_RETRIES: '0' });
});

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('dispatched workers', () => {
  it('agreement at the host: paid by the agency, counted at the host, moved from the agency\'s staff to the host\'s', async () => {
    const host = await reviewOf(hostA);
    // The departments hold the months under the agency, and were asked there: every month counts.
    expect.soft(host.review.employees[0]).toMatchObject({ weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: allMonths() });
    // staff 300 + 12/12 = 301; required 4.515 (unrounded, shown 4.52); shortfall 3.515 × 80 000 = 281 200; 1/301 < 1 % → 90 % = 253 080.
    // (The 252 000 is 3.5 × 80 000 × 90 %, the staff number left at 300: the worker's move into the host's
    // staff adds the 1 440.)
    expectFigures(host.review, { certifiedCount: 1, quotaStaffCount: 301, requiredCount: 4.52, shortfall: 3.52, base: 281_200, payable: 253_080 });

    const agency = await reviewOf(agencyAFiling);
    expect.soft(agency.review.employees[0]).toMatchObject({ countedMonths: 0, reasons: ELSEWHERE, months: allMonths(ELSEWHERE) });
    // staff 500 − 12/12 = 499; required 7.485 (shown 7.49) × 80 000 = 598 800 → 538 920.
    expectFigures(agency.review, { certifiedCount: 0, quotaStaffCount: 499, requiredCount: 7.49, shortfall: 7.49, base: 598_800, payable: 538_920 });
    const claims = await system.db.query('select filing_id, month from dispatch_claims where filing_id = any($1::uuid[]) order by month', [[host.id, agency.id]]);
    expect(claims.rows).toEqual(allMonths().map(({ month }) => ({ filing_id: host.id, month })));
  });

  it('agreement at the agency: counted there, the host counts nothing and keeps its staff number', async () => {
    const host = await reviewOf(hostB);
    expect.soft(host.review.employees[0]).toMatchObject({ countedMonths: 0, reasons: ELSEWHERE, months: allMonths(ELSEWHERE) });
    // staff 100; required 1.5 × 80 000 = 120 000 → 108 000.
    expectFigures(host.review, { certifiedCount: 0, quotaStaffCount: 100, requiredCount: 1.5, shortfall: 1.5, base: 120_000, payable: 108_000 });

    const agency = await reviewOf(agencyBFiling);
    expect.soft(agency.review.employees[0]).toMatchObject({ weight: 1, countedMonths: 12, reasons: [], months: allMonths() });
    // staff 200 (the agency's own worker stays); required 3, shortfall 2 × 80 000 = 160 000 → 144 000.
    expectFigures(agency.review, { certifiedCount: 1, quotaStaffCount: 200, requiredCount: 3, shortfall: 2, base: 160_000, payable: 144_000 });
  });

  it('no agreement declared at the host: not counted there, no move', async () => {
    const host = await reviewOf(hostC);
    expect.soft(host.review.employees[0]).toMatchObject({ countedMonths: 0, reasons: ELSEWHERE, months: allMonths(ELSEWHERE) });
    expectFigures(host.review, { certifiedCount: 0, quotaStaffCount: 100, requiredCount: 1.5, shortfall: 1.5, base: 120_000, payable: 108_000 });
  });

  it('both claim the person: the later review is refused the months, both counties see it, a re-run changes nothing, a withdrawal frees them', async () => {
    const host = await reviewOf(hostD);
    expect.soft(host.review.employees[0]).toMatchObject({ countedMonths: 12, reasons: [] });
    // staff 100 + 1 = 101; required 1.515 (shown 1.52); 0.515 × 80 000 = 41 200 → 37 080.
    expectFigures(host.review, { certifiedCount: 1, quotaStaffCount: 101, requiredCount: 1.52, shortfall: 0.52, base: 41_200, payable: 37_080 });

    const agency = await reviewOf(agencyDFiling);
    expect.soft(agency.review.employees[0]).toMatchObject({ countedMonths: 0, reasons: ELSEWHERE, months: allMonths(ELSEWHERE) });
    // The host counts the person: 200 − 1 = 199; required 2.985 (shown 2.99) × 80 000 = 238 800 → 214 920.
    expectFigures(agency.review, { certifiedCount: 0, quotaStaffCount: 199, requiredCount: 2.99, shortfall: 2.99, base: 238_800, payable: 214_920 });

    const idNumber = hostD.filing.employees[0]!.idNumber;
    const masked = `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;
    const months = allMonths().map((m) => m.month);
    const finding = (side: string, other: Scenario, otherId: string, regionCode: string) => ({
      side,
      index: 0,
      idNumberMasked: masked,
      agencyUscc: agencyD.filing.employer.uscc,
      months,
      other: { filingId: otherId, uscc: other.filing.employer.uscc, unitName: other.filing.employer.name, regionCode },
      recordedAt: expect.any(String),
    });
    const xihu = await system.login({ role: 'reviewer', regionCode: '330106' });
    const yuhang = await system.login({ role: 'reviewer', regionCode: '330110' });
    const seenAtHost = await system.request('GET', `/api/filings/${host.id}`, { token: xihu });
    expect(seenAtHost.body.dispatchClaims).toEqual([finding('holding', agencyD, agency.id, '330110')]);
    const seenAtAgency = await system.request('GET', `/api/filings/${agency.id}`, { token: yuhang });
    expect(seenAtAgency.body.dispatchClaims).toEqual([finding('refused', hostD, host.id, '330106')]);
    // Never to the employer, and never the full number.
    const employer = await system.login({ role: 'employer', uscc: agencyD.filing.employer.uscc });
    expect((await system.request('GET', `/api/filings/${agency.id}`, { token: employer })).body.dispatchClaims).toBeUndefined();
    expect(JSON.stringify(seenAtAgency.body.dispatchClaims)).not.toContain(idNumber);

    // count-employees run again for both (a redelivered job): the same results, claims and findings.
    const count = createCountEmployeesHandler({ db: system.db, decisions: deployedDecisions(system.rest) });
    const snapshot = async () => ({
      claims: (await system.db.query('select filing_id, month, claimed_at from dispatch_claims where filing_id = any($1::uuid[]) order by month', [[host.id, agency.id]])).rows,
      conflicts: (await system.db.query('select refused_filing_id, holding_filing_id, months from dispatch_claim_conflicts where refused_filing_id = any($1::uuid[])', [[host.id, agency.id]])).rows,
      host: (await findReview(system.db, host.id))!.result,
      agency: (await findReview(system.db, agency.id))!.result,
    });
    const before = await snapshot();
    expect(before.claims).toHaveLength(12);
    for (const filingId of [agency.id, host.id]) {
      expect((await count({ key: randomUUID(), variables: { filingId }, retries: 3 } as never)).kind).toBe('complete');
    }
    expect(await snapshot()).toEqual(before);

    // The host's filing withdrawn (as its process would set it): the agency's next review takes the months.
    await system.db.query(`update filings set status = 'withdrawn' where id = $1`, [host.id]);
    expect((await count({ key: randomUUID(), variables: { filingId: agency.id }, retries: 3 } as never)).kind).toBe('complete');
    const after = await snapshot();
    expect(after.agency).toMatchObject({ certifiedCount: 1, quotaStaffCount: 200, employees: [{ countedMonths: 12, reasons: [] }] });
    expect(after.claims.map((c: any) => c.filing_id)).toEqual(Array(12).fill(agency.id));
    expect(after.conflicts).toEqual([]);
  });
});
