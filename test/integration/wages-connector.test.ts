// The wage-payment connector end to end: the simulator over HTTP on a free port with a synthetic data file,
// filings stored in the real PostgreSQL, the real client and the verify-wages handler.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWagesClient } from '../../connectors/wages/client.ts';
import type { WageRecord } from '../../connectors/wages/schema.ts';
import { wagesSimulator } from '../../connectors/wages/simulator.ts';
import type { Employee } from '../../filings/declaration/filing.ts';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import {
  departmentJobContract,
  expectStartRefused,
  JOB_CALL_SETTINGS,
  recordingQueries,
  sendJson,
  storeFiling as store,
  useDepartmentEnvironment,
  withSeedData,
} from '../support/department-job-contract.ts';
import { syntheticEmployee, syntheticFiling } from '../support/fixtures.ts';
import { createVerifyWagesHandler } from '../../workers/verify-wages.ts';

const YEAR = 2025;
const rand = seededRandom(73_301);
const UNIT = syntheticUscc(rand, { prefix: '91', regionCode: '330106' });
const OTHER_UNIT = syntheticUscc(rand, { prefix: '91', regionCode: '330206' });

// The cast of one filing: each person is one case of the answer.
const fullYear = syntheticEmployee(rand, YEAR);
const withBonus = syntheticEmployee(rand, YEAR);
const leftInApril = syntheticEmployee(rand, YEAR, { employedTo: `${YEAR}-04-30` });
const paidElsewhere = syntheticEmployee(rand, YEAR);
const unknown = syntheticEmployee(rand, YEAR);

const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => month(from + i));
const pay = (idNumber: string, months: string[], amount: number, uscc = UNIT): WageRecord[] =>
  months.map((m) => ({ idNumber, uscc, month: m, amount }));
const wagesOf = (months: string[], amount: number) => months.map((m) => ({ month: m, amount }));

// Out of month order on purpose: the facts come sorted whatever order the department answers in.
const records: WageRecord[] = [
  ...pay(fullYear.idNumber, range(1, 12).reverse(), 5200),
  ...pay(withBonus.idNumber, range(1, 12), 3000.1),
  // Several payments in one month are summed: the year-end bonus in December, a back payment in June.
  ...pay(withBonus.idNumber, [month(12)], 8000),
  ...pay(withBonus.idNumber, [month(6)], 0.2),
  // Wage missing in April and December (a month without a record is absent from the facts).
  ...pay(leftInApril.idNumber, range(1, 3), 2400),
  ...pay(leftInApril.idNumber, ['2024-12'], 2400),
  ...pay(paidElsewhere.idNumber, range(1, 12), 6000, OTHER_UNIT),
];

const env = useDepartmentEnvironment({ prefix: 'wages', departments: [wagesSimulator], files: { 'wages.json': records } });
const dataDir = (content: unknown) => env.tempDataDir({ 'wages.json': content });

const calls: { idNumbers: string[]; key: string }[] = [];
let handler: ReturnType<typeof createVerifyWagesHandler>;

const storeFiling = (seed: number, employees: Employee[]) =>
  store(env.db, { ...syntheticFiling(seed, { year: YEAR }), employees }, 'test:wages-connector', UNIT);

const JOB_KEY = '2251799813685501';
const job = (filingId: unknown) => ({ key: JOB_KEY, variables: { filingId }, retries: 3 });

const query = (body: unknown) => sendJson(`${env.sim.url}/wages/payments/query`, body);

beforeAll(async () => {
  const client = createWagesClient({ wagesUrl: `${env.sim.url}/wages`, ...JOB_CALL_SETTINGS });
  handler = createVerifyWagesHandler({ db: env.db, client: recordingQueries(client, calls) });
});

