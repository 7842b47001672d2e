// Unit tests of the registration client against nock: the department-client contract as this connector sees
// it, and what is its own: a unit that does not exist, and an answer about another unit.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer } from '../../platform/department-http.ts';
import { CALL_SETTINGS, departmentClientContract, failureOf, useNock } from '../../test/support/department-client-contract.ts';
import { createRegistrationClient, type RegistrationClient } from './client.ts';
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

const makeClient = (settings: typeof CALL_SETTINGS) => createRegistrationClient({ registrationUrl: `${ORIGIN}/registration`, ...settings });
const client = makeClient(CALL_SETTINGS);

useNock();

describe('registration client', () => {
  departmentClientContract({
    department: 'registration',
    origin: ORIGIN,
    method: 'GET',
    path: PATH,
    departmentPath: `/samr/units/${UNIT}`,
    makeClient,
    call: (c: RegistrationClient, key) => c.lookup(UNIT, 'samr', key),
    idempotencyKey: KEY,
    validReply: record,
    expected: record,
    replyWithExtraFields: { ...record, adapterVersion: '2' },
    malformed: { reply: { ...record, status: 'gone', changedAt: undefined }, issues: ['/changedAt REQUIRED', '/status FORMAT'] },
  });

  it('answers null on 404', async () => {
    const scope = nock(ORIGIN).get(PATH).reply(404, { error: 'not_found' });
    await expect(client.lookup(UNIT, 'samr', KEY)).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it('treats an answer about another unit or registrar as a bad answer', async () => {
    nock(ORIGIN).get(PATH).reply(200, { ...record, uscc: uscc('91330106MA2CD0002'), registrar: 'civil' });
    const error = await failureOf(client.lookup(UNIT, 'samr', KEY));
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([
      { path: '/uscc', code: 'MISMATCH', params: { expected: UNIT } },
      { path: '/registrar', code: 'MISMATCH', params: { expected: 'samr' } },
    ]);
  });
});
