// The HRSS pension connector end to end: both simulators (Zhejiang and national) over HTTP on a free port with
// a synthetic data dir, filings stored in the real PostgreSQL, the real client and the verify-pension handler.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPensionClient, type PensionClient, type PensionClientConfig } from '../../connectors/hrss/client.ts';
import type { PensionRecord, PensionSource } from '../../connectors/hrss/schema.ts';
import { nationalPensionSimulator, pensionSimulator } from '../../connectors/hrss/simulator.ts';
import { DataFileError } from '../../connectors/simulator-kit/data-files.ts';
import { startSimulators, type RunningSimulators } from '../../connectors/simulator-kit/server.ts';
import type { Employee, Filing } from '../../domain/filing/filing.ts';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { seededRandom, syntheticPerson, syntheticUscc } from '../../domain/synthetic.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createFiling } from '../../server/filings/filing-store.ts';
import { syntheticEmployee, syntheticFiling } from '../support/fixtures.ts';
import { createVerifyPensionHandler } from '../../workers/verify-pension.ts';

const YEAR = 2025;
const rand = seededRandom(73_101);
const UNIT = syntheticUscc(rand, { prefix: '91', regionCode: '330106' });
const OTHER_UNIT = syntheticUscc(rand, { prefix: '91', regionCode: '330108' });

function employee(hukouRegionCode = '330106', overrides: Partial<Employee> = {}): Employee {
  const person = syntheticPerson(rand, { regionCode: hukouRegionCode, birthFrom: '1970-01-01', birthTo: '1995-12-31' });
  return syntheticEmployee(rand, YEAR, {
    name: person.name,
    idNumber: person.idNumber,
    hukouRegionCode,
    certNumber: disabilityCertNumber(person.idNumber, 4, 3),
    ...overrides,
  });
}

// The cast of one filing: each person is one case of the routing and the answer.
const fullYear = employee();
const partial = employee();
const hukouOutside = employee('410102');
const insuredOutside = employee('330106', { socialInsurance: { pension: true, insuredRegionCode: '320102' } });
const unknown = employee();
const onlyNationallyKnown = employee();

const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => month(from + i));
const paid = (idNumber: string, months: string[], value = true, uscc = UNIT): PensionRecord[] =>
  months.map((m) => ({ idNumber, uscc, month: m, paid: value }));

const zhejiangRecords: PensionRecord[] = [
  ...paid(fullYear.idNumber, range(1, 12)),
  ...paid(partial.idNumber, range(1, 6)),
  ...paid(partial.idNumber, [month(7), month(8)], false),
  // Neither another year nor another employer belongs to this filing's answer.
  ...paid(partial.idNumber, ['2024-12']),
  ...paid(partial.idNumber, [month(9), month(10)], true, OTHER_UNIT),
  // Insured outside Zhejiang: whatever Zhejiang holds, the national interface answers for this person.
  ...paid(hukouOutside.idNumber, [month(1)]),
];
const nationalRecords: PensionRecord[] = [
  ...paid(hukouOutside.idNumber, range(3, 12)),
  ...paid(insuredOutside.idNumber, range(1, 11)),
  ...paid(insuredOutside.idNumber, [month(12)], false),
  ...paid(onlyNationallyKnown.idNumber, range(1, 12)),
];

const noFaults = { latencyMs: 0, failureRate: 0, outage: [] };
const tempDirs: string[] = [];