describe('verify-wages over HTTP', () => {
  it('asks once for the whole filing and reports each month paid, summed and sorted, by index', async () => {
    const filingId = await storeFiling(73_302, [fullYear, withBonus, leftInApril, paidElsewhere, unknown, fullYear]);
    calls.length = 0;

    const outcome = await handler(job(filingId));

    const bonusMonths = wagesOf(range(1, 12), 3000.1).map((m) =>
      m.month === month(12) ? { ...m, amount: 11000.1 } : m.month === month(6) ? { ...m, amount: 3000.3 } : m,
    );
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        wages: [
          { index: 0, months: wagesOf(range(1, 12), 5200) },
          { index: 1, months: bonusMonths },
          { index: 2, months: wagesOf(range(1, 3), 2400) },
          { index: 3, months: [] },
          { index: 4, months: [] },
          // Declared twice: the same facts under each index; the duplicate rule is decided elsewhere.
          { index: 5, months: wagesOf(range(1, 12), 5200) },
        ],
      },
    });
    expect(calls).toEqual([
      {
        idNumbers: [fullYear.idNumber, withBonus.idNumber, leftInApril.idNumber, paidElsewhere.idNumber, unknown.idNumber],
        key: `${filingId}:verify-wages`,
      },
    ]);
    expect(JSON.stringify(outcome)).not.toMatch(/\d{17}[\dX]/);
  });

  it('asks about a dispatched person under the agency that pays, in its own call with its own key', async () => {
    const dispatched: Employee = { ...paidElsewhere, employmentType: 'dispatch', dispatchAgencyUscc: OTHER_UNIT, dispatchCountedHere: true };
    const filingId = await storeFiling(73_304, [dispatched, leftInApril]);
    calls.length = 0;

    expect(await handler(job(filingId))).toEqual({
      kind: 'complete',
      variables: { wages: [{ index: 0, months: wagesOf(range(1, 12), 6000) }, { index: 1, months: wagesOf(range(1, 3), 2400) }] },
    });
    expect(calls).toEqual([
      { idNumbers: [paidElsewhere.idNumber], key: `${filingId}:verify-wages:${OTHER_UNIT}` },
      { idNumbers: [leftInApril.idNumber], key: `${filingId}:verify-wages` },
    ]);
  });

  departmentJobContract({
    department: 'wages',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => ({ filingId: await storeFiling(73_303, [leftInApril]) }),
      failMessage: 'wages unavailable: POST /payments/query failed after 2 attempt(s); last: HTTP 503',
      recovered: (retried) => expect(retried).toEqual({ kind: 'complete', variables: { wages: [{ index: 0, months: wagesOf(range(1, 3), 2400) }] } }),
    },
    filingErrors: {
      notFound: (filingId) => ({ filingId }),
      invalid: async () => [{ variables: null }],
      departmentCalls: () => calls,
    },
  });
});

describe('wages simulator', () => {
  it('answers every payment of the asked unit, year and people, and nothing else', async () => {
    const response = await query({ uscc: UNIT, year: YEAR, idNumbers: [leftInApril.idNumber, paidElsewhere.idNumber] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ records: pay(leftInApril.idNumber, range(1, 3), 2400) });
    const bonus = await query({ uscc: UNIT, year: YEAR, idNumbers: [withBonus.idNumber] });
    expect(((await bonus.json()) as { records: unknown[] }).records).toHaveLength(14);
  });

  it('answers 400 with field issues to a malformed query', async () => {
    const bad = await query({ uscc: UNIT, idNumbers: 'all' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { path: string; code: string }[] };
    expect(body.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual(['/idNumbers FORMAT', '/year REQUIRED']);
  });

  it('refuses a bad data file at start-up, naming the file, the record and the field', async () => {
    const bad = await dataDir([records[0], { ...records[1], amount: -5 }]);
    await expectStartRefused(bad, [wagesSimulator], `${path.join(bad, 'wages.json')}: record 1 field /amount FORMAT`);
  });

  it('serves the shipped seed data', async () => {
    await withSeedData([wagesSimulator], async (url) => {
      // The seed's wage_missing person (connectors/seed-data/README.md) has no wage in months 4 and 12.
      const response = await sendJson(`${url}/wages/payments/query`, { uscc: '91330106PX24KPFR39', year: YEAR, idNumbers: ['330304196806024534'] });
      expect(response.status).toBe(200);
      const months = ((await response.json()) as { records: WageRecord[] }).records.map((r) => r.month);
      expect(months).toHaveLength(10);
      expect(months).not.toContain(month(4));
    });
  });
});
