// The HRSS pension connector end to end: both simulators (Zhejiang and national) over HTTP on a free port with
// a synthetic data dir, filings stored in the real PostgreSQL, the real client and the verify-pension handler.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPensionClient, type PensionClient, type PensionClientConfig } from '../../connectors/hrss/client.ts';
import type { PensionRecord, PensionSource } from '../../connectors/hrss/schema.ts';
import { nationalPensionSimulator, pensionSimulator } from '../../connectors/hrss/simulator.ts';
import type { Employee } from '../../filings/declaration/filing.ts';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { seededRandom, syntheticPerson, syntheticUscc } from '../../domain/synthetic.ts';
import {
  departmentJobContract,
  expectStartRefused,
  JOB_CALL_SETTINGS,
  sendJson,
  storeFiling as store,
  useDepartmentEnvironment,
  withSeedData,
  departmentMessage,
} from '../support/department-job-contract.ts';
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

const simulators = [pensionSimulator, nationalPensionSimulator];
const env = useDepartmentEnvironment({
  prefix: 'hrss',
  departments: simulators,
  files: { 'pension.json': zhejiangRecords, 'national-pension.json': nationalRecords },
});
const dataDir = env.tempDataDir;

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

const storeFiling = (seed: number, employees: Employee[]) =>
  store(env.db, { ...syntheticFiling(seed, { year: YEAR }), employees }, 'test:hrss-connector', UNIT);

const JOB_KEY = '2251799813685301';
const job = (filingId: unknown) => ({ key: JOB_KEY, variables: { filingId, year: YEAR }, retries: 3 });
const query = (department: string, body: unknown) => sendJson(`${env.sim.url}/${department}/contributions/query`, body);

beforeAll(async () => {
  clientConfig = {
    pensionUrl: `${env.sim.url}/pension`,
    nationalPensionUrl: `${env.sim.url}/national-pension`,
    ...JOB_CALL_SETTINGS,
  };
  handler = createVerifyPensionHandler({ db: env.db, client: recording(createPensionClient(clientConfig)) });
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

  it('asks about a dispatched person under the agency that pays, one call per interface and payer, each with its own key', async () => {
    // `partial` is dispatched by OTHER_UNIT, which paid September and October; declared also as the host's own worker.
    const dispatched: Employee = { ...partial, employmentType: 'dispatch', dispatchAgencyUscc: OTHER_UNIT, dispatchCountedHere: true };
    const filingId = await storeFiling(73_106, [fullYear, dispatched, hukouOutside, { ...dispatched }]);
    calls.length = 0;

    expect(await handler(job(filingId))).toEqual({
      kind: 'complete',
      variables: {
        pension: [
          { index: 0, source: 'zhejiang', paidMonths: range(1, 12), unpaidMonths: [] },
          { index: 1, source: 'zhejiang', paidMonths: [month(9), month(10)], unpaidMonths: [] },
          { index: 2, source: 'national', paidMonths: range(3, 12), unpaidMonths: [] },
          { index: 3, source: 'zhejiang', paidMonths: [month(9), month(10)], unpaidMonths: [] },
        ],
      },
    });
    expect(calls.map((c) => [c.source, c.idNumbers, c.key]).sort()).toEqual([
      ['national', [hukouOutside.idNumber], `${filingId}:verify-pension`],
      ['zhejiang', [fullYear.idNumber], `${filingId}:verify-pension`],
      ['zhejiang', [partial.idNumber], `${filingId}:verify-pension:${OTHER_UNIT}`],
    ].sort());
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

  departmentJobContract({
    department: 'national-pension',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => ({ filingId: await storeFiling(73_105, [fullYear, hukouOutside]), year: YEAR }),
      failMessage: 'national-pension unavailable: POST /contributions/query failed after 2 attempt(s); last: HTTP 503',
      recovered: (retried) =>
        expect(retried).toMatchObject({
          kind: 'complete',
          variables: { pension: [{ index: 0, source: 'zhejiang' }, { index: 1, source: 'national', paidMonths: range(3, 12) }] },
        }),
    },
    filingErrors: {
      notFound: (filingId) => ({ filingId, year: YEAR }),
      invalid: async () => [
        { variables: { filingId: 'F-2025-0001', year: YEAR } },
        { variables: {}, message: 'verify-pension: invalid job variables: /filingId REQUIRED' },
      ],
      departmentCalls: () => calls,
    },
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
      const badHandler = createVerifyPensionHandler({ db: env.db, client: createPensionClient({ ...clientConfig, pensionUrl: url }) });
      const outcome = await badHandler(job(await storeFiling(73_106, [fullYear])));
      expect(outcome).toEqual({
        kind: 'bpmnError',
        errorCode: 'DEPARTMENT_BAD_DATA',
        message: departmentMessage('pension bad answer to POST /contributions/query (HTTP 200): /records/0/idNumber MISMATCH'),
      });
    } finally {
      await new Promise((resolve) => wrong.close(resolve));
    }
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
    await expectStartRefused(bad, simulators, `${path.join(bad, 'pension.json')}: record 1 field /paid FORMAT (expected boolean)`);

    const badMonth = await dataDir({ 'pension.json': zhejiangRecords, 'national-pension.json': [{ ...nationalRecords[0], month: '2025-3' }] });
    await expectStartRefused(badMonth, simulators, `${path.join(badMonth, 'national-pension.json')}: record 0 field /month FORMAT`);
  });

  it('refuse a data file that records one person-month twice, without printing the ID number', async () => {
    const repeated = await dataDir({
      'pension.json': [zhejiangRecords[0], zhejiangRecords[1], { ...zhejiangRecords[0]!, paid: false }],
      'national-pension.json': nationalRecords,
    });
    const { message } = await expectStartRefused(repeated, simulators, `record 2 duplicates record 0 (person 1 at ${UNIT} in ${month(1)})`);
    expect(message).not.toContain(fullYear.idNumber);
  });

  it('serve the shipped seed data', async () => {
    await withSeedData(simulators, async (url) => {
      // The seed's person insured outside Zhejiang (connectors/seed-data/README.md) is known nationally.
      const response = await sendJson(`${url}/national-pension/contributions/query`, {
        uscc: '91330106BY3XR1P5XJ',
        year: YEAR,
        idNumbers: ['410102199502165282'],
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { records: unknown[] }).records).toHaveLength(12);
    });
  });
});
