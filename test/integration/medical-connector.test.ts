// The medical-security connector end to end: the simulator over HTTP on a free port with a synthetic data
// file, filings stored in the real PostgreSQL, the real client and the verify-medical handler.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMedicalClient } from '../../connectors/medical/client.ts';
import type { MedicalRecord } from '../../connectors/medical/schema.ts';
import { medicalSimulator } from '../../connectors/medical/simulator.ts';
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
import { createVerifyMedicalHandler } from '../../workers/verify-medical.ts';

const YEAR = 2025;
const rand = seededRandom(73_201);
const UNIT = syntheticUscc(rand, { prefix: '91', regionCode: '330106' });
const OTHER_UNIT = syntheticUscc(rand, { prefix: '91', regionCode: '330110' });

// The cast of one filing: each person is one case of the answer.
const fullYear = syntheticEmployee(rand, YEAR);
const withGaps = syntheticEmployee(rand, YEAR);
const hiredInMarch = syntheticEmployee(rand, YEAR, { employedFrom: `${YEAR}-03-01` });
const atAnotherUnit = syntheticEmployee(rand, YEAR);
const unknown = syntheticEmployee(rand, YEAR);

const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => month(from + i));
const paid = (idNumber: string, months: string[], value = true, uscc = UNIT): MedicalRecord[] =>
  months.map((m) => ({ idNumber, uscc, month: m, paid: value }));

const records: MedicalRecord[] = [
  ...paid(fullYear.idNumber, range(1, 12)),
  // Gaps: 2 and 9 recorded as unpaid, 4 not recorded at all.
  ...paid(withGaps.idNumber, [...range(1, 1), month(3), ...range(5, 8), ...range(10, 12)]),
  ...paid(withGaps.idNumber, [month(2), month(9)], false),
  ...paid(hiredInMarch.idNumber, range(3, 12)),
  // Last year belongs to last year's review.
  ...paid(hiredInMarch.idNumber, ['2024-12']),
  // Insured by another unit, which is not the employer of this filing.
  ...paid(atAnotherUnit.idNumber, range(1, 12), true, OTHER_UNIT),
];

const env = useDepartmentEnvironment({ prefix: 'medical', departments: [medicalSimulator], files: { 'medical.json': records } });
const dataDir = (content: unknown) => env.tempDataDir({ 'medical.json': content });

const calls: { idNumbers: string[]; key: string }[] = [];
let handler: ReturnType<typeof createVerifyMedicalHandler>;

const storeFiling = (seed: number, employees: Employee[]) =>
  store(env.db, { ...syntheticFiling(seed, { year: YEAR }), employees }, 'test:medical-connector', UNIT);

const JOB_KEY = '2251799813685401';
const job = (filingId: unknown) => ({ key: JOB_KEY, variables: { filingId }, retries: 3 });

const query = (body: unknown) => sendJson(`${env.sim.url}/medical/contributions/query`, body);

beforeAll(async () => {
  const client = createMedicalClient({ medicalUrl: `${env.sim.url}/medical`, ...JOB_CALL_SETTINGS });
  handler = createVerifyMedicalHandler({ db: env.db, client: recordingQueries(client, calls) });
});

