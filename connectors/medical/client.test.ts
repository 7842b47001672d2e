// Unit tests of the medical-security client against nock: the department-http behaviour as this connector sees it.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/identifiers/id-number.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createMedicalClient } from './client.ts';
import type { MedicalQuery, MedicalRecord } from './schema.ts';

const ORIGIN = 'http://medical.test';
const PATH = '/medical/contributions/query';
const KEY = '7f0c8a52-0a4e-4b36-9d55-3d3f2f2d0a11:verify-medical';
const UNIT = '91330106MA2CD0001' + usccCheckCharacter('91330106MA2CD0001');
const PERSON = '33010619900101123' + idCheckCharacter('33010619900101123');
const OTHER = '33010819850505432' + idCheckCharacter('33010819850505432');
const query: MedicalQuery = { uscc: UNIT, year: 2025, idNumbers: [PERSON] };
const records: MedicalRecord[] = [
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', paid: true },
  { idNumber: PERSON, uscc: UNIT, month: '2025-02', paid: false },
];

const config = {
  medicalUrl: `${ORIGIN}/medical`,
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};
const client = createMedicalClient(config);
const late = (ms: number, body: unknown) => async (): Promise<[number, unknown]> => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return [200, body];
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('medical client', () => {
  it('posts the whole list once and returns the records', async () => {
    const scope = nock(ORIGIN)
      .post(PATH, { uscc: UNIT, year: 2025, idNumbers: [PERSON] })
      .matchHeader('content-type', 'application/json')
      .matchHeader('accept', 'application/json')
      .reply(200, { records });
    await expect(client.query(query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps only the contract fields and accepts an empty answer', async () => {
    nock(ORIGIN).post(PATH).reply(200, { records: records.map((r) => ({ ...r, scheme: 'employee' })), page: 1 });
    await expect(client.query(query, KEY)).resolves.toEqual(records);
    nock(ORIGIN).post(PATH).reply(200, { records: [] });
    await expect(client.query(query, KEY)).resolves.toEqual([]);
  });

  it('retries after a timeout and returns the next answer', async () => {
    // A reply that answers late holds back the headers, which is what a slow department does.
    const impatient = createMedicalClient({ ...config, departmentTimeoutMs: 200 });
    const scope = nock(ORIGIN).post(PATH).reply(late(2000, { records })).post(PATH).reply(200, { records });
    await expect(impatient.query(query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentUnavailable naming department, path and attempts when 5xx outlasts the retries', async () => {
    const scope = nock(ORIGIN).post(PATH).times(3).reply(500, 'oops');
    const error = await client.query(query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(3);
    expect((error as Error).message).toBe('medical unavailable: POST /contributions/query failed after 3 attempt(s); last: HTTP 500');
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, { rows: records }];
      });
    const error = await client.query(query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([{ path: '/records', code: 'REQUIRED' }]);
    expect(calls).toBe(1);
  });

  it('treats records that were not asked for, or that contradict each other, as a bad answer without naming the person', async () => {
    nock(ORIGIN)
      .post(PATH)
      .reply(200, {
        records: [
          ...records,
          { idNumber: OTHER, uscc: UNIT, month: '2025-01', paid: true },
          { idNumber: PERSON, uscc: UNIT, month: '2026-01', paid: true },
          { ...records[1]!, paid: true },
        ],
      });
    const error = await client.query(query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    const bad = error as DepartmentBadAnswer;
    expect(bad.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['/records/2/idNumber MISMATCH', '/records/3/month MISMATCH', '/records/4/paid CONFLICT']);
    expect(bad.message).not.toContain(OTHER);
    expect(bad.message).not.toContain(PERSON);
  });

  it('reports at most ten wrong records and counts the rest', async () => {
    const strangers = Array.from({ length: 12 }, (_, i) => ({ idNumber: OTHER, uscc: UNIT, month: `2025-${String(i + 1).padStart(2, '0')}`, paid: true }));
    nock(ORIGIN).post(PATH).reply(200, { records: strangers });
    const error = (await client.query(query, KEY).catch((e: unknown) => e)) as DepartmentBadAnswer;
    expect(error.issues).toHaveLength(11);
    expect(error.issues[10]).toEqual({ path: '/records', code: 'MORE_ISSUES', params: { count: 2 } });
  });

  it('throws DepartmentRejected on a 400 without retrying', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [400, { error: 'bad_request' }];
      });
    await expect(client.query(query, KEY)).rejects.toBeInstanceOf(DepartmentRejected);
    expect(calls).toBe(1);
  });

  it('sends the same Idempotency-Key on every attempt', async () => {
    // Each interceptor only matches a request carrying the key, so a missing or changed key fails the call.
    const scope = nock(ORIGIN)
      .post(PATH)
      .matchHeader('idempotency-key', KEY)
      .times(2)
      .reply(503, 'busy')
      .post(PATH)
      .matchHeader('idempotency-key', KEY)
      .reply(200, { records });
    await expect(client.query(query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an empty or repeating list before calling', async () => {
    await expect(client.query({ ...query, idNumbers: [] }, KEY)).rejects.toThrow(RangeError);
    await expect(client.query({ ...query, idNumbers: [PERSON, PERSON] }, KEY)).rejects.toThrow(
      'a medical query needs 1 to 5000 distinct ID numbers, got 2',
    );
  });
});
