// Unit tests of the wage-payment client against nock: the department-http behaviour as this connector sees it.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/identifiers/id-number.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createWagesClient } from './client.ts';
import type { WageQuery, WageRecord } from './schema.ts';

const ORIGIN = 'http://wages.test';
const PATH = '/wages/payments/query';
const KEY = '7f0c8a52-0a4e-4b36-9d55-3d3f2f2d0a11:verify-wages';
const UNIT = '91330106MA2CD0001' + usccCheckCharacter('91330106MA2CD0001');
const PERSON = '33010619900101123' + idCheckCharacter('33010619900101123');
const OTHER = '33010819850505432' + idCheckCharacter('33010819850505432');
const query: WageQuery = { uscc: UNIT, year: 2025, idNumbers: [PERSON] };
const records: WageRecord[] = [
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', amount: 4800 },
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', amount: 1200.5 },
];

const config = {
  wagesUrl: `${ORIGIN}/wages`,
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};
const client = createWagesClient(config);
const late = (ms: number, body: unknown) => async (): Promise<[number, unknown]> => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return [200, body];
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('wages client', () => {
  it('posts the whole list once and returns every payment record', async () => {
    const scope = nock(ORIGIN)
      .post(PATH, { uscc: UNIT, year: 2025, idNumbers: [PERSON] })
      .matchHeader('content-type', 'application/json')
      .matchHeader('accept', 'application/json')
      .reply(200, { records });
    await expect(client.query(query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps only the contract fields', async () => {
    nock(ORIGIN).post(PATH).reply(200, { records: records.map((r) => ({ ...r, taxWithheld: 12 })) });
    await expect(client.query(query, KEY)).resolves.toEqual(records);
  });

  it('retries after a timeout and returns the next answer', async () => {
    // A reply that answers late holds back the headers, which is what a slow department does.
    const impatient = createWagesClient({ ...config, departmentTimeoutMs: 200 });
    const scope = nock(ORIGIN).post(PATH).reply(late(2000, { records })).post(PATH).reply(200, { records });
    await expect(impatient.query(query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentUnavailable naming department, path and attempts when 5xx outlasts the retries', async () => {
    const scope = nock(ORIGIN).post(PATH).times(3).reply(502, 'bad gateway');
    const error = await client.query(query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(3);
    expect((error as Error).message).toBe('wages unavailable: POST /payments/query failed after 3 attempt(s); last: HTTP 502');
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, { records: [{ idNumber: PERSON, uscc: UNIT, month: '2025-01', amount: '4800' }, { ...records[0], amount: -1 }] }];
      });
    const error = await client.query(query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues.map((i) => i.path)).toEqual(['/records/0/amount', '/records/1/amount']);
    expect(calls).toBe(1);
  });

  it('treats payments that were not asked for as a bad answer, without naming the person', async () => {
    nock(ORIGIN)
      .post(PATH)
      .reply(200, {
        records: [
          ...records,
          { idNumber: OTHER, uscc: UNIT, month: '2025-01', amount: 5000 },
          { idNumber: PERSON, uscc: UNIT, month: '2024-12', amount: 5000 },
        ],
      });
    const error = await client.query(query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    const bad = error as DepartmentBadAnswer;
    expect(bad.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['/records/2/idNumber MISMATCH', '/records/3/month MISMATCH']);
    expect(bad.message).not.toContain(OTHER);
    expect(bad.message).not.toContain(PERSON);
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
      .reply(429)
      .post(PATH)
      .matchHeader('idempotency-key', KEY)
      .reply(200, { records });
    await expect(client.query(query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an empty or repeating list before calling', async () => {
    await expect(client.query({ ...query, idNumbers: [] }, KEY)).rejects.toThrow('a wages query needs 1 to 5000 distinct ID numbers, got 0');
    await expect(client.query({ ...query, idNumbers: [PERSON, PERSON] }, KEY)).rejects.toThrow(RangeError);
  });
});