describe('verify-medical over HTTP', () => {
  it('asks once for the whole filing and reports paid and unpaid months by index', async () => {
    const filingId = await storeFiling(73_202, [fullYear, withGaps, hiredInMarch, atAnotherUnit, unknown, withGaps]);
    calls.length = 0;

    const outcome = await handler(job(filingId));

    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        medical: [
          { index: 0, paidMonths: range(1, 12), unpaidMonths: [] },
          { index: 1, paidMonths: [month(1), month(3), ...range(5, 8), ...range(10, 12)], unpaidMonths: [month(2), month(9)] },
          { index: 2, paidMonths: range(3, 12), unpaidMonths: [] },
          { index: 3, paidMonths: [], unpaidMonths: [] },
          { index: 4, paidMonths: [], unpaidMonths: [] },
          // Declared twice: the same facts under each index; the duplicate rule is decided elsewhere.
          { index: 5, paidMonths: [month(1), month(3), ...range(5, 8), ...range(10, 12)], unpaidMonths: [month(2), month(9)] },
        ],
      },
    });
    expect(calls).toEqual([
      {
        idNumbers: [fullYear.idNumber, withGaps.idNumber, hiredInMarch.idNumber, atAnotherUnit.idNumber, unknown.idNumber],
        key: `${filingId}:verify-medical`,
      },
    ]);
    expect(JSON.stringify(outcome)).not.toMatch(/\d{17}[\dX]/);
  });

  it('asks about a dispatched person under the agency that pays, in its own call with its own key', async () => {
    const dispatched: Employee = { ...atAnotherUnit, employmentType: 'dispatch', dispatchAgencyUscc: OTHER_UNIT, dispatchCountedHere: true };
    const filingId = await storeFiling(73_204, [fullYear, dispatched, unknown]);
    calls.length = 0;

    expect(await handler(job(filingId))).toEqual({
      kind: 'complete',
      variables: {
        medical: [
          { index: 0, paidMonths: range(1, 12), unpaidMonths: [] },
          // Insured by the agency all year: under the host's USCC there is nothing.
          { index: 1, paidMonths: range(1, 12), unpaidMonths: [] },
          { index: 2, paidMonths: [], unpaidMonths: [] },
        ],
      },
    });
    expect(calls).toEqual([
      { idNumbers: [fullYear.idNumber, unknown.idNumber], key: `${filingId}:verify-medical` },
      { idNumbers: [atAnotherUnit.idNumber], key: `${filingId}:verify-medical:${OTHER_UNIT}` },
    ]);
  });

  departmentJobContract({
    department: 'medical',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => ({ filingId: await storeFiling(73_203, [fullYear]) }),
      failMessage: 'medical unavailable: POST /contributions/query failed after 2 attempt(s); last: HTTP 503',
      recovered: (retried) =>
        expect(retried).toEqual({ kind: 'complete', variables: { medical: [{ index: 0, paidMonths: range(1, 12), unpaidMonths: [] }] } }),
    },
    filingErrors: {
      notFound: (filingId) => ({ filingId }),
      invalid: async () => [{ variables: { filingId: 42 }, message: 'verify-medical: invalid job variables: /filingId FORMAT' }],
      departmentCalls: () => calls,
    },
  });
});

describe('medical simulator', () => {
  it('answers only the asked unit, year and people', async () => {
    const response = await query({ uscc: UNIT, year: YEAR, idNumbers: [hiredInMarch.idNumber, atAnotherUnit.idNumber] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ records: paid(hiredInMarch.idNumber, range(3, 12)) });
    const lastYear = await query({ uscc: UNIT, year: 2024, idNumbers: [hiredInMarch.idNumber] });
    expect(await lastYear.json()).toEqual({ records: paid(hiredInMarch.idNumber, ['2024-12']) });
  });

  it('answers 400 with field issues to a malformed query', async () => {
    const bad = await query({ uscc: UNIT, year: '2025', idNumbers: [fullYear.idNumber.toLowerCase().replace(/\d$/, 'x')] });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { path: string; code: string }[] };
    expect(body.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual(['/idNumbers/0 FORMAT', '/year FORMAT']);
    expect((await query({ uscc: UNIT, year: YEAR, idNumbers: [] })).status).toBe(400);
    expect((await query('not json')).status).toBe(400);
  });

  it('refuses a bad data file at start-up, naming the file, the record and the field', async () => {
    const bad = await dataDir([records[0], { ...records[1], uscc: undefined }]);
    await expectStartRefused(bad, [medicalSimulator], `${path.join(bad, 'medical.json')}: record 1 field /uscc REQUIRED`);
    const repeated = await dataDir([records[0], records[0]]);
    await expectStartRefused(repeated, [medicalSimulator], `record 1 duplicates record 0 (person 1 at ${UNIT} in ${month(1)})`);
  });

  it('serves the shipped seed data', async () => {
    await withSeedData([medicalSimulator], async (url) => {
      // The seed's medical_gap person (connectors/seed-data/README.md) lacks months 2, 4 and 9.
      const response = await sendJson(`${url}/medical/contributions/query`, { uscc: '91330921HAUCC5LT6U', year: YEAR, idNumbers: ['330111198904304718'] });
      expect(response.status).toBe(200);
      const { records: seen } = (await response.json()) as { records: MedicalRecord[] };
      const paidMonths = seen.filter((r) => r.paid).map((r) => r.month);
      expect(paidMonths).toHaveLength(9);
      expect(paidMonths).not.toContain(month(2));
    });
  });
});
