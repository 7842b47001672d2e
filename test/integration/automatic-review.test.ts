// The automatic review on the real engine, scenario by scenario: each filing's departments answer from a
// temporary SIM_DATA_DIR built by test/support/review-scenarios.ts, the five department checks run, and
// count-employees judges every employee-month by the deployed DMN. Every expected figure below is worked out by
// hand from docs/domain.md §7 and the shipped processes/employee-counting.dmn and processes/levy-estimate.dmn:
//   certified = round(Σ weight × counted months ÷ 12, 2) · required = staff × 1.5% (2 dp) ·
//   shortfall = max(0, required − certified) · wageBase = min(average wage, 2 × average social wage
//   (Hangzhou 2025: 130 000 → cap 260 000; province 2025: 116 000 → cap 232 000)) · base = shortfall × wageBase ·
//   payable = base × (1 − reductionRate); reductionRate 1 and exempt for enterprises ≤ 30 staff, 0 at or above
//   the quota, 0.5 from 1% of staff, 0.1 below 1%. Minimum wage 2025: tier 1 (Hangzhou urban) 2490, tier 3 2010.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { buildScenario, monthKey, simDataDirWith, type Scenario } from '../support/review-scenarios.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { registerUscc } from '../support/unit-register-rows.ts';

/** The dispatch agency of the `dispatch` scenario: another unit, under which the departments hold the workers' months. */
const DISPATCH_AGENCY = registerUscc('91', '330106', 'DA0000001');

let system: TestSystem;
let dataDir: string;
const COUNTING_DMN = path.join(projectRoot, 'processes', 'employee-counting.dmn');
let shippedCounting: string;

// ── the scenarios (employer in 330106 Xihu, Hangzhou, year 2025, unless said) ─────────────────────────────────
const S = {
  doubleCounting: buildScenario({
    seed: 920_001,
    averageStaffCount: 300,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 2, category: 1 } }, { cert: { kind: 'veteran', grade: 2 } }, { cert: { kind: 'disability', grade: 4 } }],
  }),
  partialYear: buildScenario({
    seed: 920_002,
    averageStaffCount: 100,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 4 }, employed: { from: '2025-07-01', to: '2025-12-31' }, contract: { start: '2025-07-01', end: '2027-06-30' } }],
  }),
  pensionGap: buildScenario({
    seed: 920_003,
    averageStaffCount: 60,
    averageAnnualWage: 60_000,
    // March and April recorded as due and not paid, May without any record.
    employees: [{ cert: { kind: 'disability', grade: 3 }, pensionPaid: [1, 2, 6, 7, 8, 9, 10, 11, 12], pensionUnpaid: [3, 4] }],
  }),
  shortContract: buildScenario({
    seed: 920_004,
    averageStaffCount: 200,
    averageAnnualWage: 300_000,
    employees: [
      { cert: { kind: 'disability', grade: 1 }, contract: { start: '2025-01-01', end: '2025-09-30' } },
      { cert: { kind: 'disability', grade: 3 } },
    ],
  }),
  wages: buildScenario({
    seed: 920_005,
    averageStaffCount: 40,
    averageAnnualWage: 70_000,
    employees: [{ cert: { kind: 'disability', grade: 4 }, wages: { 2: 2400, 3: 2400, 4: 2490, 5: [1500, 1200], 8: null } }],
  }),
  wagesInQuzhou: buildScenario({
    seed: 920_015,
    regionCode: '330802',
    averageStaffCount: 40,
    averageAnnualWage: 70_000,
    employees: [{ cert: { kind: 'disability', grade: 4 }, wages: { 2: 2400, 3: 2400, 4: 2490, 5: [1500, 1200], 8: null } }],
  }),
  certExpires: buildScenario({
    seed: 920_006,
    averageStaffCount: 150,
    averageAnnualWage: 90_000,
    employees: [{ cert: { kind: 'disability', grade: 1 }, register: { validFrom: '2015-06-16', validUntil: '2025-06-15' } }],
  }),
  veteranGrades: buildScenario({
    seed: 920_007,
    averageStaffCount: 300,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'veteran', grade: 9 } }, { cert: { kind: 'veteran', grade: 5 } }],
  }),
  policeOff: buildScenario({ seed: 920_008, averageStaffCount: 100, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'police', grade: 3 } }] }),
  policeOn: buildScenario({ seed: 920_018, averageStaffCount: 100, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'police', grade: 3 } }] }),
  outsideZhejiang: buildScenario({
    seed: 920_009,
    averageStaffCount: 100,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 2 }, hukouRegionCode: '410102' }],
  }),
  deregistered: buildScenario({
    seed: 920_010,
    registration: 'deregistered',
    averageStaffCount: 80,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 3 } }],
  }),
  certMismatch: buildScenario({
    seed: 920_011,
    averageStaffCount: 100,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 3 }, register: { name: 'different' } }],
  }),
  duplicate: buildScenario({
    seed: 920_012,
    averageStaffCount: 90,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 4 } }, { cert: { kind: 'disability', grade: 4 }, sameAs: 0 }],
  }),
  dispatch: buildScenario({
    seed: 920_013,
    averageStaffCount: 120,
    averageAnnualWage: 80_000,
    // Both dispatched by one agency, which pays and insures them, so only the agreement tells them apart.
    employees: [
      { cert: { kind: 'disability', grade: 4 }, employmentType: 'dispatch', dispatchAgencyUscc: DISPATCH_AGENCY, dispatchCountedHere: false },
      { cert: { kind: 'disability', grade: 4 }, employmentType: 'dispatch', dispatchAgencyUscc: DISPATCH_AGENCY, dispatchCountedHere: true },
    ],
  }),
  smallEnterprise: buildScenario({
    seed: 920_014,
    averageStaffCount: 30,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 4 }, employed: { from: '2025-12-01', to: '2025-12-31' }, contract: { start: '2025-12-01', end: '2026-11-30' } }],
  }),
  workedExample: buildScenario({
    seed: 920_024,
    averageStaffCount: 600,
    averageAnnualWage: 50_000,
    employees: [
      { cert: { kind: 'disability', grade: 1 } },
      { cert: { kind: 'veteran', grade: 3 } },
      { cert: { kind: 'disability', grade: 3 } },
      { cert: { kind: 'disability', grade: 4 } },
    ],
  }),
  medicalOutage: buildScenario({ seed: 920_016, averageStaffCount: 50, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 3 } }] }),
  slowWages: buildScenario({ seed: 920_017, averageStaffCount: 50, averageAnnualWage: 80_000, employees: [{ cert: { kind: 'disability', grade: 3 } }] }),
  // Answered malformed by the tax withholding data at first: August without any payment only shows once it answers.
  malformedWages: buildScenario({
    seed: 920_019,
    averageStaffCount: 100,
    averageAnnualWage: 80_000,
    employees: [{ cert: { kind: 'disability', grade: 4 }, wages: { 8: null } }],
  }),
} satisfies Record<string, Scenario>;

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────────────────
type Reason = string;
const CHINESE = /[\u4e00-\u9fff]/;

