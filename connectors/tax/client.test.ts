// Unit tests of the tax-bureau client against nock: the department-client contract as this connector sees it,
// and what is its own: only the contract's fields of a push are sent, the callback included.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { DepartmentRejected } from '../../platform/department-http.ts';
import { CALL_SETTINGS, departmentClientContract, failureOf, useNock } from '../../test/support/department-client-contract.ts';
import { createTaxClient, type TaxClient } from './client.ts';
import type { TaxPush, TaxReceipt } from './schema.ts';

const ORIGIN = 'http://tax.test';
const PATH = '/tax/certified-results';
const KEY = 'filing-1:push-to-tax:1';

const push: TaxPush = {
  uscc: syntheticUscc(seededRandom(63001), { prefix: '91', regionCode: '330106' }),
  year: 2025,
  certifiedCount: 2.5,
  requiredCount: 4.5,
  filingId: 'filing-1',
  callback: { url: 'http://dpf.test/api/departments/tax/answers', token: 'callback-token-0123456789' },
};
const receipt: TaxReceipt = { receiptId: 'TAX-2025-0001', receivedAt: '2026-05-06T08:00:00.000Z' };

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
    call: (client: TaxClient, key) => client.pushCertifiedResult(push, key),
    idempotencyKey: KEY,
    requestBody: { ...push },
    validReply: receipt,
    expected: receipt,
    // The answer comes later, to the callback: a receipt carrying it anyway is taken for its receipt alone.
    replyWithExtraFields: { ...receipt, consistent: true, levyCollected: 120000, taxOffice: '国家税务总局杭州市西湖区税务局' },
    malformed: {
      reply: { receiptId: '', receivedAt: 'yesterday' },
      issues: ['/receiptId REQUIRED', '/receivedAt FORMAT'],
    },
    rejected: { status: 409, body: { error: 'idempotency_key_reused' }, meaning: 'the key was used for another result' },
  });

  it('sends only the contract fields of a push and of its callback', async () => {
    const scope = nock(ORIGIN).post(PATH, { ...push, callback: { ...push.callback } } as nock.DataMatcherMap).reply(200, receipt);
    const sloppy = { ...push, note: 'x', callback: { ...push.callback, secret: 'y' } } as TaxPush;
    await expect(makeClient(CALL_SETTINGS).pushCertifiedResult(sloppy, KEY)).resolves.toEqual(receipt);
    expect(scope.isDone()).toBe(true);
  });

  it('never names the callback token in an error', async () => {
    nock(ORIGIN).post(PATH).reply(400, { error: 'bad_request', echoed: push.callback.token });
    const error = await failureOf(makeClient(CALL_SETTINGS).pushCertifiedResult(push, KEY));
    expect(error).toBeInstanceOf(DepartmentRejected);
    expect((error as Error).message).toBe('tax rejected POST /certified-results: HTTP 400 {"error":"bad_request","echoed":"***"}');
    expect((error as DepartmentRejected).detail).not.toContain(push.callback.token);
  });
});
