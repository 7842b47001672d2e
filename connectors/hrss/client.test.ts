// Unit tests of the pension client against nock: the department-client contract for each of its two
// interfaces, and the person-month kit's cases, as this connector sees them.
import { describe } from 'vitest';
import { idCheckCharacter } from '../../domain/identifiers/id-number.ts';
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import {
  CALL_SETTINGS,
  departmentClientContract,
  personMonthQueryClientContract,
  useNock,
} from '../../test/support/department-client-contract.ts';
import { createPensionClient, type PensionClient } from './client.ts';
import type { PensionQuery, PensionRecord } from './schema.ts';

const ORIGIN = 'http://hrss.test';
const KEY = '7f0c8a52-0a4e-4b36-9d55-3d3f2f2d0a11:verify-pension';
const UNIT = '91330106MA2CD0001' + usccCheckCharacter('91330106MA2CD0001');
const OTHER_UNIT = '91330106MA2CD0002' + usccCheckCharacter('91330106MA2CD0002');
const PERSON = '33010619900101123' + idCheckCharacter('33010619900101123');
const OTHER = '41010219950216528' + idCheckCharacter('41010219950216528');
const query: PensionQuery = { uscc: UNIT, year: 2025, idNumbers: [PERSON] };
const records: PensionRecord[] = [
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', paid: true },
  { idNumber: PERSON, uscc: UNIT, month: '2025-02', paid: false },
];
const nationalQuery: PensionQuery = { ...query, idNumbers: [OTHER] };
const nationalRecords: PensionRecord[] = [{ idNumber: OTHER, uscc: UNIT, month: '2025-03', paid: true }];

const makeClient = (settings: typeof CALL_SETTINGS) =>
  createPensionClient({ pensionUrl: `${ORIGIN}/pension`, nationalPensionUrl: `${ORIGIN}/national-pension`, ...settings });

useNock();

describe('pension client', () => {
  describe('Zhejiang interface', () => {
    departmentClientContract({
      department: 'pension',
      origin: ORIGIN,
      method: 'POST',
      path: '/pension/contributions/query',
      departmentPath: '/contributions/query',
      makeClient,
      call: (client: PensionClient, key) => client.query('zhejiang', query, key),
      idempotencyKey: KEY,
      requestBody: { uscc: UNIT, year: 2025, idNumbers: [PERSON] },
      validReply: { records },
      expected: records,
      replyWithExtraFields: { records: records.map((r) => ({ ...r, insuredCity: '330100' })), page: 1 },
      malformed: {
        reply: { records: [{ idNumber: PERSON, uscc: UNIT, month: '2025-13', paid: 'yes' }] },
        issues: ['/records/0/month FORMAT', '/records/0/paid FORMAT'],
      },
      personalNumbers: [PERSON],
    });
  });

  describe('national interface, for persons insured outside Zhejiang', () => {
    departmentClientContract({
      department: 'national-pension',
      origin: ORIGIN,
      method: 'POST',
      path: '/national-pension/contributions/query',
      departmentPath: '/contributions/query',
      makeClient,
      call: (client: PensionClient, key) => client.query('national', nationalQuery, key),
      idempotencyKey: KEY,
      requestBody: nationalQuery,
      validReply: { records: nationalRecords },
      expected: nationalRecords,
      replyWithExtraFields: { records: nationalRecords.map((r) => ({ ...r, insuredCity: '410100' })) },
      malformed: { reply: { records: [{ ...nationalRecords[0], paid: 1 }] }, issues: ['/records/0/paid FORMAT'] },
      personalNumbers: [OTHER],
    });
  });

  personMonthQueryClientContract({
    origin: ORIGIN,
    path: '/pension/contributions/query',
    client: makeClient(CALL_SETTINGS),
    query: (client: PensionClient, q, key) => client.query('zhejiang', q, key),
    idempotencyKey: KEY,
    queryName: 'pension',
    unit: UNIT,
    otherUnit: OTHER_UNIT,
    person: PERSON,
    other: OTHER,
    year: 2025,
    record: (idNumber, uscc, month) => ({ idNumber, uscc, month, paid: true }),
    conflict: { records: [records[0]!, { ...records[0]!, paid: false }], path: '/records/1/paid' },
  });
});
