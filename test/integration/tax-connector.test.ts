// The tax-bureau connector end to end: the real simulator over HTTP on a free port with a synthetic data file,
// real filings in PostgreSQL, the real client and the push-to-tax handler. The bureau's later answer goes to a
// stand-in for our callback endpoint (test/support/callback-receiver.ts); tax-answer.test.ts takes it with the API.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaxClient } from '../../connectors/tax/client.ts';
import type { TaxPush, TaxResultRecord } from '../../connectors/tax/schema.ts';
import { createTaxSimulator, type TaxSimulatorOptions } from '../../connectors/tax/simulator.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { CALLBACK_PATHS } from '../../tax-handover/department-callbacks.ts';
import { createPushToTaxHandler } from '../../workers/push-to-tax.ts';
import { startCallbackReceiver, type CallbackReceiver } from '../support/callback-receiver.ts';
import { storeCertifiedResult } from '../support/certified-result.ts';
import {
  departmentJobContract,
  departmentMessage,
  expectStartRefused,
  JOB_CALL_SETTINGS,
  sendJson,
  startDepartments,
  storeFiling as store,
  useDepartmentEnvironment,
  withSeedData,
} from '../support/department-job-contract.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { eventually } from '../support/system.ts';

const inconsistentUnit = syntheticFiling(73001, { year: 2025 });
const unknownUnit = syntheticFiling(73002, { year: 2025 });
const outageUnit = syntheticFiling(73003, { year: 2025 });

const records: TaxResultRecord[] = [
  { uscc: inconsistentUnit.employer.uscc, year: 2025, consistent: false, levyCollected: 60000 },
  // Another year of the same unit: the push must pick the filing's year.
  { uscc: inconsistentUnit.employer.uscc, year: 2024, consistent: true, levyCollected: 999 },
  { uscc: outageUnit.employer.uscc, year: 2025, consistent: true, levyCollected: 120000 },
];

// Quick answers and retries, so a receiver that is down for two attempts costs milliseconds.
const FAST: TaxSimulatorOptions = { answerDelayMs: 20, answerRetries: 3, answerBaseDelayMs: 10, answerMaxDelayMs: 50 };
const TOKEN = 'tax-connector-callback-token';

const env = useDepartmentEnvironment({ prefix: 'tax', departments: [createTaxSimulator(FAST)], files: { 'tax-results.json': records } });
const dataDir = (content?: unknown) => env.tempDataDir(content === undefined ? {} : { 'tax-results.json': content });

let receiver: CallbackReceiver;
let handler: ReturnType<typeof createPushToTaxHandler>;
const pushes: string[] = [];

const storeFiling = (filing: Filing) => store(env.db, filing, 'test:tax-connector');
/** The review's counts the push reads (the stored review is the one source of the certified count). */
const certify = (filingId: string, certifiedCount: number, requiredCount = 4.5) => storeCertifiedResult(env.db, filingId, { certifiedCount, requiredCount });
const JOB_KEY = '2251799813685501';
const job = (variables: unknown) => ({ key: JOB_KEY, variables, retries: 3 });
const post = (body: unknown, headers: Record<string, string> = { 'Idempotency-Key': randomUUID() }) =>
  sendJson(`${env.sim.url}/tax/certified-results`, body, { headers });
const callback = () => ({ url: `${receiver.url}/answers`, token: TOKEN });

/** The answers the receiver got for a receipt, once it has `count` of them. */
const answersFor = (receiptId: string, count = 1) =>
  eventually(`${count} answer(s) to ${receiptId}`, async () => {
    const got = receiver.received.filter((r) => r.body?.receiptId === receiptId);
    return got.length >= count ? got : undefined;
  });

