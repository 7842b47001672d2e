// Unit tests of the tax-bureau client against nock: the department-http behaviour as this connector sees it.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createTaxClient } from './client.ts';
import type { CertifiedResult, TaxAnswer } from './schema.ts';

const ORIGIN = 'http://tax.test';
const PATH = '/tax/certified-results';
const KEY = 'filing-1:push-to-tax';

const result: CertifiedResult = {
  uscc: syntheticUscc(seededRandom(63001), { prefix: '91', regionCode: '330106' }),
  year: 2025,
  certifiedCount: 2.5,
  requiredCount: 4.5,
  filingId: 'filing-1',
};
const answer: TaxAnswer = { receiptId: 'TAX-2025-0001', consistent: true, levyCollected: 120000 };

const config = {
  taxUrl: `${ORIGIN}/tax`,
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};
const client = createTaxClient(config);

const late = async (): Promise<[number, unknown]> => {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return [200, answer];
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('tax client', () => {
  it('pushes the result as JSON and returns the receipt', async () => {
    const scope = nock(ORIGIN)
      .post(PATH, { ...result })
      .matchHeader('accept', 'application/json')
      .matchHeader('content-type', 'application/json')
      .reply(200, answer);
    await expect(client.pushCertifiedResult(result, KEY)).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
  });

  it('sends only the contract fields and keeps only the contract fields of the answer', async () => {
    const scope = nock(ORIGIN)
      .post(PATH, { ...result })
      .reply(200, { ...answer, taxOffice: '国家税务总局杭州市西湖区税务局' });
    await expect(client.pushCertifiedResult({ ...result, note: 'x' } as CertifiedResult, KEY)).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
  });

  it('retries after a timeout and returns the next answer', async () => {
    // A reply that answers late holds back the headers, which is what a slow department does.
    const impatient = createTaxClient({ ...config, departmentTimeoutMs: 200 });
    const scope = nock(ORIGIN).post(PATH).reply(late).post(PATH).reply(200, answer);
    await expect(impatient.pushCertifiedResult(result, KEY)).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
    nock(ORIGIN).post(PATH).reply(late);
    const once = createTaxClient({ ...config, departmentTimeoutMs: 200, departmentRetries: 0 });
    await expect(once.pushCertifiedResult(result, KEY)).rejects.toThrow('failed after 1 attempt(s); last: timed out after 200 ms');
  });

  it('throws DepartmentUnavailable naming department, path and attempts when 5xx outlasts the retries', async () => {
    const scope = nock(ORIGIN).post(PATH).times(3).reply(503, 'down');
    const error = await client.pushCertifiedResult(result, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(3);
    expect((error as Error).message).toBe('tax unavailable: POST /certified-results failed after 3 attempt(s); last: HTTP 503');
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, { receiptId: '', consistent: 'yes', levyCollected: -1 }];
      });
    const error = await client.pushCertifiedResult(result, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues.map((i) => i.path).sort()).toEqual(['/consistent', '/levyCollected', '/receiptId']);
    expect(calls).toBe(1);
  });

  it('throws DepartmentRejected when the key was used for another result (409), without retrying', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [409, { error: 'idempotency_key_reused' }];
      });
    const error = await client.pushCertifiedResult(result, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect((error as DepartmentRejected).status).toBe(409);
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
      .reply(200, answer);
    await expect(client.pushCertifiedResult(result, KEY)).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
  });
});
