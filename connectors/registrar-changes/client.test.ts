// Unit tests of the registrar-changes client against nock: the department-client contract as this connector sees it,
// and what is its own: one malformed record spoils the whole batch, an answer from another registrar's feed or
// with more records than asked for is a wrong answer.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import { DepartmentBadAnswer } from '../../platform/department-http.ts';
import { CALL_SETTINGS, departmentClientContract, failureOf, useNock } from '../../test/support/department-client-contract.ts';
import { createRegistrarChangesClient, type RegistrarChangesClient } from './client.ts';
import type { RegistrarChange, RegistrarChangesAnswer } from './schema.ts';

const ORIGIN = 'http://registrar-changes.test';
const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const UNIT = uscc('91330106MA2CD0001');
const PATH = '/registrar-changes/samr/changes?after=4&limit=3';
const KEY = 'pull-registrar-changes:samr:4';
const registered: RegistrarChange = {
  sequence: 5,
  uscc: UNIT,
  changeType: 'registered',
  effectiveOn: '2026-03-02',
  name: '杭州示例科技有限公司',
  regionCode: '330106',
  industryCode: 'I6510',
  unitNature: 'enterprise',
};
const deregistered: RegistrarChange = { sequence: 6, uscc: UNIT, changeType: 'deregistered', effectiveOn: '2026-05-20' };
const answer: RegistrarChangesAnswer = { registrar: 'samr', records: [registered, deregistered] };

const makeClient = (settings: typeof CALL_SETTINGS) => createRegistrarChangesClient({ registrarChangesUrl: `${ORIGIN}/registrar-changes`, ...settings });
const client = makeClient(CALL_SETTINGS);

useNock();

describe('registrar-changes client', () => {
  departmentClientContract({
    department: 'registrar-changes',
    origin: ORIGIN,
    method: 'GET',
    path: PATH,
    departmentPath: '/samr/changes?after=4&limit=3',
    makeClient,
    call: (c: RegistrarChangesClient, key) => c.changesAfter('samr', 4, 3, key),
    idempotencyKey: KEY,
    validReply: answer,
    expected: answer.records,
    replyWithExtraFields: { ...answer, feedVersion: '2', records: [{ ...registered, registeredCapital: '100' }, deregistered] },
    malformed: { reply: { registrar: 'samr', records: [registered, { ...deregistered, changeType: 'merged', effectiveOn: undefined }] }, issues: ['/records/1/effectiveOn REQUIRED', '/records/1/changeType FORMAT'] },
  });

  it('refuses a registration without the details the register needs, and the batch with it', async () => {
    nock(ORIGIN).get(PATH).reply(200, { registrar: 'samr', records: [{ ...registered, name: undefined }, deregistered] });
    const error = await failureOf(client.changesAfter('samr', 4, 3, KEY));
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues.map((i) => `${i.path} ${i.code}`)).toContain('/records/0/name REQUIRED');
  });

  it("treats another registrar's feed, or more records than asked for, as a bad answer", async () => {
    nock(ORIGIN).get(PATH).reply(200, { registrar: 'civil', records: [registered, deregistered, { ...deregistered, sequence: 7 }, { ...deregistered, sequence: 8 }] });
    const error = await failureOf(client.changesAfter('samr', 4, 3, KEY));
    expect((error as DepartmentBadAnswer).issues).toEqual([
      { path: '/registrar', code: 'MISMATCH', params: { expected: 'samr' } },
      { path: '/records', code: 'TOO_MANY', params: { limit: 3 } },
    ]);
  });
});
