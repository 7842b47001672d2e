// Unit tests of the medical-security client against nock: the department-client contract and the person-month
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
import { createMedicalClient, type MedicalClient } from './client.ts';
import type { MedicalQuery, MedicalRecord } from './schema.ts';

const ORIGIN = 'http://medical.test';
const PATH = '/medical/contributions/query';
const KEY = '7f0c8a52-0a4e-4b36-9d55-3d3f2f2d0a11:verify-medical';
const UNIT = '91330106MA2CD0001' + usccCheckCharacter('91330106MA2CD0001');
const OTHER_UNIT = '91330106MA2CD0002' + usccCheckCharacter('91330106MA2CD0002');
const PERSON = '33010619900101123' + idCheckCharacter('33010619900101123');
const OTHER = '33010819850505432' + idCheckCharacter('33010819850505432');
const query: MedicalQuery = { uscc: UNIT, year: 2025, idNumbers: [PERSON] };
const records: MedicalRecord[] = [
  { idNumber: PERSON, uscc: UNIT, month: '2025-01', paid: true },
  { idNumber: PERSON, uscc: UNIT, month: '2025-02', paid: false },
];

const makeClient = (settings: typeof CALL_SETTINGS) => createMedicalClient({ medicalUrl: `${ORIGIN}/medical`, ...settings });

useNock();

describe('medical client', () => {
  departmentClientContract({
    department: 'medical',
    origin: ORIGIN,
    method: 'POST',
    path: PATH,
    departmentPath: '/contributions/query',
    makeClient,
    call: (client: MedicalClient, key) => client.query(query, key),
    idempotencyKey: KEY,
    requestBody: { uscc: UNIT, year: 2025, idNumbers: [PERSON] },
    validReply: { records },
    expected: records,
    replyWithExtraFields: { records: records.map((r) => ({ ...r, scheme: 'employee' })), page: 1 },
    malformed: { reply: { rows: records }, issues: ['/records REQUIRED'] },
    unavailableStatus: 500,
    personalNumbers: [PERSON],
  });

  personMonthQueryClientContract({
    origin: ORIGIN,
    path: PATH,
    client: makeClient(CALL_SETTINGS),
    query: (client: MedicalClient, q, key) => client.query(q, key),
    idempotencyKey: KEY,
    queryName: 'medical',
    unit: UNIT,
    otherUnit: OTHER_UNIT,
    person: PERSON,
    other: OTHER,
    year: 2025,
    record: (idNumber, uscc, month) => ({ idNumber, uscc, month, paid: true }),
    conflict: { records: [records[1]!, { ...records[1]!, paid: true }], path: '/records/1/paid' },
  });
});
