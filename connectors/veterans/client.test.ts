// Unit tests of the veterans-affairs certificate client against nock: the department-http behaviour as this
// connector sees it.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticPerson } from '../../domain/synthetic.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createVeteransClient } from './client.ts';
import { MAX_CERTS_PER_QUERY, type VeteranCertificate } from './schema.ts';

const ORIGIN = 'http://veterans.test';
const PATH = '/veterans/certificates/query';
const KEY = 'filing-1:verify-veteran-certificates';

const rand = seededRandom(62001);
function certificate(certNumber: string, kind: 'veteran' | 'police', grade: number): VeteranCertificate {
  const person = syntheticPerson(rand);
  return { certNumber, idNumber: person.idNumber, name: person.name, kind, grade, validFrom: '2017-07-11', validUntil: '2031-01-24' };
}
const veteran = certificate('浙军残字第000501号', 'veteran', 2);
const police = certificate('浙警残字第000031号', 'police', 6);
const unknown = '浙军残字第000999号';
const asked = [veteran.certNumber, police.certNumber, unknown];
const answer = { certificates: [veteran, police] };

const config = {
  veteransUrl: `${ORIGIN}/veterans`,
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};
const client = createVeteransClient(config);

const late = async (): Promise<[number, unknown]> => {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return [200, answer];
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('veterans client', () => {
  it('asks for the whole list in one call and returns the certificates found', async () => {
    const scope = nock(ORIGIN)
      .post(PATH, { certNumbers: asked })
      .matchHeader('accept', 'application/json')
      .matchHeader('content-type', 'application/json')
      .reply(200, answer);
    await expect(client.queryCertificates(asked, KEY)).resolves.toEqual([veteran, police]);
    expect(scope.isDone()).toBe(true);
  });

  it('asks for a repeated number once, and not at all for an empty list', async () => {
    const scope = nock(ORIGIN).post(PATH, { certNumbers: [veteran.certNumber] }).reply(200, { certificates: [veteran] });
    await expect(client.queryCertificates([veteran.certNumber, veteran.certNumber], KEY)).resolves.toEqual([veteran]);
    expect(scope.isDone()).toBe(true);
    await expect(client.queryCertificates([], KEY)).resolves.toEqual([]);
  });

  it('splits a list longer than one query may carry, each part with its own key', async () => {
    const many = Array.from({ length: MAX_CERTS_PER_QUERY + 1 }, (_, i) => `浙军残字第${String(i).padStart(6, '0')}号`);
    const scope = nock(ORIGIN)
      .post(PATH, (body: { certNumbers: string[] }) => body.certNumbers.length === MAX_CERTS_PER_QUERY)
      .matchHeader('idempotency-key', `${KEY}:part-1`)
      .reply(200, { certificates: [] })
      .post(PATH, { certNumbers: [many.at(-1)!] })
      .matchHeader('idempotency-key', `${KEY}:part-2`)
      .reply(200, { certificates: [] });
    await expect(client.queryCertificates(many, KEY)).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps only the contract fields of an answer', async () => {
    nock(ORIGIN).post(PATH).reply(200, { certificates: [{ ...veteran, issuer: '浙江省退役军人事务厅' }] });
    await expect(client.queryCertificates(asked, KEY)).resolves.toEqual([veteran]);
  });

  it('retries after a timeout and returns the next answer', async () => {
    // A reply that answers late holds back the headers, which is what a slow department does.
    const impatient = createVeteransClient({ ...config, departmentTimeoutMs: 200 });
    const scope = nock(ORIGIN).post(PATH).reply(late).post(PATH).reply(200, answer);
    await expect(impatient.queryCertificates(asked, KEY)).resolves.toEqual([veteran, police]);
    expect(scope.isDone()).toBe(true);
    nock(ORIGIN).post(PATH).reply(late);
    const once = createVeteransClient({ ...config, departmentTimeoutMs: 200, departmentRetries: 0 });
    await expect(once.queryCertificates(asked, KEY)).rejects.toThrow('failed after 1 attempt(s); last: timed out after 200 ms');
  });

  it('throws DepartmentUnavailable naming department, path and attempts, but no number, when 5xx outlasts the retries', async () => {
    const scope = nock(ORIGIN).post(PATH).times(3).reply(503, 'down');
    const error = await client.queryCertificates(asked, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(3);
    expect((error as Error).message).toBe('veterans unavailable: POST /certificates/query failed after 3 attempt(s); last: HTTP 503');
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    let calls = 0;
    nock(ORIGIN)
      .post(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, { certificates: [{ ...veteran, kind: 'army', grade: 11 }] }];
      });
    const error = await client.queryCertificates(asked, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues.map((i) => i.path).sort()).toEqual(['/certificates/0/grade', '/certificates/0/kind']);
    expect(calls).toBe(1);
  });

  it('treats a certificate that was not asked for, or one answered twice, as a bad answer without naming it', async () => {
    nock(ORIGIN).post(PATH).reply(200, { certificates: [veteran, certificate('浙军残字第000777号', 'veteran', 3), veteran] });
    const error = await client.queryCertificates(asked, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([
      { path: '/certificates/1/certNumber', code: 'NOT_ASKED' },
      { path: '/certificates/2/certNumber', code: 'DUPLICATE' },
    ]);
    expect((error as Error).message).not.toContain('浙军残字');
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
    const error = await client.queryCertificates(asked, KEY).catch((e: unknown) => e);
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
      .reply(200, answer);
    await expect(client.queryCertificates(asked, KEY)).resolves.toEqual([veteran, police]);
    expect(scope.isDone()).toBe(true);
  });
});
