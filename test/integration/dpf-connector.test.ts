// The DPF certificate connector end to end: the real simulator over HTTP on a free port with a synthetic data
// file, a real filing in PostgreSQL, the real client and the verify-disability-certificates handler.
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDpfClient } from '../../connectors/dpf/client.ts';
import type { DpfCertificate } from '../../connectors/dpf/schema.ts';
import { dpfSimulator } from '../../connectors/dpf/simulator.ts';
import type { Employee } from '../../filings/declaration/filing.ts';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
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
import { createVerifyDisabilityCertificatesHandler } from '../../workers/verify-disability-certificates.ts';

const YEAR = 2025;
const rand = seededRandom(71001);
const employee = (overrides: Partial<Employee> = {}) => syntheticEmployee(rand, YEAR, overrides);

function registered(e: Employee, overrides: Partial<DpfCertificate> = {}): DpfCertificate {
  return {
    certNumber: e.certNumber,
    idNumber: e.idNumber,
    name: e.name,
    category: e.disabilityCategory!,
    grade: e.disabilityGrade,
    validFrom: '2019-07-13',
    validUntil: '2029-07-12',
    status: 'valid',
    ...overrides,
  };
}

// One declared employee per case; the register below holds what the case needs.
const fullYear = employee();
const unregistered = employee();
const renamed = employee();
const expiresMidYear = employee();
const veteran = employee({ certType: 'veteran', certNumber: '浙军残字第000900号', disabilityCategory: undefined, disabilityGrade: 5 });
const revoked = employee();
const issuedMidYear = employee();
const severe = employee();
Object.assign(severe, { disabilityCategory: 1, disabilityGrade: 1, certNumber: disabilityCertNumber(severe.idNumber, 1, 1) });
const declared = [fullYear, unregistered, renamed, expiresMidYear, veteran, revoked, issuedMidYear, severe];

const records: DpfCertificate[] = [
  registered(fullYear),
  registered(renamed, { name: `${renamed.name}某` }),
  registered(expiresMidYear, { validFrom: '2015-06-30', validUntil: '2025-06-29' }),
  registered(revoked, { status: 'revoked' }),
  registered(issuedMidYear, { validFrom: '2025-04-15', validUntil: '2035-04-14' }),
  registered(severe),
  // Someone else's certificate: the simulator must not hand it out unasked.
  registered(employee()),
];

const env = useDepartmentEnvironment({ prefix: 'dpf', departments: [dpfSimulator], files: { 'dpf-certificates.json': records } });
const dataDir = (content: unknown) => env.tempDataDir({ 'dpf-certificates.json': content });

let handler: ReturnType<typeof createVerifyDisabilityCertificatesHandler>;
let client: ReturnType<typeof createDpfClient>;
let filingId: string;
let seed = 71100;

const storeFiling = (employees: Employee[]) => store(env.db, { ...syntheticFiling(seed++, { year: YEAR }), employees }, 'test:dpf-connector');
const JOB_KEY = '2251799813685301';
const job = (variables: unknown) => ({ key: JOB_KEY, variables, retries: 3 });
const query = (body: unknown) => sendJson(`${env.sim.url}/dpf/certificates/query`, body);

beforeAll(async () => {
  client = createDpfClient({ dpfUrl: `${env.sim.url}/dpf`, ...JOB_CALL_SETTINGS });
  handler = createVerifyDisabilityCertificatesHandler({ db: env.db, client });
  filingId = await storeFiling(declared);
});

const notFound = { found: false, nameMatches: null, idMatches: null, category: null, grade: null, validFrom: null, validUntil: null, status: null };