const handovers = async (filingId: string) =>
  (
    await env.db.query<{ round: number; receipt_id: string | null; certified_count: string; pushed_at: Date | null; source_task_id: string }>(
      'select round, receipt_id, certified_count, pushed_at, source_task_id from tax_handovers where filing_id = $1 order by round',
      [filingId],
    )
  ).rows;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  const client = createTaxClient({ taxUrl: `${env.sim.url}/tax`, ...JOB_CALL_SETTINGS });
  handler = createPushToTaxHandler({
    db: env.db,
    // Counts the pushes that reach the network, so "pushed once" is seen, not assumed.
    client: { pushCertifiedResult: (push: TaxPush, key: string) => (pushes.push(key), client.pushCertifiedResult(push, key)) },
    callbacks: { urlOf: (p) => `${receiver.url}${p}`, token: TOKEN },
  });
});

afterAll(async () => {
  await receiver?.close();
});

describe('tax connector over HTTP', () => {
  it("pushes the filing's unit and year, keeps the receipt, and the bureau answers once at the callback with the token", async () => {
    const filingId = await storeFiling(inconsistentUnit);
    await certify(filingId, 2.5);
    const first = await handler(job({ filingId, year: 2024 }));
    expect(first).toEqual({ kind: 'complete', variables: { taxReceiptId: expect.stringMatching(/^TAX-2025-/) } });
    const receiptId = (first as { variables: { taxReceiptId: string } }).variables.taxReceiptId;
    expect(await handovers(filingId)).toEqual([
      { round: 1, receipt_id: receiptId, certified_count: '2.50', pushed_at: expect.any(Date), source_task_id: JOB_KEY },
    ]);

    const [answer] = await answersFor(receiptId);
    expect(answer).toEqual({
      path: CALLBACK_PATHS.taxAnswers,
      authorization: `Bearer ${TOKEN}`,
      status: 200,
      body: {
        receiptId,
        filingId,
        uscc: inconsistentUnit.employer.uscc,
        year: 2025,
        consistent: false,
        levyCollected: 60000,
        answeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });

    // The same task handed out again: the same receipt, no second push, no second row.
    const pushesBefore = pushes.length;
    expect(await handler(job({ filingId }))).toEqual(first);
    expect(pushes.length).toBe(pushesBefore);
    expect(await handovers(filingId)).toHaveLength(1);
  });

  it('a repeated push with the same key gets the same receipt and no second answer', async () => {
    const body = { uscc: unknownUnit.employer.uscc, year: 2025, certifiedCount: 1, requiredCount: 4.5, filingId: randomUUID(), callback: callback() };
    const key = { 'Idempotency-Key': `repeat:${randomUUID()}` };
    const receipt = await (await post(body, key)).json();
    expect(receipt).toEqual({ receiptId: expect.stringMatching(/^TAX-2025-/), receivedAt: expect.stringMatching(/^\d{4}-/) });
    await answersFor(receipt.receiptId);
    expect(await (await post(body, key)).json()).toEqual(receipt);
    // A push made after the repeat is answered after anything the repeat could have caused, with the same delay.
    const later = await (await post({ ...body, filingId: randomUUID() })).json();
    await answersFor(later.receiptId);
    expect(receiver.received.filter((r) => r.body?.receiptId === receipt.receiptId)).toHaveLength(1);
  });

  it('answers consistent with no levy for a unit the bureau has no result for', async () => {
    const filingId = await storeFiling(unknownUnit);
    await certify(filingId, 0.3);
    const outcome = await handler(job({ filingId }));
    expect(outcome.kind).toBe('complete');
    const [answer] = await answersFor((outcome as { variables: { taxReceiptId: string } }).variables.taxReceiptId);
    expect(answer?.body).toMatchObject({ filingId, consistent: true, levyCollected: 0 });
  });

  it('retries an answer the receiver cannot take yet (503), and stops at a refusal until the push is repeated', async () => {
    const body = { uscc: unknownUnit.employer.uscc, year: 2025, certifiedCount: 2, requiredCount: 4.5, filingId: randomUUID(), callback: callback() };
    receiver.answerNext(503, 503);
    const { receiptId } = await (await post(body)).json();
    const attempts = await answersFor(receiptId, 3);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((a) => a.body.answeredAt)).size).toBe(1);

    // 401: sending again would not help — until the caller pushes again, e.g. with the token it holds now.
    const key = { 'Idempotency-Key': `refused:${randomUUID()}` };
    const refusedPush = { ...body, filingId: randomUUID() };
    receiver.answerNext(401);
    const refused = await (await post(refusedPush, key)).json();
    expect((await answersFor(refused.receiptId)).map((a) => a.status)).toEqual([401]);
    const renewed = { ...refusedPush, callback: { url: `${receiver.url}/answers`, token: `${TOKEN}-renewed` } };
    // Repeated until the simulator has taken in the refusal; a repeat while an answer is under way sends nothing.
    const resent = await eventually('the answer sent again', async () => {
      expect(await (await post(renewed, key)).json()).toEqual(refused);
      const got = receiver.received.filter((r) => r.body?.receiptId === refused.receiptId);
      return got.length >= 2 && got.at(-1)!.status === 200 ? got : undefined;
    });
    expect(resent.map((a) => [a.status, a.authorization])).toEqual([
      [401, `Bearer ${TOKEN}`],
      [200, `Bearer ${TOKEN}-renewed`],
    ]);
  });

  it('a re-push after a reconciliation (taxPushRound 2) is a new push with its own receipt and row', async () => {
    const filingId = await storeFiling(syntheticFiling(73006, { year: 2025 }));
    await certify(filingId, 1);
    const first = await handler(job({ filingId }));
    // The reconciliation's re-review stored another count.
    await certify(filingId, 1.5);
    const second = await handler(job({ filingId, taxPushRound: 2 }));
    expect(second.kind).toBe('complete');
    expect(second).not.toEqual(first);
    expect((await handovers(filingId)).map((h) => [h.round, h.certified_count])).toEqual([
      [1, '1.00'],
      [2, '1.50'],
    ]);
    expect(pushes.slice(-2)).toEqual([`${filingId}:push-to-tax:1`, `${filingId}:push-to-tax:2`]);
  });

  it('fails the job when the same round is pushed again with another count (409), instead of keeping a stale receipt', async () => {
    const filingId = await storeFiling(syntheticFiling(73004, { year: 2025 }));
    await certify(filingId, 1);
    expect((await handler(job({ filingId }))).kind).toBe('complete');
    await certify(filingId, 1.5);
    const changed = await handler(job({ filingId }));
    expect(changed).toEqual({
      kind: 'fail',
      message: expect.stringMatching(/^税务部门认证结果接收接口拒绝了本系统的请求.* \/ push-to-tax: tax rejected POST \/certified-results: HTTP 409 /),
    });
    expect((await handovers(filingId)).map((h) => h.certified_count)).toEqual(['1.00']);
  });

  it('reads the counts from the stored review, and without one fails for good, pushing nothing', async () => {
    const filingId = await storeFiling(syntheticFiling(73008, { year: 2025 }));
    const before = pushes.length;
    expect(await handler(job({ filingId, certifiedCount: 2, requiredCount: 4.5 }))).toEqual({
      kind: 'fail',
      retries: 0,
      message: expect.stringMatching(/^该申报尚无审核结果.* \/ push-to-tax: no stored review for filing /),
    });
    expect(pushes.length).toBe(before);
    expect(await handovers(filingId)).toEqual([]);
  });

  it('fails the job, pushing nothing, while no callback address is known', async () => {
    const filingId = await storeFiling(syntheticFiling(73007, { year: 2025 }));
    await certify(filingId, 1);
    const before = pushes.length;
    const blind = createPushToTaxHandler({ db: env.db, client: { pushCertifiedResult: () => Promise.reject(new Error('must not push')) }, callbacks: { urlOf: () => undefined, token: TOKEN } });
    expect(await blind(job({ filingId }))).toEqual({
      kind: 'fail',
      message: departmentMessage('no callback address yet (CALLBACK_BASE_URL unset and the API not listening in this process)'),
    });
    expect(pushes.length).toBe(before);
    expect(await handovers(filingId)).toEqual([]);
  });

  departmentJobContract({
    department: 'tax',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => {
        const filingId = await storeFiling(outageUnit);
        await certify(filingId, 6, 9);
        return { filingId };
      },
      failMessage: 'tax unavailable: POST /certified-results failed after 2 attempt(s); last: HTTP 503',
      recovered: async (retried, runAgain) => {
        expect(retried).toEqual({ kind: 'complete', variables: { taxReceiptId: expect.stringMatching(/^TAX-2025-/) } });
        const [answer] = await answersFor((retried as { variables: { taxReceiptId: string } }).variables.taxReceiptId);
        expect(answer?.body).toMatchObject({ consistent: true, levyCollected: 120000 });
        expect(await runAgain()).toEqual(retried);
      },
    },
    filingErrors: {
      notFound: (filingId) => ({ filingId }),
      invalid: async () => {
        const filingId = await storeFiling(syntheticFiling(73005, { year: 2025 }));
        return [
          { variables: { filingId, taxPushRound: 0 }, message: 'push-to-tax: invalid job variables: /taxPushRound FORMAT' },
          { variables: { filingId, taxPushRound: 1.5 } },
        ];
      },
      departmentCalls: () => pushes,
    },
  });

  it('answers 400 without an Idempotency-Key, or with a malformed result or callback', async () => {
    const body = { uscc: unknownUnit.employer.uscc, year: 2025, certifiedCount: 1.25, requiredCount: 4.5, filingId: 'f', callback: callback() };
    expect((await post(body)).status).toBe(200);
    expect((await post(body, {})).status).toBe(400);
    const malformed = await post({ ...body, certifiedCount: 1.255, year: '2025', extra: true, callback: { url: 'ftp://x', token: '' } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { path: string; code: string }[] }).errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      '/callback/token REQUIRED',
      '/callback/url FORMAT',
      '/extra UNKNOWN_FIELD',
      '/year FORMAT',
    ]);
    const { callback: _, ...withoutCallback } = body;
    expect(await (await post(withoutCallback)).json()).toEqual({ error: 'bad_request', errors: [{ path: '/callback', code: 'REQUIRED' }] });
    const decimals = await post({ ...body, certifiedCount: 1.255 });
    expect(await decimals.json()).toEqual({ error: 'bad_request', errors: [{ path: '/certifiedCount', code: 'FORMAT', params: { decimals: 2 } }] });
  });

  it('keeps its receipts across a data reload', async () => {
    const body = { uscc: unknownUnit.employer.uscc, year: 2025, certifiedCount: 3, requiredCount: 4.5, filingId: 'reload', callback: callback() };
    const key = { 'Idempotency-Key': `reload:${randomUUID()}` };
    const before = await (await post(body, key)).json();
    expect((await fetch(`${env.sim.url}/_admin/reload`, { method: 'POST' })).status).toBe(200);
    expect(await (await post(body, key)).json()).toEqual(before);
  });
});