/** The twelve months of 2025: counted unless listed, e.g. { '1-6': ['NOT_EMPLOYED'], '8': ['WAGE_NOT_FOUND'] }. */
function months(notCounted: Record<string, Reason[]> = {}) {
  const byMonth = new Map<number, Reason[]>();
  for (const [range, reasons] of Object.entries(notCounted)) {
    const [from, to = from] = range.split('-').map(Number) as [number, number?];
    for (let m = from; m <= to!; m++) byMonth.set(m, reasons);
  }
  return Array.from({ length: 12 }, (_, i) => ({ month: monthKey(i + 1), counted: !byMonth.has(i + 1), reasons: byMonth.get(i + 1) ?? [] }));
}

interface ExpectedEmployee {
  weight: number;
  countedMonths: number;
  contribution: number;
  reasons: Reason[];
  months: ReturnType<typeof months>;
}

// Soft: a wrong figure is reported and the scenario's remaining steps still run (and report theirs).
function expectEmployee(actual: any, expected: ExpectedEmployee): void {
  const { weight, countedMonths, contribution, counted, reasons, months: actualMonths } = actual;
  expect.soft({ weight, countedMonths, contribution, counted, reasons, months: actualMonths }).toEqual({ ...expected, counted: expected.countedMonths > 0 });
}

interface ExpectedTotals {
  certifiedCount: number;
  requiredCount: number;
  shortfall: number;
  levy: { base: number; reductionRate: number; payable: number; exempt: boolean; exemptLabel?: string; wageBase: number; wageBaseCap: number; actualRatio: number };
}

function expectTotals(review: any, expected: ExpectedTotals): void {
  const { certifiedCount, requiredCount, shortfall, levyEstimate } = review;
  expect.soft({ certifiedCount, requiredCount, shortfall, levyEstimate }).toEqual({
    certifiedCount: expected.certifiedCount,
    requiredCount: expected.requiredCount,
    shortfall: expected.shortfall,
    // Every shipped average social wage is provisional (docs/review.md §Reference data).
    levyEstimate: { ...expected.levy, quotaRatio: 0.015, provisional: true },
  });
}

const masked = (idNumber: string) => `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;

async function readFiling(id: string, token: string): Promise<any> {
  const res = await system.request('GET', `/api/filings/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** Files the scenario online as its employer. */
async function file(scenario: Scenario): Promise<{ id: string; token: string }> {
  const token = await system.login({ role: 'employer', uscc: scenario.filing.employer.uscc });
  const res = await system.request('POST', '/api/filings', { token, body: scenario.filing });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, token };
}

