// Unit tests of the DPF certificate client against nock: the department-client contract and the
// certificate-query kit's cases, as this connector sees them.
import { describe } from 'vitest';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { seededRandom, syntheticPerson } from '../../domain/synthetic.ts';
import {
  CALL_SETTINGS,
  certificateQueryClientContract,
  departmentClientContract,
  useNock,
} from '../../test/support/department-client-contract.ts';
import { createDpfClient, type DpfClient } from './client.ts';
import type { DpfCertificate } from './schema.ts';

const ORIGIN = 'http://dpf.test';
const PATH = '/dpf/certificates/query';
const KEY = 'filing-1:verify-disability-certificates';

const rand = seededRandom(61001);
function certificate(category: number, grade: number): DpfCertificate {
  const person = syntheticPerson(rand);
  return {
    certNumber: disabilityCertNumber(person.idNumber, category, grade),
    idNumber: person.idNumber,
    name: person.name,
    category,
    grade,
    validFrom: '2019-07-13',
    validUntil: '2029-07-12',
    status: 'valid',
  };
}
const held = certificate(4, 2);
const other = certificate(1, 3);
const unknown = certificate(2, 4).certNumber;
const asked = [held.certNumber, other.certNumber, unknown];

const makeClient = (settings: typeof CALL_SETTINGS) => createDpfClient({ dpfUrl: `${ORIGIN}/dpf`, ...settings });
const queryCertificates = (client: DpfClient, certNumbers: readonly string[], key: string) => client.queryCertificates(certNumbers, key);

useNock();

describe('dpf client', () => {
  departmentClientContract({
    department: 'dpf',
    origin: ORIGIN,
    method: 'POST',
    path: PATH,
    departmentPath: '/certificates/query',
    makeClient,
    call: (client, key) => client.queryCertificates(asked, key),
    idempotencyKey: KEY,
    requestBody: { certNumbers: asked },
    validReply: { certificates: [held, other] },
    expected: [held, other],
    replyWithExtraFields: { certificates: [{ ...held, issuer: '330106' }, other], adapterVersion: '2' },
    malformed: {
      reply: { certificates: [{ ...held, status: 'expired', validUntil: '2029/07/12' }] },
      issues: ['/certificates/0/status FORMAT', '/certificates/0/validUntil FORMAT'],
    },
    personalNumbers: [held.idNumber, held.certNumber],
  });

  certificateQueryClientContract({
    department: 'dpf',
    origin: ORIGIN,
    path: PATH,
    client: makeClient(CALL_SETTINGS),
    queryCertificates,
    idempotencyKey: KEY,
    held,
    stranger: certificate(3, 1),
    manyNumbers: (count) => Array.from({ length: count }, (_, i) => `${held.certNumber.slice(0, 14)}${String(i).padStart(4, '0')}42`),
  });
});
