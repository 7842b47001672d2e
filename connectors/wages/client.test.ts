// Unit tests of the wage-payment client against nock: the department-client contract and the person-month
// kit's cases, as this connector sees them.
import { describe } from 'vitest';
import { idCheckCharacter } from '../../domain/identifiers/id-number.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import {
  CALL_SETTINGS,
  departmentClientContract,
  personMonthQueryClientContract,
  useNock,
} from '../../test/support/department-client-contract.ts';
import { createWagesClient, type WagesClient } from './client.ts';
import type { WageQuery, WageRecord } from './schema.ts';

const ORIGIN = 'http://wages.test';
const PATH = '/wages/payments/query';
const KEY = '7f0c8a52-0a4e-4b36-9d55-3d3f2f2d0a11:verify-wages';
const UNIT = '91330106MA2CD0001' + usccCheckCharacter('91330106MA2CD0001');
const OTHER_UNIT = '91330106MA2CD0002' + usccCheckCharacter('91330106MA2CD0002');
const PERSON = '33010619900101123' + idCheckCharacter('33010619900101123');
const OTHER = '33010819850505432' + idCheckCharacter('33010819850505432');
const query: WageQuery = { uscc: UNIT, year: 2025, idNumbers: [PERSON] };
// Two payments in one month: wages have no one-fact-per-month rule, so this is no conflict.
const records: WageRecord[] = [
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', amount: 4800 },
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', amount: 1200.5 },
];

const makeClient = (settings: typeof CALL_SETTINGS) => createWagesClient({ wagesUrl: `${ORIGIN}/wages`, ...settings });

useNock();

describe('wages client', () => {
  departmentClientContract({
    department: 'wages',
    origin: ORIGIN,
    method: 'POST',
    path: PATH,
    departmentPath: '/payments/query',
    makeClient,
    call: (client: WagesClient, key) => client.query(query, key),
    idempotencyKey: KEY,
    requestBody: { uscc: UNIT, year: 2025, idNumbers: [PERSON] },
    validReply: { records },
    expected: records,
    replyWithExtraFields: { records: records.map((r) => ({ ...r, taxWithheld: 12 })) },
    malformed: {
      reply: { records: [{ idNumber: PERSON, uscc: UNIT, month: '2025-01', amount: '4800' }, { ...records[0], amount: -1 }] },
      issues: ['/records/0/amount FORMAT', '/records/1/amount FORMAT'],
    },
    unavailableStatus: 502,
    personalNumbers: [PERSON],
  });

  personMonthQueryClientContract({
    origin: ORIGIN,
    path: PATH,
    client: makeClient(CALL_SETTINGS),
    query: (client: WagesClient, q, key) => client.query(q, key),
    idempotencyKey: KEY,
    queryName: 'wages',
    unit: UNIT,
    otherUnit: OTHER_UNIT,
    person: PERSON,
    other: OTHER,
    year: 2025,
    record: (idNumber, uscc, month) => ({ idNumber, uscc, month, amount: 5000 }),
  });
});
