// The wage-payment connector end to end: the simulator over HTTP on a free port with a synthetic data file,
// filings stored in the real PostgreSQL, the real client and the verify-wages handler.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataFileError } from '../../connectors/simulator-kit/data-files.ts';
import { startSimulators, type RunningSimulators } from '../../connectors/simulator-kit/server.ts';
import { createWagesClient, type WagesClient } from '../../connectors/wages/client.ts';
import type { WageRecord } from '../../connectors/wages/schema.ts';
import { wagesSimulator } from '../../connectors/wages/simulator.ts';
import type { Employee, Filing } from '../../domain/filing/filing.ts';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createFiling } from '../../server/filings/filing-store.ts';
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

const noFaults = { latencyMs: 0, failureRate: 0, outage: [] };
const tempDirs: string[] = [];

async function dataDir(content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wages-sim-'));
  tempDirs.push(dir);
  await writeFile(path.join(dir, 'wages.json'), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

let sim: RunningSimulators;
let db: Db;
const calls: { idNumbers: string[]; key: string }[] = [];
let handler: ReturnType<typeof createVerifyWagesHandler>;

/** The real client, recording each call so the test can count them. */
function recording(client: WagesClient): WagesClient {
  return {
    query(query, key) {
      calls.push({ idNumbers: query.idNumbers, key });
      return client.query(query, key);
    },
  };
}

async function storeFiling(seed: number, employees: Employee[]): Promise<string> {
  const filing: Filing = { ...syntheticFiling(seed, { year: YEAR }), employees };
  filing.employer = { ...filing.employer, uscc: UNIT };
  const { filing: stored } = await createFiling(db, { sub: 'test:wages-connector', role: 'employer', uscc: UNIT }, filing, undefined);
  return stored.id;
}

const job = (filingId: unknown) => ({ key: '2251799813685501', variables: { filingId }, retries: 3 });

function putFaults(outage: boolean) {
  return fetch(`${sim.url}/_admin/faults/wages`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage }),
  });
}

const query = (body: unknown) =>
  fetch(`${sim.url}/wages/payments/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  sim = await startSimulators({ port: 0, dataDir: await dataDir(records), departments: [wagesSimulator], faultDefaults: noFaults });
  db = createPool(inject('databaseUrl'));
  const client = createWagesClient({ wagesUrl: `${sim.url}/wages`, departmentTimeoutMs: 5000, departmentRetries: 1, baseDelayMs: 1, maxDelayMs: 5 });
  handler = createVerifyWagesHandler({ db, client: recording(client) });
});

afterAll(async () => {
  await sim?.close();
  await db?.end();
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
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

  it('fails the job during an outage and completes once the department is back', async () => {
    const filingId = await storeFiling(73_303, [leftInApril]);
    expect((await putFaults(true)).status).toBe(200);
    try {
      expect(await handler(job(filingId))).toEqual({
        kind: 'fail',
        message: 'wages unavailable: POST /payments/query failed after 2 attempt(s); last: HTTP 503',
      });
    } finally {
      expect((await putFaults(false)).status).toBe(200);
    }
    expect(await handler(job(filingId))).toEqual({ kind: 'complete', variables: { wages: [{ index: 0, months: wagesOf(range(1, 3), 2400) }] } });
  });

  it('raises FILING_NOT_FOUND for an unknown filing and INVALID_VARIABLES for a malformed one', async () => {
    calls.length = 0;
    expect(await handler(job(randomUUID()))).toMatchObject({ kind: 'bpmnError', errorCode: 'FILING_NOT_FOUND' });
    expect(await handler({ key: '1', variables: null, retries: 3 })).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(calls).toEqual([]);
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
    const start = startSimulators({ port: 0, dataDir: bad, departments: [wagesSimulator], faultDefaults: noFaults });
    await expect(start).rejects.toThrow(DataFileError);
    await expect(start).rejects.toThrow(`${path.join(bad, 'wages.json')}: record 1 field /amount FORMAT`);
  });

  it('serves the shipped seed data', async () => {
    const seeded = await startSimulators({
      port: 0,
      dataDir: path.resolve(import.meta.dirname, '../../connectors/seed-data'),
      departments: [wagesSimulator],
      faultDefaults: noFaults,
    });
    try {
      // The seed's wage_missing person (connectors/seed-data/README.md) has no wage in months 4 and 12.
      const response = await fetch(`${seeded.url}/wages/payments/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ uscc: '91330106PX24KPFR39', year: YEAR, idNumbers: ['330304196806024534'] }),
      });
      expect(response.status).toBe(200);
      const months = ((await response.json()) as { records: WageRecord[] }).records.map((r) => r.month);
      expect(months).toHaveLength(10);
      expect(months).not.toContain(month(4));
    } finally {
      await seeded.close();
    }
  });
});
