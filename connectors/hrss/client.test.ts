// Unit tests of the pension client against nock: both interfaces, and the department-http behaviour as this
// connector sees it.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../domain/identifiers/id-number.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createPensionClient } from './client.ts';
import type { PensionQuery, PensionRecord } from './schema.ts';

const ORIGIN = 'http://hrss.test';
const PATH = '/pension/contributions/query';
const NATIONAL_PATH = '/national-pension/contributions/query';
const KEY = '7f0c8a52-0a4e-4b36-9d55-3d3f2f2d0a11:verify-pension';
const UNIT = '91330106MA2CD0001' + usccCheckCharacter('91330106MA2CD0001');
const PERSON = '33010619900101123' + idCheckCharacter('33010619900101123');
const OTHER = '41010219950216528' + idCheckCharacter('41010219950216528');
const query: PensionQuery = { uscc: UNIT, year: 2025, idNumbers: [PERSON] };
const records: PensionRecord[] = [
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', paid: true },
  { idNumber: PERSON, uscc: UNIT, month: '2025-02', paid: false },
];

const config = {
  pensionUrl: `${ORIGIN}/pension`,
  nationalPensionUrl: `${ORIGIN}/national-pension`,
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};
const client = createPensionClient(config);
const late = (ms: number, body: unknown) => async (): Promise<[number, unknown]> => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return [200, body];
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('pension client', () => {
  it('posts the whole list once and returns the records', async () => {
    const scope = nock(ORIGIN)
      .post(PATH, { uscc: UNIT, year: 2025, idNumbers: [PERSON] })
      .matchHeader('content-type', 'application/json')
      .matchHeader('accept', 'application/json')
      .reply(200, { records });
    await expect(client.query('zhejiang', query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('asks the national interface for persons insured outside Zhejiang', async () => {
    const national = { ...query, idNumbers: [OTHER] };
    const answer = [{ idNumber: OTHER, uscc: UNIT, month: '2025-03', paid: true }];
    const scope = nock(ORIGIN).post(NATIONAL_PATH, national).reply(200, { records: answer });
    await expect(client.query('national', national, KEY)).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps only the contract fields and accepts an empty answer', async () => {
    nock(ORIGIN).post(PATH).reply(200, { records: records.map((r) => ({ ...r, insuredCity: '330100' })), page: 1 });
    await expect(client.query('zhejiang', query, KEY)).resolves.toEqual(records);
    nock(ORIGIN).post(PATH).reply(200, { records: [] });
    await expect(client.query('zhejiang', query, KEY)).resolves.toEqual([]);
  });

  it('retries after a timeout and returns the next answer', async () => {
    // A reply that answers late holds back the headers, which is what a slow department does.
    const impatient = createPensionClient({ ...config, departmentTimeoutMs: 200 });
    const scope = nock(ORIGIN).post(PATH).reply(late(2000, { records })).post(PATH).reply(200, { records });
    await expect(impatient.query('zhejiang', query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentUnavailable naming department, path and attempts when 5xx outlasts the retries', async () => {
    const scope = nock(ORIGIN).post(NATIONAL_PATH).times(3).reply(503, 'down');
    const error = await client.query('national', { ...query, idNumbers: [OTHER] }, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    const unavailable = error as DepartmentUnavailable;
    expect(unavailable.attempts).toBe(3);
    expect(unavailable.message).toBe(
      'national-pension unavailable: POST /contributions/query failed after 3 attempt(s); last: HTTP 503',
    );
    expect(unavailable.message).not.toContain(OTHER);
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, { records: [{ idNumber: PERSON, uscc: UNIT, month: '2025-13', paid: 'yes' }] }];
      });
    const error = await client.query('zhejiang', query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues.map((i) => i.path).sort()).toEqual(['/records/0/month', '/records/0/paid']);
    expect(calls).toBe(1);
  });

  it('treats records that were not asked for as a bad answer, without naming the person', async () => {
    nock(ORIGIN)
      .post(PATH)
      .reply(200, {
        records: [
          records[0],
          { idNumber: OTHER, uscc: UNIT, month: '2025-01', paid: true },
          { idNumber: PERSON, uscc: '91330106MA2CD0002' + usccCheckCharacter('91330106MA2CD0002'), month: '2025-01', paid: true },
          { idNumber: PERSON, uscc: UNIT, month: '2024-12', paid: true },
        ],
      });
    const error = await client.query('zhejiang', query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    const bad = error as DepartmentBadAnswer;
    expect(bad.issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      '/records/1/idNumber MISMATCH',
      '/records/2/uscc MISMATCH',
      '/records/3/month MISMATCH',
    ]);
    expect(bad.message).not.toContain(OTHER);
    expect(bad.message).not.toContain(PERSON);
  });

  it('treats two contradicting records of one month as a bad answer', async () => {
    nock(ORIGIN).post(PATH).reply(200, { records: [...records, { ...records[0]!, paid: false }] });
    const error = await client.query('zhejiang', query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([{ path: '/records/2/paid', code: 'CONFLICT' }]);
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
    const error = await client.query('zhejiang', query, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect(calls).toBe(1);
  });

  it('sends the same Idempotency-Key on every attempt', async () => {
    // Each interceptor only matches a request carrying the key, so a missing or changed key fails the call.
    const scope = nock(ORIGIN)
      .post(PATH)
      .matchHeader('idempotency-key', KEY)
      .times(2)
      .reply(502, 'bad gateway')
      .post(PATH)
      .matchHeader('idempotency-key', KEY)
      .reply(200, { records });
    await expect(client.query('zhejiang', query, KEY)).resolves.toEqual(records);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an empty, oversized or repeating list before calling', async () => {
    await expect(client.query('zhejiang', { ...query, idNumbers: [] }, KEY)).rejects.toThrow(RangeError);
    await expect(client.query('zhejiang', { ...query, idNumbers: [PERSON, PERSON] }, KEY)).rejects.toThrow(RangeError);
    await expect(client.query('zhejiang', { ...query, idNumbers: Array.from({ length: 5001 }, (_, i) => String(i)) }, KEY)).rejects.toThrow(
      'a pension query needs 1 to 5000 distinct ID numbers, got 5001',
    );
  });
});
