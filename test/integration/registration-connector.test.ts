// The registration connector end to end over HTTP: the real simulator on a free port with a synthetic data
// file, the real client and the check-registration handler, and the simulator's admin endpoints.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistrationClient } from '../../connectors/registration/client.ts';
import type { RegistrationRecord } from '../../connectors/registration/schema.ts';
import { registrationSimulator } from '../../connectors/registration/simulator.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import {
  departmentJobContract,
  expectStartRefused,
  JOB_CALL_SETTINGS,
  sendJson,
  useDepartmentEnvironment,
  withSeedData,
} from '../support/department-job-contract.ts';
import { createCheckRegistrationHandler, type DeclaredEmployer } from '../../workers/check-registration.ts';

const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const ACTIVE = uscc('91330106MA2CD0001');
const DEREGISTERED = uscc('91330108MA2CD0002');
const CIVIL = uscc('52330100MJ9A00003');
const ORGAN = uscc('11330100002500004');
const UNKNOWN = uscc('91330110MA2CD0009');

const records: RegistrationRecord[] = [
  { uscc: ACTIVE, name: '杭州示例科技有限公司', registrar: 'samr', status: 'active', changedAt: '2019-04-02' },
  { uscc: DEREGISTERED, name: '杭州旧例贸易有限公司', registrar: 'samr', status: 'deregistered', changedAt: '2024-11-20' },
  { uscc: CIVIL, name: '杭州市示例康复服务中心', registrar: 'civil', status: 'active', changedAt: '2016-08-15' },
  { uscc: ORGAN, name: '杭州市示例事务管理局', registrar: 'org', status: 'abnormal', changedAt: '2023-01-09T08:30:00+08:00' },
];

const env = useDepartmentEnvironment({
  prefix: 'registration',
  departments: [registrationSimulator],
  files: { 'registrations.json': records },
  database: false,
});
const dataDir = (content: unknown) => env.tempDataDir({ 'registrations.json': content });

let handler: ReturnType<typeof createCheckRegistrationHandler>;

const JOB_KEY = '2251799813685251';
// The employer each filing id declares, as the handler looks it up (the stored filing in production).
const declared = new Map<string, DeclaredEmployer>();
const variables = (uscc: string, name = '杭州示例科技有限公司', unitNature = 'enterprise') => {
  const filingId = `F-${uscc}-${declared.size + 1}`;
  declared.set(filingId, { uscc, name, unitNature });
  return { filingId };
};
const job = (...args: Parameters<typeof variables>) => ({ key: JOB_KEY, variables: variables(...args), retries: 3 });

function putFaults(department: string, body: unknown, contentType = 'application/json') {
  return sendJson(`${env.sim.url}/_admin/faults/${department}`, body, { method: 'PUT', headers: { 'Content-Type': contentType } });
}

beforeAll(async () => {
  const client = createRegistrationClient({
    registrationUrl: `${env.sim.url}/registration`,
    ...JOB_CALL_SETTINGS,
  });
  handler = createCheckRegistrationHandler(client, async (filingId) => {
    const employer = declared.get(filingId);
    if (!employer) throw new Error(`test: no filing ${filingId}`);
    return employer;
  });
});

