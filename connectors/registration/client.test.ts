// Unit tests of the registration client against nock: the department-http behaviour as this connector sees it.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../../platform/department-http.ts';
import { createRegistrationClient } from './client.ts';
import type { RegistrationRecord } from './schema.ts';

const ORIGIN = 'http://registration.test';
const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const UNIT = uscc('91330106MA2CD0001');
const PATH = `/registration/samr/units/${UNIT}`;
const KEY = 'filing-1:check-registration';
const record: RegistrationRecord = {
  uscc: UNIT,
  name: '杭州示例科技有限公司',
  registrar: 'samr',
  status: 'active',
  changedAt: '2021-05-06',
};

const config = {
  registrationUrl: `${ORIGIN}/registration`,
  // Generous, so a busy machine never times out a call that is meant to succeed.
  departmentTimeoutMs: 2000,
  departmentRetries: 2,
  baseDelayMs: 1,
  maxDelayMs: 2,
};
const client = createRegistrationClient(config);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('registration client', () => {
  it('returns the registered unit', async () => {
    const scope = nock(ORIGIN).get(PATH).matchHeader('accept', 'application/json').reply(200, record);
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toEqual(record);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps only the contract fields of an answer', async () => {
    nock(ORIGIN).get(PATH).reply(200, { ...record, adapterVersion: '2' });
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toEqual(record);
  });

  it('answers null on 404', async () => {
    const scope = nock(ORIGIN).get(PATH).reply(404, { error: 'not_found' });
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it('retries after a timeout and returns the next answer', async () => {
    // A reply that answers late holds back the headers, which is what a slow department does.
    const impatient = createRegistrationClient({ ...config, departmentTimeoutMs: 200 });
    const scope = nock(ORIGIN)
      .get(PATH)
      .reply(async () => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return [200, record];
      })
      .get(PATH)
      .reply(200, record);
    await expect(impatient.lookup(UNIT, 'samr', KEY)).resolves.toEqual(record);
    expect(scope.isDone()).toBe(true);
    nock(ORIGIN).get(PATH).reply(async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return [200, record];
    });
    const once = createRegistrationClient({ ...config, departmentTimeoutMs: 200, departmentRetries: 0 });
    await expect(once.lookup(UNIT, 'samr', KEY)).rejects.toThrow('failed after 1 attempt(s); last: timed out after 200 ms');
  });

  it('retries after a network error', async () => {
    const scope = nock(ORIGIN).get(PATH).replyWithError('socket hang up').get(PATH).reply(200, record);
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toEqual(record);
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentUnavailable naming department, path, attempts and cause when 5xx outlasts the retries', async () => {
    const scope = nock(ORIGIN).get(PATH).times(3).reply(503, 'down');
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    const unavailable = error as DepartmentUnavailable;
    expect(unavailable.attempts).toBe(3);
    expect(unavailable.message).toContain('registration');
    expect(unavailable.message).toContain(PATH.replace('/registration', ''));
    expect(unavailable.message).toContain('3 attempt');
    expect(unavailable.message).toContain('HTTP 503');
    expect(scope.isDone()).toBe(true);
  });

  it('names a network error as the last cause', async () => {
    nock(ORIGIN).get(PATH).times(3).replyWithError('socket hang up');
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).lastCause).toBe('network error: socket hang up');
  });

  it('retries 429 like 5xx', async () => {
    const scope = nock(ORIGIN).get(PATH).reply(429).get(PATH).reply(200, record);
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toEqual(record);
    expect(scope.isDone()).toBe(true);
  });

  it('throws DepartmentBadAnswer for a malformed 2xx body and does not retry', async () => {
    let calls = 0;
    nock(ORIGIN)
      .get(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, { ...record, status: 'gone', changedAt: undefined }];
      });
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues.map((i) => i.path).sort()).toEqual(['/changedAt', '/status']);
    expect(calls).toBe(1);
  });

  it('throws DepartmentBadAnswer for a body that is not JSON', async () => {
    let calls = 0;
    nock(ORIGIN)
      .get(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [200, '<html>maintenance</html>'];
      });
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([{ path: '/', code: 'NOT_JSON' }]);
    expect(calls).toBe(1);
  });

  it('treats an answer about another unit as a bad answer', async () => {
    nock(ORIGIN).get(PATH).reply(200, { ...record, uscc: uscc('91330106MA2CD0002') });
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues[0]).toMatchObject({ path: '/uscc', code: 'MISMATCH' });
  });

  it('masks personal numbers a department echoes in a refusal, so they never reach an incident', async () => {
    nock(ORIGIN).get(PATH).reply(422, { error: 'unknown legal representative 11010519491231002X' });
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect((error as Error).message).toContain('1101**********002X');
    expect((error as Error).message).not.toContain('11010519491231002X');
  });

  it('throws DepartmentRejected on another 4xx without retrying', async () => {
    let calls = 0;
    nock(ORIGIN)
      .get(PATH)
      .times(3)
      .reply(() => {
        calls++;
        return [400, { error: 'bad_request' }];
      });
    const error = await client.lookup(UNIT, 'samr', KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect((error as DepartmentRejected).status).toBe(400);
    expect(calls).toBe(1);
  });

  it('sends the same Idempotency-Key on every attempt', async () => {
    // Each interceptor only matches a request carrying the key, so a missing or changed key fails the call.
    const scope = nock(ORIGIN)
      .get(PATH)
      .matchHeader('idempotency-key', KEY)
      .times(2)
      .reply(502, 'bad gateway')
      .get(PATH)
      .matchHeader('idempotency-key', KEY)
      .reply(200, record);
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toEqual(record);
    expect(scope.isDone()).toBe(true);
  });
});
