// The veterans-affairs connector end to end: the real simulator over HTTP on a free port with a synthetic data
// file, a real filing in PostgreSQL, the real client and the verify-veteran-certificates handler.
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createVeteransClient } from '../../connectors/veterans/client.ts';
import type { VeteranCertificate } from '../../connectors/veterans/schema.ts';
import { veteransSimulator } from '../../connectors/veterans/simulator.ts';
import type { Employee } from '../../filings/declaration/filing.ts';
import { seededRandom } from '../../domain/synthetic.ts';
import { DepartmentBadAnswer } from '../../platform/department-http.ts';
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
import { createVerifyVeteranCertificatesHandler } from '../../workers/verify-veteran-certificates.ts';

const YEAR = 2025;
const rand = seededRandom(72001);
let serial = 900;
function holder(certType: 'veteran' | 'police', grade: number): Employee {
  const prefix = certType === 'police' ? '浙警残字第' : '浙军残字第';
  return syntheticEmployee(rand, YEAR, {
    certType,
    certNumber: `${prefix}${String(serial++).padStart(6, '0')}号`,
    disabilityCategory: undefined,
    disabilityGrade: grade,
  });
}

function registered(e: Employee, overrides: Partial<VeteranCertificate> = {}): VeteranCertificate {
  return {
    certNumber: e.certNumber,
    idNumber: e.idNumber,
    name: e.name,
    kind: e.certType === 'police' ? 'police' : 'veteran',
    grade: e.disabilityGrade,
    validFrom: '2017-07-11',
    validUntil: '2031-01-24',
    ...overrides,
  };
}

// One declared employee per case; the department's file below holds what the case needs.
const veteran = holder('veteran', 2);
const disabled = syntheticEmployee(rand, YEAR);
const police = holder('police', 6);
const unregistered = holder('veteran', 4);
const expiresMidYear = holder('veteran', 7);
const otherPerson = holder('veteran', 3);
const policeDeclaredAsVeteran = holder('veteran', 5);
const declared = [veteran, disabled, police, unregistered, expiresMidYear, otherPerson, policeDeclaredAsVeteran];

const stranger = syntheticEmployee(rand, YEAR);
const records: VeteranCertificate[] = [
  registered(veteran),
  registered(police),
  registered(expiresMidYear, { validFrom: '2013-10-17', validUntil: '2025-03-14' }),
  // The number is registered to someone else: name and ID both differ.
  registered(otherPerson, { name: stranger.name, idNumber: stranger.idNumber }),
  registered(policeDeclaredAsVeteran, { kind: 'police' }),
  // Not declared: the simulator must not hand it out unasked.
  registered(holder('police', 1)),
];

const env = useDepartmentEnvironment({ prefix: 'veterans', departments: [veteransSimulator], files: { 'veteran-certificates.json': records } });
const dataDir = (content: unknown) => env.tempDataDir({ 'veteran-certificates.json': content });

let client: ReturnType<typeof createVeteransClient>;
let handler: ReturnType<typeof createVerifyVeteranCertificatesHandler>;
let filingId: string;
let seed = 72100;

const storeFiling = (employees: Employee[]) => store(env.db, { ...syntheticFiling(seed++, { year: YEAR }), employees }, 'test:veterans-connector');
const JOB_KEY = '2251799813685401';
const job = (variables: unknown) => ({ key: JOB_KEY, variables, retries: 3 });
const post = (body: unknown) => sendJson(`${env.sim.url}/veterans/certificates/query`, body);

beforeAll(async () => {
  client = createVeteransClient({ veteransUrl: `${env.sim.url}/veterans`, ...JOB_CALL_SETTINGS });
  handler = createVerifyVeteranCertificatesHandler({ db: env.db, client });
  filingId = await storeFiling(declared);
});

const valid = { validFrom: '2017-07-11', validUntil: '2031-01-24' };

