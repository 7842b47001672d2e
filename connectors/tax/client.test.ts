// Unit tests of the tax-bureau client against nock: the department-client contract as this connector sees it,
// and what is its own: only the contract's fields of a result are pushed.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { CALL_SETTINGS, departmentClientContract, useNock } from '../../test/support/department-client-contract.ts';
import { createTaxClient, type TaxClient } from './client.ts';
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

const makeClient = (settings: typeof CALL_SETTINGS) => createTaxClient({ taxUrl: `${ORIGIN}/tax`, ...settings });

useNock();

describe('tax client', () => {
  departmentClientContract({
    department: 'tax',
    origin: ORIGIN,
    method: 'POST',
    path: PATH,
    departmentPath: '/certified-results',
    makeClient,
    call: (client: TaxClient, key) => client.pushCertifiedResult(result, key),
    idempotencyKey: KEY,
    requestBody: { ...result },
    validReply: answer,
    expected: answer,
    replyWithExtraFields: { ...answer, taxOffice: '国家税务总局杭州市西湖区税务局' },
    malformed: {
      reply: { receiptId: '', consistent: 'yes', levyCollected: -1 },
      issues: ['/consistent FORMAT', '/levyCollected FORMAT', '/receiptId REQUIRED'],
    },
    rejected: { status: 409, body: { error: 'idempotency_key_reused' }, meaning: 'the key was used for another result' },
  });

  it('sends only the contract fields of a result', async () => {
    const scope = nock(ORIGIN).post(PATH, { ...result }).reply(200, answer);
    await expect(makeClient(CALL_SETTINGS).pushCertifiedResult({ ...result, note: 'x' } as CertifiedResult, KEY)).resolves.toEqual(answer);
    expect(scope.isDone()).toBe(true);
  });
});