describe('tax simulator start-up', () => {
  it('starts without a data file and then answers consistent with no levy', async () => {
    const empty = await startDepartments(await dataDir(), [createTaxSimulator(FAST)]);
    try {
      const body = { uscc: inconsistentUnit.employer.uscc, year: 2025, certifiedCount: 2.5, requiredCount: 4.5, filingId: 'f', callback: callback() };
      const response = await sendJson(`${empty.url}/tax/certified-results`, body, { headers: { 'Idempotency-Key': `k1:${randomUUID()}` } });
      const [answer] = await answersFor(((await response.json()) as { receiptId: string }).receiptId);
      expect(answer?.body).toMatchObject({ consistent: true, levyCollected: 0 });
    } finally {
      await empty.close();
    }
  });

  it('refuses a bad data file, naming the file, the record and the field, and a repeated unit-year', async () => {
    const bad = await dataDir([records[0], { ...records[1], levyCollected: -5 }]);
    await expectStartRefused(bad, [createTaxSimulator()], `${path.join(bad, 'tax-results.json')}: record 1 field /levyCollected FORMAT`);
    const repeated = await dataDir([records[0], records[1], records[0]]);
    await expectStartRefused(repeated, [createTaxSimulator()], 'record 2 duplicates record 0');
  });

  it('serves the shipped seed data', async () => {
    await withSeedData([createTaxSimulator()], async (url) => {
      expect((await fetch(`${url}/_admin/health`)).status).toBe(200);
    });
  });
});