describe('veterans connector over HTTP', () => {
  it('completes with the facts of every veteran and police certificate, keyed by employee index, without personal numbers', async () => {
    const outcome = await handler(job({ filingId, year: YEAR }));
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        veteranCertificates: [
          { index: 0, found: true, nameMatches: true, idMatches: true, kindMatches: true, kind: 'veteran', grade: 2, ...valid },
          // index 1 holds a disability certificate: the DPF register's business.
          { index: 2, found: true, nameMatches: true, idMatches: true, kindMatches: true, kind: 'police', grade: 6, ...valid },
          { index: 3, found: false, nameMatches: null, idMatches: null, kindMatches: null, kind: null, grade: null, validFrom: null, validUntil: null },
          { index: 4, found: true, nameMatches: true, idMatches: true, kindMatches: true, kind: 'veteran', grade: 7, validFrom: '2013-10-17', validUntil: '2025-03-14' },
          { index: 5, found: true, nameMatches: false, idMatches: false, kindMatches: true, kind: 'veteran', grade: 3, ...valid },
          { index: 6, found: true, nameMatches: true, idMatches: true, kindMatches: false, kind: 'police', grade: 5, ...valid },
        ],
      },
    });
    const text = JSON.stringify(outcome);
    for (const e of declared) {
      expect(text).not.toContain(e.idNumber);
      expect(text).not.toContain(e.certNumber);
    }
  });

  it('answers only the certificates asked for', async () => {
    const response = await post({ certNumbers: [veteran.certNumber, unregistered.certNumber] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ certificates: [records[0]] });
  });

  it('answers 400 with field issues for a malformed query', async () => {
    const empty = await post({ certNumbers: [] });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ errors: [{ path: '/certNumbers', code: 'ITEM_COUNT' }] });
    const malformed = await post({ certNumbers: [veteran.certNumber, 'x'], extra: 1 });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { path: string; code: string }[] }).errors).toEqual(
      expect.arrayContaining([{ path: '/extra', code: 'UNKNOWN_FIELD' }, expect.objectContaining({ path: '/certNumbers/1', code: 'FORMAT' })]),
    );
    expect((await post({ certNumbers: 'all' })).status).toBe(400);
  });

  it('completes with no facts and asks nothing when no one holds a veteran or police certificate', async () => {
    const spy = { queryCertificates: vi.fn(client.queryCertificates) };
    const onlyDisability = await storeFiling([disabled]);
    const outcome = await createVerifyVeteranCertificatesHandler({ db: env.db, client: spy })(job({ filingId: onlyDisability }));
    expect(outcome).toEqual({ kind: 'complete', variables: { veteranCertificates: [] } });
    expect(spy.queryCertificates).not.toHaveBeenCalled();
  });

  departmentJobContract({
    department: 'veterans',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => ({ filingId }),
      failMessage: 'veterans unavailable: POST /certificates/query failed after 2 attempt(s); last: HTTP 503',
      recovered: (retried) => {
        expect(retried.kind).toBe('complete');
        expect(retried.kind === 'complete' && (retried.variables as { veteranCertificates: unknown[] }).veteranCertificates).toHaveLength(6);
      },
    },
    filingErrors: {
      notFound: (id) => ({ filingId: id }),
      invalid: async () => [{ variables: { filingId: 42 } }],
    },
  });

  it('raises DEPARTMENT_BAD_DATA for a bad answer', async () => {
    const bad = new DepartmentBadAnswer('veterans', 'POST', '/certificates/query', 200, [{ path: '/certificates', code: 'REQUIRED' }]);
    const badClient = { queryCertificates: vi.fn(async () => Promise.reject(bad)) };
    expect(await createVerifyVeteranCertificatesHandler({ db: env.db, client: badClient })(job({ filingId }))).toEqual({
      kind: 'bpmnError',
      errorCode: 'DEPARTMENT_BAD_DATA',
      message: departmentMessage(bad.message),
    });
    expect(badClient.queryCertificates).toHaveBeenCalledWith(
      [veteran, police, unregistered, expiresMidYear, otherPerson, policeDeclaredAsVeteran].map((e) => e.certNumber),
      `${filingId}:verify-veteran-certificates`,
    );
  });
});

describe('veterans simulator start-up', () => {
  it('refuses a bad data file, naming the file, the record and the field', async () => {
    const bad = await dataDir([records[0], { ...records[1], kind: 'army' }]);
    await expectStartRefused(bad, [veteransSimulator], `${path.join(bad, 'veteran-certificates.json')}: record 1 field /kind FORMAT (one of veteran, police)`);
  });

  it('refuses inconsistent records without printing their numbers', async () => {
    const inconsistent = await dataDir([records[0], { ...records[1], validUntil: '2010-01-01' }, records[0]]);
    const { message } = await expectStartRefused(inconsistent, [veteransSimulator], 'record 1 field /validUntil DATE_ORDER');
    expect(message).toContain('record 2 field /certNumber repeats record 0');
    expect(message).not.toContain(veteran.certNumber);
  });

  it('serves the shipped seed data', async () => {
    await withSeedData([veteransSimulator], async (url) => {
      const response = await sendJson(`${url}/veterans/certificates/query`, { certNumbers: ['浙军残字第000101号'] });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { certificates: unknown[] }).certificates).toHaveLength(1);
    });
  });
});
