// Unit tests of the veterans-affairs certificate client against nock: the department-client contract and the
// certificate-query kit's cases, as this connector sees them.
import { describe } from 'vitest';
import { seededRandom, syntheticPerson } from '../../domain/synthetic.ts';
import {
  CALL_SETTINGS,
  certificateQueryClientContract,
  departmentClientContract,
  useNock,
} from '../../test/support/department-client-contract.ts';
import { createVeteransClient, type VeteransClient } from './client.ts';
import type { VeteranCertificate } from './schema.ts';

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

const makeClient = (settings: typeof CALL_SETTINGS) => createVeteransClient({ veteransUrl: `${ORIGIN}/veterans`, ...settings });
const queryCertificates = (client: VeteransClient, certNumbers: readonly string[], key: string) => client.queryCertificates(certNumbers, key);

useNock();

describe('veterans client', () => {
  departmentClientContract({
    department: 'veterans',
    origin: ORIGIN,
    method: 'POST',
    path: PATH,
    departmentPath: '/certificates/query',
    makeClient,
    call: (client, key) => client.queryCertificates(asked, key),
    idempotencyKey: KEY,
    requestBody: { certNumbers: asked },
    validReply: { certificates: [veteran, police] },
    expected: [veteran, police],
    replyWithExtraFields: { certificates: [{ ...veteran, issuer: '浙江省退役军人事务厅' }, police] },
    malformed: {
      reply: { certificates: [{ ...veteran, kind: 'army', grade: 11 }] },
      issues: ['/certificates/0/grade FORMAT', '/certificates/0/kind FORMAT'],
    },
    personalNumbers: [veteran.idNumber, veteran.certNumber],
  });

  certificateQueryClientContract({
    department: 'veterans',
    origin: ORIGIN,
    path: PATH,
    client: makeClient(CALL_SETTINGS),
    queryCertificates,
    idempotencyKey: KEY,
    held: veteran,
    stranger: certificate('浙军残字第000777号', 'veteran', 3),
    manyNumbers: (count) => Array.from({ length: count }, (_, i) => `浙军残字第${String(i).padStart(6, '0')}号`),
  });
});