describe('registration connector over HTTP', () => {
  it('listens on the port the system chose and reports health', async () => {
    expect(env.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.sim.url).not.toMatch(/:0$/);
    const response = await fetch(`${env.sim.url}/_admin/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', departments: ['registration'] });
  });

  it('completes an active unit with no findings', async () => {
    const outcome = await handler(job(ACTIVE));
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        employerFindings: '',
        registration: {
          registrar: 'samr',
          found: true,
          status: 'active',
          registeredName: '杭州示例科技有限公司',
          nameMatches: true,
          findings: [],
        },
      },
    });
  });

  it('finds a deregistered unit', async () => {
    const outcome = await handler(job(DEREGISTERED, '杭州旧例贸易有限公司'));
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { registration: { found: true, status: 'deregistered', findings: [{ code: 'EMPLOYER_DEREGISTERED', source: 'samr' }] } },
    });
  });

  it('asks civil affairs for a unit whose USCC starts with 5', async () => {
    const outcome = await handler(job(CIVIL, '杭州市示例康复服务中心', 'private_non_enterprise'));
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { registration: { registrar: 'civil', found: true, status: 'active', nameMatches: true, findings: [] } },
    });
  });

  it('asks the organisation office for a 1 unit and reports it abnormal', async () => {
    const outcome = await handler(job(ORGAN, '杭州市示例事务管理局', 'government_agency'));
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { registration: { registrar: 'org', findings: [{ code: 'EMPLOYER_ABNORMAL', source: 'org' }] } },
    });
  });

  it('reports an unknown unit as EMPLOYER_NOT_FOUND', async () => {
    const outcome = await handler(job(UNKNOWN));
    expect(outcome).toMatchObject({
      kind: 'complete',
      variables: { registration: { registrar: 'samr', found: false, findings: [{ code: 'EMPLOYER_NOT_FOUND', source: 'samr' }] } },
    });
  });

  departmentJobContract({
    department: 'registration',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => variables(ACTIVE),
      failMessage: `registration unavailable: GET /samr/units/${ACTIVE} failed after 2 attempt(s); last: HTTP 503`,
      recovered: (retried) => expect(retried).toMatchObject({ kind: 'complete', variables: { registration: { found: true, findings: [] } } }),
    },
  });

  it('rejects invalid fault switches with field-level errors and changes nothing', async () => {
    const before = await (await fetch(`${env.sim.url}/_admin/faults`)).json();

    const outOfRange = await putFaults('registration', { latencyMs: -1, failureRate: 2, outage: 'yes' });
    expect(outOfRange.status).toBe(400);
    const { errors } = (await outOfRange.json()) as { errors: { path: string; code: string }[] };
    expect(errors.map((e) => e.path).sort()).toEqual(['/failureRate', '/latencyMs', '/outage']);

    const incomplete = await putFaults('registration', { outage: true, slow: true });
    expect(incomplete.status).toBe(400);
    expect((await incomplete.json()) as unknown).toMatchObject({
      errors: expect.arrayContaining([
        { path: '/latencyMs', code: 'REQUIRED' },
        { path: '/slow', code: 'UNKNOWN_FIELD' },
      ]),
    });

    expect((await putFaults('registration', '{"outage": tru', 'application/json')).status).toBe(400);
    expect((await putFaults('registration', 'outage=true', 'text/plain')).status).toBe(400);
    expect((await putFaults('hrss', { latencyMs: 0, failureRate: 0, outage: true })).status).toBe(404);

    expect(await (await fetch(`${env.sim.url}/_admin/faults`)).json()).toEqual(before);
  });

  it('answers 400 for a malformed registrar or USCC and 404 through the wrong registrar', async () => {
    const get = (p: string) => fetch(`${env.sim.url}/registration${p}`);
    expect((await get(`/tax/units/${ACTIVE}`)).status).toBe(400);
    expect((await get('/samr/units/91330106')).status).toBe(400);
    expect((await get(`/samr/units/${ACTIVE.toLowerCase()}`)).status).toBe(400);
    const wrongRegistrar = await get(`/civil/units/${ACTIVE}`);
    expect(wrongRegistrar.status).toBe(404);
    expect(await wrongRegistrar.json()).toEqual({ error: 'not_found' });
  });

  it('reloads a changed data file, and keeps serving the old data when the new file is bad', async () => {
    await writeFile(path.join(env.dataDir, 'registrations.json'), JSON.stringify([...records.slice(1), { ...records[0]!, status: 'abnormal' }]));
    const reloaded = await fetch(`${env.sim.url}/_admin/reload`, { method: 'POST' });
    expect(reloaded.status).toBe(200);
    expect(await handler(job(ACTIVE))).toMatchObject({ variables: { registration: { status: 'abnormal' } } });

    await writeFile(path.join(env.dataDir, 'registrations.json'), '[{"uscc": "x"}]');
    const refused = await fetch(`${env.sim.url}/_admin/reload`, { method: 'POST' });
    expect(refused.status).toBe(500);
    expect(((await refused.json()) as { message: string }).message).toContain('record 0');
    expect(await handler(job(ACTIVE))).toMatchObject({ variables: { registration: { status: 'abnormal' } } });

    await writeFile(path.join(env.dataDir, 'registrations.json'), JSON.stringify(records));
    expect((await fetch(`${env.sim.url}/_admin/reload`, { method: 'POST' })).status).toBe(200);
  });
});

describe('registration simulator start-up', () => {
  it('refuses a bad data file, naming the file, the record and the field', async () => {
    const bad = await dataDir([records[0], { ...records[1], status: 'closed' }]);
    await expectStartRefused(
      bad,
      [registrationSimulator],
      `${path.join(bad, 'registrations.json')}: record 1 field /status FORMAT (one of active, deregistered, abnormal)`,
    );
  });

  it('refuses a data file that repeats a unit', async () => {
    const repeated = await dataDir([records[0], records[1], records[0]]);
    await expectStartRefused(repeated, [registrationSimulator], `record 2 duplicates record 0 (${ACTIVE})`);
  });

  it('refuses a missing data file and one that is not JSON', async () => {
    const empty = await env.tempDataDir();
    await expectStartRefused(empty, [registrationSimulator], 'registrations.json: file not found');
    await writeFile(path.join(empty, 'registrations.json'), '[{"uscc": ');
    await expectStartRefused(empty, [registrationSimulator], 'registrations.json: not valid JSON');
  });

  it('serves the shipped seed data', async () => {
    await withSeedData([registrationSimulator], async (url) => {
      expect((await fetch(`${url}/_admin/health`)).status).toBe(200);
    });
  });
});