describe('dpf connector over HTTP', () => {
  it('completes with the facts of every disability certificate, keyed by employee index, without personal numbers', async () => {
    const outcome = await handler(job({ filingId, year: YEAR }));
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        dpfCertificates: [
          { index: 0, found: true, nameMatches: true, idMatches: true, category: 4, grade: 3, validFrom: '2019-07-13', validUntil: '2029-07-12', status: 'valid' },
          { index: 1, ...notFound },
          { index: 2, found: true, nameMatches: false, idMatches: true, category: 4, grade: 3, validFrom: '2019-07-13', validUntil: '2029-07-12', status: 'valid' },
          { index: 3, found: true, nameMatches: true, idMatches: true, category: 4, grade: 3, validFrom: '2015-06-30', validUntil: '2025-06-29', status: 'valid' },
          // index 4 holds a veteran certificate: not the DPF register's business.
          { index: 5, found: true, nameMatches: true, idMatches: true, category: 4, grade: 3, validFrom: '2019-07-13', validUntil: '2029-07-12', status: 'revoked' },
          { index: 6, found: true, nameMatches: true, idMatches: true, category: 4, grade: 3, validFrom: '2025-04-15', validUntil: '2035-04-14', status: 'valid' },
          { index: 7, found: true, nameMatches: true, idMatches: true, category: 1, grade: 1, validFrom: '2019-07-13', validUntil: '2029-07-12', status: 'valid' },
        ],
      },
    });
    const text = JSON.stringify(outcome);
    for (const e of declared) expect(text).not.toContain(e.idNumber);
  });

  it('answers only the certificates asked for', async () => {
    const response = await query({ certNumbers: [fullYear.certNumber, unregistered.certNumber] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ certificates: [records[0]] });
  });

  it('answers 400 with field issues for a malformed query', async () => {
    const empty = await query({ certNumbers: [] });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ errors: [{ path: '/certNumbers', code: 'ITEM_COUNT' }] });
    const malformed = await query({ certNumbers: [fullYear.certNumber, '1234'], extra: true });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { path: string; code: string }[] }).errors).toEqual(
      expect.arrayContaining([
        { path: '/extra', code: 'UNKNOWN_FIELD' },
        expect.objectContaining({ path: '/certNumbers/1', code: 'FORMAT' }),
      ]),
    );
    expect((await query({ certNumbers: [fullYear.certNumber, fullYear.certNumber] })).status).toBe(400);
    expect((await query({})).status).toBe(400);
  });

  it('completes with no facts and asks nothing when no one holds a disability certificate', async () => {
    const spy = { queryCertificates: vi.fn(client.queryCertificates) };
    const onlyVeterans = await storeFiling([veteran]);
    const outcome = await createVerifyDisabilityCertificatesHandler({ db: env.db, client: spy })(job({ filingId: onlyVeterans }));
    expect(outcome).toEqual({ kind: 'complete', variables: { dpfCertificates: [] } });
    expect(spy.queryCertificates).not.toHaveBeenCalled();
  });

  departmentJobContract({
    department: 'dpf',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => ({ filingId }),
      failMessage: 'dpf unavailable: POST /certificates/query failed after 2 attempt(s); last: HTTP 503',
      recovered: (retried) =>
        expect(retried).toMatchObject({ kind: 'complete', variables: { dpfCertificates: expect.arrayContaining([expect.objectContaining({ index: 0, found: true })]) } }),
    },
    filingErrors: {
      notFound: (id) => ({ filingId: id }),
      invalid: async () => [{ variables: { filingId: 'F-2025-0001' } }, { variables: { filingId: '' } }, { variables: { employer: {} } }],
    },
  });

  it('raises DEPARTMENT_BAD_DATA for a bad answer, and reports an ID that differs from the register', async () => {
    const bad = new DepartmentBadAnswer('dpf', 'POST', '/certificates/query', 200, [{ path: '/certificates/0/status', code: 'FORMAT' }]);
    const badClient = { queryCertificates: vi.fn(async () => Promise.reject(bad)) };
    expect(await createVerifyDisabilityCertificatesHandler({ db: env.db, client: badClient })(job({ filingId }))).toEqual({
      kind: 'bpmnError',
      errorCode: 'DEPARTMENT_BAD_DATA',
      message: departmentMessage(bad.message),
    });

    // A register whose own records disagree: the number is found but filed under another person.
    const otherId = { ...registered(fullYear), idNumber: unregistered.idNumber };
    const oddClient = { queryCertificates: vi.fn(async () => [otherId]) };
    const outcome = await createVerifyDisabilityCertificatesHandler({ db: env.db, client: oddClient })(job({ filingId }));
    expect(oddClient.queryCertificates).toHaveBeenCalledWith(
      [fullYear, unregistered, renamed, expiresMidYear, revoked, issuedMidYear, severe].map((e) => e.certNumber),
      `${filingId}:verify-disability-certificates`,
    );
    expect(outcome.kind).toBe('complete');
    const facts = outcome.kind === 'complete' ? outcome.variables.dpfCertificates : [];
    expect(facts.slice(0, 2)).toMatchObject([{ index: 0, found: true, nameMatches: true, idMatches: false }, { index: 1, found: false }]);
  });
});

describe('dpf simulator start-up', () => {
  it('refuses a bad data file, naming the file, the record and the field', async () => {
    const bad = await dataDir([records[0], { ...records[1], status: 'expired' }]);
    await expectStartRefused(bad, [dpfSimulator], `${path.join(bad, 'dpf-certificates.json')}: record 1 field /status FORMAT (one of valid, revoked)`);
  });

  it('refuses inconsistent records without printing their numbers', async () => {
    const inconsistent = await dataDir([
      records[0],
      { ...records[1], grade: 1 },
      { ...records[2], validUntil: '2014-01-01' },
      records[0],
    ]);
    const { message } = await expectStartRefused(inconsistent, [dpfSimulator], 'record 1 field /certNumber CERT_NUMBER_MISMATCH');
    expect(message).toContain('record 2 field /validUntil DATE_ORDER');
    expect(message).toContain('record 3 field /certNumber repeats record 0');
    expect(message).not.toContain(records[0]!.idNumber);
  });

  it('serves the shipped seed data', async () => {
    await withSeedData([dpfSimulator], async (url) => {
      expect((await sendJson(`${url}/dpf/certificates/query`, { certNumbers: [fullYear.certNumber] })).status).toBe(200);
    });
  });
});