async function awaitingConfirmation(id: string, token: string, deadlineMs = 30_000): Promise<any> {
  return eventually(`filing ${id} to await confirmation`, async () => {
    const filing = await readFiling(id, token);
    return filing.status === 'awaiting_confirmation' ? filing : undefined;
  }, deadlineMs);
}

/** Files the scenario and waits for the automatic review's result, as the employer sees it. */
async function reviewOf(scenario: Scenario): Promise<{ id: string; token: string; review: any }> {
  const { id, token } = await file(scenario);
  const filing = await awaitingConfirmation(id, token);
  expect(filing.review).not.toBeNull();
  return { id, token, review: filing.review };
}

async function instanceOf(filingId: string): Promise<string> {
  return eventually(`the process instance of ${filingId}`, async () => {
    const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
    return instance?.id;
  });
}

async function evidence(filingId: string): Promise<Map<string, Date>> {
  const rows = await system.db.query<{ source: string; recorded_at: Date }>('select source, recorded_at from review_evidence where filing_id = $1', [filingId]);
  return new Map(rows.rows.map((r) => [r.source, r.recorded_at]));
}

/** Replaces the department's whole fault switch: whatever `fault` does not name is off. */
async function setFault(department: string, fault: { latencyMs?: number; outage?: boolean; malformed?: boolean }): Promise<void> {
  const res = await fetch(`${system.simulators!.url}/_admin/faults/${department}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage: false, malformed: false, ...fault }),
  });
  expect(res.status, await res.text()).toBe(200);
}

/** The department answers normally again; for `finally`, so no later test meets a fault left switched on. */
const resetFault = (department: string) => setFault(department, {});

async function deployCountingRules(content: string): Promise<{ status: number; body: any }> {
  const policy = await system.login({ role: 'policy' });
  return system.request('POST', '/api/deployments', { token: policy, body: { note: '测试：调整认定规则', resources: [{ name: 'employee-counting.dmn', content }] } });
}

const OTHER_DEPARTMENTS = ['dpf-certificates', 'veteran-certificates', 'pension', 'medical', 'wages'];

beforeAll(async () => {
  shippedCounting = await readFile(COUNTING_DMN, 'utf8');
  dataDir = await simDataDirWith(Object.values(S));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, FILING_SEASON: 'open', WORKER_RETRIES: '2', WORKER_RETRY_BACKOFF_MS: '200', DEPT_RETRIES: '0' });
});

afterAll(async () => {
  // Other test files must find the shipped counting rules as the latest deployed ones.
  if (system && shippedCounting) await deployCountingRules(shippedCounting);
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('automatic review', { timeout: 90_000 }, () => {
  it('counts a grade-2 disability and a grade-2 veteran certificate double, a grade-4 one single; masks the ID numbers for the employer', async () => {
    const { review } = await reviewOf(S.doubleCounting);
    // 2 × 12 + 2 × 12 + 1 × 12 = 60 weighted months ÷ 12 = 5.00
    expectEmployee(review.employees[0], { weight: 2, countedMonths: 12, contribution: 2, reasons: [], months: months() });
    expectEmployee(review.employees[1], { weight: 2, countedMonths: 12, contribution: 2, reasons: [], months: months() });
    expectEmployee(review.employees[2], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    // required 300 × 1.5% = 4.50 ≤ 5.00: no shortfall; ratio 5 / 300 = 0.016667 ≥ 1.5% → reduction 0
    expectTotals(review, {
      certifiedCount: 5,
      requiredCount: 4.5,
      shortfall: 0,
      levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.016667 },
    });
    expect(review.employerFindings).toEqual([]);
    expect(review.employees.map((e: any) => e.idNumber)).toEqual(S.doubleCounting.filing.employees.map((e) => masked(e.idNumber)));
    expect(review.employees.map((e: any) => e.name)).toEqual(S.doubleCounting.filing.employees.map((e) => e.name));
    expect(review.summary).toMatch(CHINESE);
    expect(review.rules).toEqual({
      counting: { key: 'employee-month', id: expect.any(String), version: expect.any(Number) },
      weight: { key: 'certificate-weight', id: expect.any(String), version: expect.any(Number) },
      levy: { key: 'levy-policy', id: expect.any(String), version: expect.any(Number) },
    });
  });

  it('counts a person hired on 1 July for half a year', async () => {
    const { review } = await reviewOf(S.partialYear);
    // grade 4: 1 × 6 months ÷ 12 = 0.50
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 6, contribution: 0.5, reasons: ['NOT_EMPLOYED'], months: months({ '1-6': ['NOT_EMPLOYED'] }) });
    // required 100 × 1.5% = 1.50, shortfall 1.00; ratio 0.5 / 100 = 0.005 < 1% → pays 90%: 1.00 × 80 000 = 80 000 → 72 000
    expectTotals(review, {
      certifiedCount: 0.5,
      requiredCount: 1.5,
      shortfall: 1,
      levy: { base: 80_000, reductionRate: 0.1, payable: 72_000, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.005 },
    });
    expect(review.employees[0].explanation).toEqual([{ code: 'NOT_EMPLOYED', months: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'], message: expect.stringMatching(/^2025年1月、2月、3月、4月、5月、6月：.*就业/) }]);
  });

  it('does not count the months the pension was not paid, recorded as unpaid or not recorded at all', async () => {
    const { review } = await reviewOf(S.pensionGap);
    // grade 3: 1 × 9 months ÷ 12 = 0.75
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 9, contribution: 0.75, reasons: ['PENSION_NOT_PAID'], months: months({ '3-5': ['PENSION_NOT_PAID'] }) });
    // required 60 × 1.5% = 0.90, shortfall 0.15; ratio 0.75 / 60 = 0.0125 ≥ 1% → pays 50%: 0.15 × 60 000 = 9 000 → 4 500
    expectTotals(review, {
      certifiedCount: 0.75,
      requiredCount: 0.9,
      shortfall: 0.15,
      levy: { base: 9_000, reductionRate: 0.5, payable: 4_500, exempt: false, wageBase: 60_000, wageBaseCap: 260_000, actualRatio: 0.0125 },
    });
    expect(review.employees[0].explanation).toEqual([
      { code: 'PENSION_NOT_PAID', months: ['2025-03', '2025-04', '2025-05'], message: expect.stringMatching(/^2025年3月、4月、5月：.*养老保险/) },
    ]);
  });

  it('does not count a contract under one year, nor the months after it ended; caps the wage base', async () => {
    const { review } = await reviewOf(S.shortContract);
    // 2025-01-01 … 2025-09-30 is 9 whole months: too short in its months, no contract after it
    expectEmployee(review.employees[0], {
      weight: 2,
      countedMonths: 0,
      contribution: 0,
      reasons: ['NO_CONTRACT', 'CONTRACT_TOO_SHORT'],
      months: months({ '1-9': ['CONTRACT_TOO_SHORT'], '10-12': ['NO_CONTRACT'] }),
    });
    expectEmployee(review.employees[1], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    // certified 1.00; required 200 × 1.5% = 3.00, shortfall 2.00; ratio 0.005 → pays 90%;
    // wage base min(300 000, 260 000) = 260 000: base 520 000 → 468 000
    expectTotals(review, {
      certifiedCount: 1,
      requiredCount: 3,
      shortfall: 2,
      levy: { base: 520_000, reductionRate: 0.1, payable: 468_000, exempt: false, wageBase: 260_000, wageBaseCap: 260_000, actualRatio: 0.005 },
    });
  });

  it('does not count months paid under the county minimum wage (2490 in Xihu) or without any wage record', async () => {
    const { review } = await reviewOf(S.wages);
    // Feb, Mar 2400 < 2490; Apr 2490 is not below; May 1500 + 1200 = 2700; Aug no payment → 9 months × 1 ÷ 12 = 0.75
    expectEmployee(review.employees[0], {
      weight: 1,
      countedMonths: 9,
      contribution: 0.75,
      reasons: ['WAGE_NOT_FOUND', 'WAGE_BELOW_MINIMUM'],
      months: months({ '2-3': ['WAGE_BELOW_MINIMUM'], '8': ['WAGE_NOT_FOUND'] }),
    });
    // required 40 × 1.5% = 0.60 ≤ 0.75; ratio 0.75 / 40 = 0.01875 ≥ 1.5%
    expectTotals(review, {
      certifiedCount: 0.75,
      requiredCount: 0.6,
      shortfall: 0,
      levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 70_000, wageBaseCap: 260_000, actualRatio: 0.01875 },
    });
  });

  it('judges the same wages by the third tier (2010) in Quzhou, and caps by the province average there', async () => {
    const { review } = await reviewOf(S.wagesInQuzhou);
    // 2400 ≥ 2010: only August (no payment) fails → 11 × 1 ÷ 12 = 0.9166… → 0.92
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 11, contribution: 0.92, reasons: ['WAGE_NOT_FOUND'], months: months({ '8': ['WAGE_NOT_FOUND'] }) });
    // required 0.60; ratio 0.92 / 40 = 0.023; cap 2 × 116 000 (province 2025, Quzhou not listed) = 232 000
    expectTotals(review, {
      certifiedCount: 0.92,
      requiredCount: 0.6,
      shortfall: 0,
      levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 70_000, wageBaseCap: 232_000, actualRatio: 0.023 },
    });
  });

  it('counts a certificate expiring on 15 June up to June', async () => {
    const { review } = await reviewOf(S.certExpires);
    // grade 1 (weight 2) × 6 months ÷ 12 = 1.00
    expectEmployee(review.employees[0], { weight: 2, countedMonths: 6, contribution: 1, reasons: ['CERT_EXPIRED'], months: months({ '7-12': ['CERT_EXPIRED'] }) });
    // required 150 × 1.5% = 2.25, shortfall 1.25; ratio 1 / 150 = 0.006667 < 1% → 90% of 1.25 × 90 000 = 112 500 → 101 250
    expectTotals(review, {
      certifiedCount: 1,
      requiredCount: 2.25,
      shortfall: 1.25,
      levy: { base: 112_500, reductionRate: 0.1, payable: 101_250, exempt: false, wageBase: 90_000, wageBaseCap: 260_000, actualRatio: 0.006667 },
    });
    expect(review.employees[0].explanation[0].message).toMatch(/^2025年7月、8月、9月、10月、11月、12月：/);
  });

  it('does not count a grade-9 veteran certificate; counts a grade-5 one single', async () => {
    const { review } = await reviewOf(S.veteranGrades);
    expectEmployee(review.employees[0], { weight: 0, countedMonths: 0, contribution: 0, reasons: ['CERT_NOT_COUNTED'], months: months({ '1-12': ['CERT_NOT_COUNTED'] }) });
    expectEmployee(review.employees[1], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    // required 4.50, shortfall 3.50; ratio 1 / 300 = 0.003333 → 90% of 3.5 × 80 000 = 280 000 → 252 000
    expectTotals(review, {
      certifiedCount: 1,
      requiredCount: 4.5,
      shortfall: 3.5,
      levy: { base: 280_000, reductionRate: 0.1, payable: 252_000, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.003333 },
    });
    expect(review.employees[0].explanation).toEqual([{ code: 'CERT_NOT_COUNTED', months: expect.any(Array), message: expect.stringMatching(/^全年：.*政策/) }]);
  });

  it('counts a disabled-police certificate only once policy staff switch it on, for new filings only', async () => {
    const before = await reviewOf(S.policeOff);
    expectEmployee(before.review.employees[0], { weight: 0, countedMonths: 0, contribution: 0, reasons: ['CERT_NOT_COUNTED'], months: months({ '1-12': ['CERT_NOT_COUNTED'] }) });
    // certified 0; required 1.50 = shortfall; ratio 0 → 90% of 1.5 × 80 000 = 120 000 → 108 000
    expectTotals(before.review, {
      certifiedCount: 0,
      requiredCount: 1.5,
      shortfall: 1.5,
      levy: { base: 120_000, reductionRate: 0.1, payable: 108_000, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0 },
    });
    const storedBefore = await system.db.query('select result, rules from filing_reviews where filing_id = $1', [before.id]);

    const switchedOn = shippedCounting.replace(
      '<literalExpression id="counting-policy-expression"><text>false</text></literalExpression>',
      '<literalExpression id="counting-policy-expression"><text>true</text></literalExpression>',
    );
    expect(switchedOn).not.toBe(shippedCounting);
    const deployed = await deployCountingRules(switchedOn);
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    expect(deployed.body.definitions).toContainEqual(expect.objectContaining({ kind: 'decision', key: 'employee-month', version: before.review.rules.counting.version + 1 }));

    try {
      const after = await reviewOf(S.policeOn);
      // police grade 3 with the switch on counts like a veteran grade 1–3: weight 2 × 12 ÷ 12 = 2.00
      expectEmployee(after.review.employees[0], { weight: 2, countedMonths: 12, contribution: 2, reasons: [], months: months() });
      // required 1.50 ≤ 2.00; ratio 2 / 100 = 0.02
      expectTotals(after.review, {
        certifiedCount: 2,
        requiredCount: 1.5,
        shortfall: 0,
        levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.02 },
      });
      expect(after.review.rules.counting.version).toBeGreaterThan(before.review.rules.counting.version);
      expect(after.review.rules.weight.version).toBeGreaterThan(before.review.rules.weight.version);
      expect(after.review.rules.levy).toEqual(before.review.rules.levy);

      // The earlier filing keeps the result and the rules it was judged under.
      const earlier = await readFiling(before.id, before.token);
      expect(earlier.review).toEqual(before.review);
      const storedAfter = await system.db.query('select result, rules from filing_reviews where filing_id = $1', [before.id]);
      expect(storedAfter.rows).toEqual(storedBefore.rows);
    } finally {
      const restored = await deployCountingRules(shippedCounting);
      expect(restored.status, JSON.stringify(restored.body)).toBe(201);
    }
    const [latest] = await system.rest.get<{ id: string }[]>('/decision-definition', { key: 'counting-policy', latestVersion: 'true' });
    const { dmnXml } = await system.rest.get<{ dmnXml: string }>(`/decision-definition/${latest!.id}/xml`);
    // The engine hands the resource back without its final newline.
    expect(dmnXml.trimEnd()).toBe(shippedCounting.trimEnd());
  });

  it('counts a person insured outside Zhejiang from the national pension interface', async () => {
    const person = S.outsideZhejiang.filing.employees[0]!;
    expect(S.outsideZhejiang.records['national-pension.json'].filter((r) => r.idNumber === person.idNumber)).toHaveLength(12);
    expect(S.outsideZhejiang.records['pension.json']).toEqual([]);
    const { id, review } = await reviewOf(S.outsideZhejiang);
    // grade 2: 2 × 12 ÷ 12 = 2.00
    expectEmployee(review.employees[0], { weight: 2, countedMonths: 12, contribution: 2, reasons: [], months: months() });
    expectTotals(review, {
      certifiedCount: 2,
      requiredCount: 1.5,
      shortfall: 0,
      levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.02 },
    });
    const pension = await system.db.query<{ facts: any }>("select facts from review_evidence where filing_id = $1 and source = 'pension'", [id]);
    expect(pension.rows[0]!.facts.pension[0]).toMatchObject({ index: 0, source: 'national' });
  });

  it('reports an employer deregistered at market regulation', async () => {
    const { review } = await reviewOf(S.deregistered);
    expect(review.employerFindings).toEqual([{ code: 'EMPLOYER_DEREGISTERED', source: 'samr', message: expect.stringMatching(CHINESE) }]);
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    // required 80 × 1.5% = 1.20, shortfall 0.20; ratio 1 / 80 = 0.0125 → 50% of 0.2 × 80 000 = 16 000 → 8 000
    expectTotals(review, {
      certifiedCount: 1,
      requiredCount: 1.2,
      shortfall: 0.2,
      levy: { base: 16_000, reductionRate: 0.5, payable: 8_000, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.0125 },
    });
  });

  it('does not count a certificate whose register name differs from the declared one', async () => {
    const { review } = await reviewOf(S.certMismatch);
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 0, contribution: 0, reasons: ['CERT_MISMATCH'], months: months({ '1-12': ['CERT_MISMATCH'] }) });
    expectTotals(review, {
      certifiedCount: 0,
      requiredCount: 1.5,
      shortfall: 1.5,
      levy: { base: 120_000, reductionRate: 0.1, payable: 108_000, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0 },
    });
    expect(review.employees[0].explanation).toEqual([{ code: 'CERT_MISMATCH', months: expect.any(Array), message: expect.stringMatching(/^全年：.*不一致/) }]);
  });

  it('counts a person declared twice once', async () => {
    const { review } = await reviewOf(S.duplicate);
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    expectEmployee(review.employees[1], { weight: 1, countedMonths: 0, contribution: 0, reasons: ['DUPLICATE_EMPLOYEE'], months: months({ '1-12': ['DUPLICATE_EMPLOYEE'] }) });
    // required 90 × 1.5% = 1.35, shortfall 0.35; ratio 1 / 90 = 0.011111 → 50% of 0.35 × 80 000 = 28 000 → 14 000
    expectTotals(review, {
      certifiedCount: 1,
      requiredCount: 1.35,
      shortfall: 0.35,
      levy: { base: 28_000, reductionRate: 0.5, payable: 14_000, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.011111 },
    });
  });

  it('counts a dispatched worker at the host only when both units agreed', async () => {
    const { review } = await reviewOf(S.dispatch);
    expectEmployee(review.employees[0], {
      weight: 1,
      countedMonths: 0,
      contribution: 0,
      reasons: ['DISPATCH_COUNTED_ELSEWHERE'],
      months: months({ '1-12': ['DISPATCH_COUNTED_ELSEWHERE'] }),
    });
    expectEmployee(review.employees[1], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    // The one counted here moves into the staff: 120 + 1 = 121; required 121 × 1.5% = 1.815 (shown 1.82), shortfall
    // 0.815; ratio 1 / 121 = 0.008264 → 90% of 0.815 × 80 000 = 65 200 → 58 680
    expectTotals(review, {
      certifiedCount: 1,
      requiredCount: 1.82,
      shortfall: 0.82,
      levy: { base: 65_200, reductionRate: 0.1, payable: 58_680, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.008264 },
    });
  });

  it('exempts an enterprise of 30 staff', async () => {
    const { review } = await reviewOf(S.smallEnterprise);
    // hired 1 December: 1 × 1 ÷ 12 = 0.0833 → 0.08
    expectEmployee(review.employees[0], { weight: 1, countedMonths: 1, contribution: 0.08, reasons: ['NOT_EMPLOYED'], months: months({ '1-11': ['NOT_EMPLOYED'] }) });
    // required 30 × 1.5% = 0.45, shortfall 0.37, base 0.37 × 80 000 = 29 600; ≤ 30 staff → exempt, reduction 1, payable 0
    expectTotals(review, {
      certifiedCount: 0.08,
      requiredCount: 0.45,
      shortfall: 0.37,
      levy: { base: 29_600, reductionRate: 1, payable: 0, exempt: true, exemptLabel: '暂免征收', wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.002667 },
    });
    expect(review.summary).toMatch(/暂免/);
  });

  it('gives the worked example of docs/domain.md: 600 staff, certified 6, average wage 50 000 → 75 000 payable', async () => {
    const { review } = await reviewOf(S.workedExample);
    expect(review.employees.map((e: any) => [e.weight, e.countedMonths, e.contribution])).toEqual([
      [2, 12, 2],
      [2, 12, 2],
      [1, 12, 1],
      [1, 12, 1],
    ]);
    // certified 6.00; required 600 × 1.5% = 9.00, shortfall 3.00; ratio 6 / 600 = 1% → 50%;
    // wage base min(50 000, 2 × 130 000) = 50 000: base 150 000 → 75 000
    expectTotals(review, {
      certifiedCount: 6,
      requiredCount: 9,
      shortfall: 3,
      levy: { base: 150_000, reductionRate: 0.5, payable: 75_000, exempt: false, wageBase: 50_000, wageBaseCap: 260_000, actualRatio: 0.01 },
    });
  });

  it('turns a department outage into an incident on its check while the others finish, and resumes on the operator retry', async () => {
    let filed: { id: string; token: string; processInstanceId: string };
    try {
      await setFault('medical', { outage: true });
      const { id, token } = await file(S.medicalOutage);
      const processInstanceId = await instanceOf(id);
      filed = { id, token, processInstanceId };
      const incident = await eventually('an incident on verify-medical', async () => {
        const incidents = await system.rest.get<any[]>('/incident', { processInstanceId });
        return incidents.find((i) => i.activityId === 'verify-medical');
      });
      expect(incident.incidentType).toBe('failedExternalTask');
      expect(incident.incidentMessage).toMatch(/医保/);
      expect(incident.incidentMessage).toMatch(/unavailable/);
      // Meanwhile the other departments answered and their evidence is kept.
      const recorded = await eventually('the other departments’ evidence', async () => {
        const rows = await evidence(id);
        return ['registration', 'dpf-certificates', 'veteran-certificates', 'pension', 'wages'].every((s) => rows.has(s)) ? rows : undefined;
      });
      expect(recorded.has('medical')).toBe(false);
      const waiting = await readFiling(id, token);
      expect(waiting.status).toBe('reviewing');
      // The employer is told which department holds the review up, and that the operators have it.
      expect(waiting.departmentWait).toEqual({ state: 'held', departments: ['医疗保障（医疗保险）'] });

      // The department is back; the operator retries the incident as Cockpit does.
      await setFault('medical', { outage: false });
      const [task] = await system.rest.get<{ id: string; retries: number }[]>('/external-task', { processInstanceId, activityId: 'verify-medical' });
      expect(task!.retries).toBe(0);
      await system.rest.put(`/external-task/${task!.id}/retries`, { retries: 1 });
    } finally {
      await resetFault('medical');
    }
    const { id, token, processInstanceId } = filed;
    const filing = await awaitingConfirmation(id, token);
    expect(await system.rest.get<any[]>('/incident', { processInstanceId })).toEqual([]);
    expect(filing.departmentWait).toBeNull();
    expect([...(await evidence(id)).keys()].sort()).toEqual(['dpf-certificates', 'medical', 'pension', 'registration', 'veteran-certificates', 'wages']);
    expectEmployee(filing.review.employees[0], { weight: 1, countedMonths: 12, contribution: 1, reasons: [], months: months() });
    // required 50 × 1.5% = 0.75 ≤ 1.00; ratio 1 / 50 = 0.02
    expectTotals(filing.review, {
      certifiedCount: 1,
      requiredCount: 0.75,
      shortfall: 0,
      levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.02 },
    });
  });

  it('does not let a slow department hold up the others', async () => {
    let filed: { id: string; token: string };
    try {
      await setFault('wages', { latencyMs: 3000 });
      filed = await file(S.slowWages);
      const { id } = filed;
      const quick = OTHER_DEPARTMENTS.filter((s) => s !== 'wages');
      const early = await eventually('the four quick departments’ evidence', async () => {
        const rows = await evidence(id);
        return quick.every((s) => rows.has(s)) ? rows : undefined;
      });
      expect(early.has('wages')).toBe(false);
    } finally {
      await resetFault('wages');
    }
    const { id, token } = filed;
    const filing = await awaitingConfirmation(id, token);
    const rows = await evidence(id);
    const wagesAt = rows.get('wages')!.getTime();
    for (const source of OTHER_DEPARTMENTS.filter((s) => s !== 'wages')) expect(rows.get(source)!.getTime()).toBeLessThan(wagesAt);
    expectTotals(filing.review, {
      certifiedCount: 1,
      requiredCount: 0.75,
      shortfall: 0,
      levy: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.02 },
    });
  });

  it('sends a malformed department answer to the operators (check-department-data) and reviews the filing once they complete it', async () => {
    const operator = await system.login({ role: 'operator' });
    let filed: { id: string; token: string; processInstanceId: string };
    try {
      // Every wages call answers 200 with a body outside the contract: DepartmentBadAnswer → DEPARTMENT_BAD_DATA.
      await setFault('wages', { malformed: true });
      const { id, token } = await file(S.malformedWages);
      const processInstanceId = await instanceOf(id);
      filed = { id, token, processInstanceId };

      const task = await eventually('the operator’s check-department-data task', async () => {
        const res = await system.request('GET', '/api/tasks', { token: operator });
        expect(res.status).toBe(200);
        return res.body.items.find((t: any) => t.processInstanceId === processInstanceId);
      });
      expect(task).toMatchObject({ taskDefinitionKey: 'check-department-data', formRef: 'department-data-check', assignee: null, filing: { id, status: 'reviewing' } });

      // The form shows the operator which department sent what, in Chinese first.
      const detail = await system.request('GET', `/api/tasks/${task.id}`, { token: operator });
      expect(detail.status).toBe(200);
      expect(detail.body.form.id).toBe('department-data-check');
      expect(detail.body.form.components.map((c: any) => c.key).filter(Boolean)).toEqual(['departmentErrorMessage', 'departmentCheckNote']);
      // Only the form's own fields: the error message, and no note yet.
      expect(detail.body.values).toEqual({ departmentErrorMessage: expect.stringMatching(/^税务工资代扣代缴数据接口返回的数据不符合接口约定，需人工核对 \/ verify-wages: /) });

      // Not reviewed: no result, no incident, no wages evidence; the error cancelled the checks, it did not fail a job.
      const waiting = await readFiling(id, token);
      expect(waiting.status).toBe('reviewing');
      expect(waiting.review).toBeNull();
      expect(await system.rest.get<any[]>('/incident', { processInstanceId })).toEqual([]);
      expect((await evidence(id)).has('wages')).toBe(false);
      expect((await system.db.query('select 1 from filing_reviews where filing_id = $1', [id])).rows).toEqual([]);

      // The note is required.
      const missing = await system.request('POST', `/api/tasks/${task.id}/complete`, { token: operator, body: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/departmentCheckNote', 'REQUIRED']]);

      // The tax office has fixed its data; the operator says so, and every department is checked again.
      await resetFault('wages');
      const done = await system.request('POST', `/api/tasks/${task.id}/complete`, { token: operator, body: { departmentCheckNote: '已与税务部门核实，接口数据已修复' } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect((await system.request('GET', `/api/tasks/${task.id}`, { token: operator })).status).toBe(404);
    } finally {
      await resetFault('wages');
    }

    const { id, token, processInstanceId } = filed;
    const filing = await awaitingConfirmation(id, token);
    expect(await system.rest.get<any[]>('/incident', { processInstanceId })).toEqual([]);
    expect(filing.departmentWait).toBeNull();
    expect([...(await evidence(id)).keys()].sort()).toEqual(['dpf-certificates', 'medical', 'pension', 'registration', 'veteran-certificates', 'wages']);
    const [note] = await system.rest.get<{ value: unknown }[]>('/history/variable-instance', { processInstanceId, variableName: 'departmentCheckNote' });
    expect(note?.value).toBe('已与税务部门核实，接口数据已修复');
    // The wages as the tax office answers them now: August without any payment → 11 × 1 ÷ 12 = 0.9166… → 0.92
    expectEmployee(filing.review.employees[0], { weight: 1, countedMonths: 11, contribution: 0.92, reasons: ['WAGE_NOT_FOUND'], months: months({ '8': ['WAGE_NOT_FOUND'] }) });
    // required 100 × 1.5% = 1.50, shortfall 0.58; ratio 0.92 / 100 = 0.0092 < 1% → 90% of 0.58 × 80 000 = 46 400 → 41 760
    expectTotals(filing.review, {
      certifiedCount: 0.92,
      requiredCount: 1.5,
      shortfall: 0.58,
      levy: { base: 46_400, reductionRate: 0.1, payable: 41_760, exempt: false, wageBase: 80_000, wageBaseCap: 260_000, actualRatio: 0.0092 },
    });
  });
});