async function dataDir(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hrss-sim-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

let sim: RunningSimulators;
let db: Db;
let clientConfig: PensionClientConfig;
const calls: { source: PensionSource; idNumbers: string[]; key: string }[] = [];
let handler: ReturnType<typeof createVerifyPensionHandler>;

/** The real client, recording each call so the test can count them. */
function recording(client: PensionClient): PensionClient {
  return {
    query(source, query, key) {
      calls.push({ source, idNumbers: query.idNumbers, key });
      return client.query(source, query, key);
    },
  };
}

async function storeFiling(seed: number, employees: Employee[]): Promise<string> {
  const filing: Filing = { ...syntheticFiling(seed, { year: YEAR }), employees };
  filing.employer = { ...filing.employer, uscc: UNIT };
  const { filing: stored } = await createFiling(db, { sub: 'test:hrss-connector', role: 'employer', uscc: UNIT }, filing, undefined);
  return stored.id;
}

const job = (filingId: unknown) => ({ key: '2251799813685301', variables: { filingId, year: YEAR }, retries: 3 });

function putFaults(department: string, outage: boolean) {
  return fetch(`${sim.url}/_admin/faults/${department}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage }),
  });
}

const query = (department: string, body: unknown) =>
  fetch(`${sim.url}/${department}/contributions/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  const dir = await dataDir({ 'pension.json': zhejiangRecords, 'national-pension.json': nationalRecords });
  sim = await startSimulators({ port: 0, dataDir: dir, departments: [pensionSimulator, nationalPensionSimulator], faultDefaults: noFaults });
  db = createPool(inject('databaseUrl'));
  clientConfig = {
    pensionUrl: `${sim.url}/pension`,
    nationalPensionUrl: `${sim.url}/national-pension`,
    departmentTimeoutMs: 5000,
    departmentRetries: 1,
    baseDelayMs: 1,
    maxDelayMs: 5,
  };
  handler = createVerifyPensionHandler({ db, client: recording(createPensionClient(clientConfig)) });
});

afterAll(async () => {
  await sim?.close();
  await db?.end();
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('verify-pension over HTTP', () => {
  it('routes each person to the interface that insures them, one call each, and reports facts by index', async () => {
    const employees = [fullYear, partial, hukouOutside, insuredOutside, unknown, fullYear, onlyNationallyKnown];
    const filingId = await storeFiling(73_102, employees);
    calls.length = 0;

    const outcome = await handler(job(filingId));

    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        pension: [
          { index: 0, source: 'zhejiang', paidMonths: range(1, 12), unpaidMonths: [] },
          { index: 1, source: 'zhejiang', paidMonths: range(1, 6), unpaidMonths: [month(7), month(8)] },
          { index: 2, source: 'national', paidMonths: range(3, 12), unpaidMonths: [] },
          { index: 3, source: 'national', paidMonths: range(1, 11), unpaidMonths: [month(12)] },
          { index: 4, source: 'zhejiang', paidMonths: [], unpaidMonths: [] },
          // Declared twice: the same facts under each index; the duplicate rule is decided elsewhere.
          { index: 5, source: 'zhejiang', paidMonths: range(1, 12), unpaidMonths: [] },
          // Routed to Zhejiang by hukou and declaration, so the national record is not this filing's answer.
          { index: 6, source: 'zhejiang', paidMonths: [], unpaidMonths: [] },
        ],
      },
    });
    expect(calls.map((c) => c.source).sort()).toEqual(['national', 'zhejiang']);
    const bySource = Object.fromEntries(calls.map((c) => [c.source, c]));
    expect(bySource.zhejiang!.idNumbers).toEqual([fullYear.idNumber, partial.idNumber, unknown.idNumber, onlyNationallyKnown.idNumber]);
    expect(bySource.national!.idNumbers).toEqual([hukouOutside.idNumber, insuredOutside.idNumber]);
    expect(calls.every((c) => c.key === `${filingId}:verify-pension`)).toBe(true);
    expect(JSON.stringify(outcome)).not.toMatch(/\d{17}[\dX]/);
  });

  it('skips an interface nobody is routed to', async () => {
    const filingId = await storeFiling(73_103, [fullYear, partial]);
    calls.length = 0;
    expect(await handler(job(filingId))).toMatchObject({ kind: 'complete', variables: { pension: [{ index: 0 }, { index: 1 }] } });
    expect(calls.map((c) => c.source)).toEqual(['zhejiang']);

    const nationalOnly = await storeFiling(73_104, [hukouOutside]);
    calls.length = 0;
    expect(await handler(job(nationalOnly))).toEqual({
      kind: 'complete',
      variables: { pension: [{ index: 0, source: 'national', paidMonths: range(3, 12), unpaidMonths: [] }] },
    });
    expect(calls.map((c) => c.source)).toEqual(['national']);
  });

  it('fails the job while the national interface is down and completes once it is back', async () => {
    const filingId = await storeFiling(73_105, [fullYear, hukouOutside]);
    expect((await putFaults('national-pension', true)).status).toBe(200);
    try {
      const failed = await handler(job(filingId));
      expect(failed).toEqual({
        kind: 'fail',
        message: 'national-pension unavailable: POST /contributions/query failed after 2 attempt(s); last: HTTP 503',
      });
    } finally {
      expect((await putFaults('national-pension', false)).status).toBe(200);
    }
    expect(await handler(job(filingId))).toMatchObject({
      kind: 'complete',
      variables: { pension: [{ index: 0, source: 'zhejiang' }, { index: 1, source: 'national', paidMonths: range(3, 12) }] },
    });
  });

  it('raises DEPARTMENT_BAD_DATA when an interface answers about someone not asked for', async () => {
    // A department adapter gone wrong: it answers every query with a stranger's records.
    const stranger = employee();
    const wrong = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ records: paid(stranger.idNumber, [month(1)]) }));
    });
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(wrong.address() as AddressInfo).port}/pension`;
      const badHandler = createVerifyPensionHandler({ db, client: createPensionClient({ ...clientConfig, pensionUrl: url }) });
      const outcome = await badHandler(job(await storeFiling(73_106, [fullYear])));
      expect(outcome).toEqual({
        kind: 'bpmnError',
        errorCode: 'DEPARTMENT_BAD_DATA',
        message: 'pension bad answer to POST /contributions/query (HTTP 200): /records/0/idNumber MISMATCH',
      });
    } finally {
      await new Promise((resolve) => wrong.close(resolve));
    }
  });

  it('raises FILING_NOT_FOUND for an unknown filing and INVALID_VARIABLES for a malformed one', async () => {
    calls.length = 0;
    expect(await handler(job(randomUUID()))).toMatchObject({ kind: 'bpmnError', errorCode: 'FILING_NOT_FOUND' });
    expect(await handler(job('F-2025-0001'))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await handler({ key: '1', variables: {}, retries: 3 })).toEqual({
      kind: 'bpmnError',
      errorCode: 'INVALID_VARIABLES',
      message: 'verify-pension: invalid job variables: /filingId REQUIRED',
    });
    expect(calls).toEqual([]);
  });
});

describe('pension simulators', () => {
  it('answer only the asked unit, year and people', async () => {
    const response = await query('pension', { uscc: UNIT, year: YEAR, idNumbers: [partial.idNumber, unknown.idNumber] });
    expect(response.status).toBe(200);
    const { records } = (await response.json()) as { records: PensionRecord[] };
    expect(records).toEqual([...paid(partial.idNumber, range(1, 6)), ...paid(partial.idNumber, [month(7), month(8)], false)]);

    const other = await query('pension', { uscc: OTHER_UNIT, year: YEAR, idNumbers: [partial.idNumber] });
    expect(((await other.json()) as { records: PensionRecord[] }).records).toEqual(paid(partial.idNumber, [month(9), month(10)], true, OTHER_UNIT));
    const national = await query('national-pension', { uscc: UNIT, year: 2024, idNumbers: [hukouOutside.idNumber] });
    expect(await national.json()).toEqual({ records: [] });
  });

  it('answer 400 with field issues to a malformed query, naming no ID number', async () => {
    const bad = await query('pension', { uscc: UNIT.toLowerCase(), year: 1999, idNumbers: [fullYear.idNumber, fullYear.idNumber, '12345'], page: 2 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; errors: { path: string; code: string }[] };
    expect(body.error).toBe('bad_request');
    expect(body.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      '/idNumbers FORMAT',
      '/idNumbers/2 FORMAT',
      '/page UNKNOWN_FIELD',
      '/uscc FORMAT',
      '/year FORMAT',
    ]);
    expect(JSON.stringify(body)).not.toContain(fullYear.idNumber);

    const empty = await query('national-pension', { uscc: UNIT, year: YEAR, idNumbers: [] });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ path: '/idNumbers', code: 'ITEM_COUNT' })]);
    const tooMany = Array.from({ length: 5001 }, () => employee().idNumber);
    expect((await query('pension', { uscc: UNIT, year: YEAR, idNumbers: tooMany })).status).toBe(400);
    expect((await query('pension', '{"uscc": ')).status).toBe(400);
    expect((await query('pension', { uscc: UNIT, year: YEAR })).status).toBe(400);
  });

  it('refuse a bad data file at start-up, naming the file, the record and the field', async () => {
    const bad = await dataDir({
      'pension.json': [zhejiangRecords[0], { ...zhejiangRecords[1], paid: 'yes' }],
      'national-pension.json': nationalRecords,
    });
    const start = startSimulators({ port: 0, dataDir: bad, departments: [pensionSimulator, nationalPensionSimulator], faultDefaults: noFaults });
    await expect(start).rejects.toThrow(DataFileError);
    await expect(start).rejects.toThrow(`${path.join(bad, 'pension.json')}: record 1 field /paid FORMAT (expected boolean)`);

    const badMonth = await dataDir({ 'pension.json': zhejiangRecords, 'national-pension.json': [{ ...nationalRecords[0], month: '2025-3' }] });
    await expect(
      startSimulators({ port: 0, dataDir: badMonth, departments: [pensionSimulator, nationalPensionSimulator], faultDefaults: noFaults }),
    ).rejects.toThrow(`${path.join(badMonth, 'national-pension.json')}: record 0 field /month FORMAT`);
  });

  it('refuse a data file that records one person-month twice, without printing the ID number', async () => {
    const repeated = await dataDir({
      'pension.json': [zhejiangRecords[0], zhejiangRecords[1], { ...zhejiangRecords[0]!, paid: false }],
      'national-pension.json': nationalRecords,
    });
    const error = await startSimulators({ port: 0, dataDir: repeated, departments: [pensionSimulator, nationalPensionSimulator], faultDefaults: noFaults }).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message).toContain(`record 2 duplicates record 0 (person 1 at ${UNIT} in ${month(1)})`);
    expect((error as Error).message).not.toContain(fullYear.idNumber);
  });

  it('serve the shipped seed data', async () => {
    const seeded = await startSimulators({
      port: 0,
      dataDir: path.resolve(import.meta.dirname, '../../connectors/seed-data'),
      departments: [pensionSimulator, nationalPensionSimulator],
      faultDefaults: noFaults,
    });
    try {
      // The seed's person insured outside Zhejiang (connectors/seed-data/README.md) is known nationally.
      const response = await fetch(`${seeded.url}/national-pension/contributions/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ uscc: '91330106BY3XR1P5XJ', year: YEAR, idNumbers: ['410102199502165282'] }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { records: unknown[] }).records).toHaveLength(12);
    } finally {
      await seeded.close();
    }
  });
});
