// The tax hand-over with the running system (server/system.ts): push-to-tax pushes to the system's own tax
// simulator, which calls back over real HTTP at POST /api/departments/tax/answers; the answer is stored with the
// push and its `tax-answer` message left in the outbox for the waiting process, and the filing shows it. Then the
// callback's hostile cases: no or a wrong token, a malformed body, an unknown receipt, an answer that conflicts.
// Workers are off: the handler runs here, with the system's callback address and token.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaxClient } from '../../connectors/tax/client.ts';
import type { TaxAnswer, TaxResultRecord } from '../../connectors/tax/schema.ts';
import { CALLBACK_PATHS, DepartmentCallbacks } from '../../tax-handover/department-callbacks.ts';
import { beginHandover, recordReceipt } from '../../tax-handover/tax-handover-store.ts';
import { createPushToTaxHandler } from '../../workers/push-to-tax.ts';
import { storeFiling } from '../support/department-job-contract.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { storeCertifiedResult } from '../support/certified-result.ts';

const TOKEN = 'tax-answer-test-callback-token';
const answered = syntheticFiling(74001, { year: 2025 });
const records: TaxResultRecord[] = [{ uscc: answered.employer.uscc, year: 2025, consistent: false, levyCollected: 60000.5 }];

let system: TestSystem;
let dataDir: string;
let handler: ReturnType<typeof createPushToTaxHandler>;
let filingId: string;
let receiptId: string;
let answer: TaxAnswer;

const JOB_KEY = '2251799813690001';
const store = (seed: number) => storeFiling(system.db, syntheticFiling(seed, { year: 2025 }), 'test:tax-answer');

/** POSTs an answer to the callback endpoint, with the system's token unless told otherwise. */
const sendAnswer = (body: unknown, authorization: string | null = `Bearer ${TOKEN}`) =>
  fetch(system.apiUrl + CALLBACK_PATHS.taxAnswers, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const handoverRow = async (receipt: string) =>
  (await system.db.query('select filing_id, round, consistent, levy_collected, answered_at, answer_received_at from tax_handovers where receipt_id = $1', [receipt])).rows[0];
const taxMessages = async (businessKey: string) =>
  (
    await system.db.query<{ command_key: string; payload: any }>(
      `select command_key, payload from outbox where command = 'correlate-message' and business_key = $1 and command_key like 'tax-answer:%' order by id`,
      [businessKey],
    )
  ).rows;
const outboxCount = async () => Number((await system.db.query('select count(*) from outbox')).rows[0].count);

/** A pushed round of a filing, written as the worker writes it, without asking the bureau. */
async function pushedRound(id: string, round: number, receipt: string): Promise<void> {
  await beginHandover(system.db, { filingId: id, round, certifiedCount: 1, requiredCount: 4.5, sourceTaskId: `task-${receipt}` });
  expect(await recordReceipt(system.db, id, round, receipt)).toBe(true);
}

beforeAll(async () => {
  // The shipped seed data, but this test's own tax results.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tax-answer-sim-'));
  await cp(path.resolve(import.meta.dirname, '../../connectors/seed-data'), dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'tax-results.json'), JSON.stringify(records));
  system = await startTestSystem({ WORKERS: 'off', DEPT_CALLBACK_TOKEN: TOKEN, SIM_DATA_DIR: dataDir });

  // The workers' view of the callback: the same token from the configuration, the API's address once it listens.
  const callbacks = new DepartmentCallbacks(system.config);
  const { hostname, port } = new URL(system.apiUrl);
  callbacks.listening(hostname, Number(port));
  handler = createPushToTaxHandler({ db: system.db, client: createTaxClient({ ...system.config, departmentRetries: 0 }), callbacks });
}, 180_000);

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the tax answer, pushed and called back over HTTP', () => {
  it('a push is answered by the bureau at the callback: stored with the push, its message in the outbox, shown on the filing', async () => {
    filingId = await storeFiling(system.db, answered, 'test:tax-answer');
    const employer = await system.login({ role: 'employer', uscc: answered.employer.uscc });
    expect((await system.request('GET', `/api/filings/${filingId}`, { token: employer })).body.taxHandover).toBeNull();

    await storeCertifiedResult(system.db, filingId, { certifiedCount: 2.5, requiredCount: 4.5 });
    const outcome = await handler({ key: JOB_KEY, variables: { filingId }, retries: 3 });
    expect(outcome).toEqual({ kind: 'complete', variables: { taxReceiptId: expect.stringMatching(/^TAX-2025-/) } });
    receiptId = (outcome as { variables: { taxReceiptId: string } }).variables.taxReceiptId;

    const row = await eventually('the answer stored with its push', async () => {
      const found = await handoverRow(receiptId);
      return found?.answered_at ? found : undefined;
    });
    expect(row).toMatchObject({ filing_id: filingId, round: 1, consistent: false, levy_collected: '60000.50' });
    expect(await taxMessages(filingId)).toEqual([
      {
        command_key: `tax-answer:${receiptId}`,
        payload: {
          messageName: 'tax-answer',
          variables: { taxConsistent: false, levyCollected: 60000.5, taxReceiptId: receiptId, taxAnswerId: receiptId },
          marker: { name: 'taxAnswerId', value: receiptId },
          // The bureau's callback request, carried to the process for the logs (platform/http/request-id.ts).
          requestId: expect.any(String),
        },
      },
    ]);

    const shown = (await system.request('GET', `/api/filings/${filingId}`, { token: employer })).body.taxHandover;
    expect(shown).toEqual({
      round: 1,
      receiptId,
      pushedAt: expect.stringMatching(/^\d{4}-/),
      consistent: false,
      levyCollected: 60000.5,
      answeredAt: row.answered_at.toISOString(),
    });
    answer = { receiptId, filingId, uscc: answered.employer.uscc, year: 2025, consistent: false, levyCollected: 60000.5, answeredAt: shown.answeredAt };
  });

  it('takes the same answer again with 200 and writes nothing new', async () => {
    const before = await outboxCount();
    const row = await handoverRow(receiptId);
    const again = await sendAnswer({ ...answer, answeredAt: new Date().toISOString() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ receiptId, result: 'already_recorded' });
    expect(await outboxCount()).toBe(before);
    expect(await handoverRow(receiptId)).toEqual(row);
  });

  it('refuses another answer for the same receipt, or one naming another filing, unit or year, with 409', async () => {
    const other = await store(74002);
    const before = await outboxCount();
    const row = await handoverRow(receiptId);
    const changed = await sendAnswer({ ...answer, consistent: true });
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ status: 409, title: '该回执已有不同的反馈结果' });
    expect((await sendAnswer({ ...answer, levyCollected: 60000.51 })).status).toBe(409);

    const mismatched = await sendAnswer({ ...answer, filingId: other, uscc: syntheticFiling(74002).employer.uscc, year: 2024 });
    expect(mismatched.status).toBe(409);
    expect(((await mismatched.json()) as { errors: { path: string; code: string; message: string }[] }).errors).toEqual([
      { path: '/filingId', code: 'MISMATCH', message: '申报编号与该回执对应的推送不一致' },
      { path: '/uscc', code: 'MISMATCH', message: '统一社会信用代码与该回执对应的推送不一致' },
      { path: '/year', code: 'MISMATCH', message: '年度与该回执对应的推送不一致' },
    ]);
    expect(await outboxCount()).toBe(before);
    expect(await handoverRow(receiptId)).toEqual(row);
  });
});

describe('the callback refuses', () => {
  let pendingFiling: string;
  let pendingReceipt: string;

  beforeAll(async () => {
    pendingFiling = await store(74003);
    pendingReceipt = `TAX-2025-${crypto.randomUUID()}`;
    await pushedRound(pendingFiling, 1, pendingReceipt);
  });

  const valid = (): TaxAnswer => ({
    receiptId: pendingReceipt,
    filingId: pendingFiling,
    uscc: syntheticFiling(74003).employer.uscc,
    year: 2025,
    consistent: true,
    levyCollected: 0,
    answeredAt: '2026-05-06T10:00:00+08:00',
  });

  /** Sends and expects the status, with nothing written: the round unanswered, the outbox as it was. */
  async function refused(send: () => Promise<Response>, status: number): Promise<any> {
    const before = await outboxCount();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await response.json();
    expect(JSON.stringify(body)).not.toContain(TOKEN);
    expect(await outboxCount()).toBe(before);
    expect((await handoverRow(pendingReceipt)).answered_at).toBeNull();
    return body;
  }

  it.each([
    ['no Authorization header', null],
    ['an empty bearer token', 'Bearer '],
    ['a wrong token', 'Bearer not-the-callback-token'],
    ['the token with one character more', `Bearer ${TOKEN}x`],
    ['the token cut short', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token as Basic credentials', `Basic ${Buffer.from(`tax:${TOKEN}`).toString('base64')}`],
    ['a sign-in token of the API', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x'],
  ])('401 with %s', async (_name, authorization) => {
    const body = await refused(() => sendAnswer(valid(), authorization), 401);
    expect(body.title).toBe('回调凭证无效');
  });

  it('401 before the body is looked at', async () => {
    await refused(() => sendAnswer({ nonsense: true }, 'Bearer wrong'), 401);
  });

  it('400 naming every bad field', async () => {
    const body = await refused(
      () => sendAnswer({ receiptId: '', filingId: 'x', uscc: 'lower-case', year: '2025', consistent: 'yes', levyCollected: -1, answeredAt: 'yesterday' }),
      400,
    );
    expect(body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual([
      '/answeredAt FORMAT',
      '/consistent FORMAT',
      '/filingId FORMAT',
      '/levyCollected FORMAT',
      '/receiptId REQUIRED',
      '/uscc FORMAT',
      '/year FORMAT',
    ]);
    expect(body.errors.every((e: { message: string }) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
  });

  it('400 for a missing field, a levy with three decimals, an array, or a body that is not JSON', async () => {
    const { answeredAt: _, ...withoutTime } = valid();
    expect((await refused(() => sendAnswer(withoutTime), 400)).errors).toEqual([{ path: '/answeredAt', code: 'REQUIRED', message: '请填写反馈时间' }]);
    expect((await refused(() => sendAnswer({ ...valid(), levyCollected: 0.125 }), 400)).errors).toEqual([
      { path: '/levyCollected', code: 'FORMAT', message: '已征收残保金应为不小于 0、最多两位小数的金额（元）' },
    ]);
    await refused(() => sendAnswer([valid()]), 400);
    await refused(() => sendAnswer('{"receiptId": '), 400);
  });

  it('404 for a receipt no push of ours has', async () => {
    const body = await refused(() => sendAnswer({ ...valid(), receiptId: 'TAX-2025-unknown' }), 404);
    expect(body.title).toBe('未找到该回执对应的推送');
  });

  it('503 with Retry-After for an answer that overtakes the receipt of a push under way', async () => {
    const underWay = await store(74004);
    await beginHandover(system.db, { filingId: underWay, round: 1, certifiedCount: 1, requiredCount: 4.5, sourceTaskId: 'task-under-way' });
    const before = await outboxCount();
    const response = await sendAnswer({ ...valid(), receiptId: 'TAX-2025-not-yet-stored', filingId: underWay });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await outboxCount()).toBe(before);
  });

  it('takes the valid answer after all that, once', async () => {
    const response = await sendAnswer(valid());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ receiptId: pendingReceipt, result: 'recorded' });
    expect((await taxMessages(pendingFiling)).map((m) => m.command_key)).toEqual([`tax-answer:${pendingReceipt}`]);
  });
});

describe('a re-push after a reconciliation', () => {
  it('keeps a late answer to the replaced push without passing it to the process; the new push’s answer goes', async () => {
    const id = await store(74005);
    const [first, second] = [`TAX-2025-${crypto.randomUUID()}`, `TAX-2025-${crypto.randomUUID()}`];
    await pushedRound(id, 1, first);
    await pushedRound(id, 2, second);
    const base = { filingId: id, uscc: syntheticFiling(74005).employer.uscc, year: 2025, answeredAt: new Date().toISOString() };

    const late = await sendAnswer({ ...base, receiptId: first, consistent: false, levyCollected: 100 });
    expect(late.status).toBe(200);
    expect((await handoverRow(first)).consistent).toBe(false);
    expect(await taxMessages(id)).toEqual([]);

    expect((await sendAnswer({ ...base, receiptId: second, consistent: true, levyCollected: 0 })).status).toBe(200);
    expect((await taxMessages(id)).map((m) => m.command_key)).toEqual([`tax-answer:${second}`]);
    const reviewer = await system.login({ role: 'reviewer', regionCode: '330106' });
    expect((await system.request('GET', `/api/filings/${id}`, { token: reviewer })).body.taxHandover).toMatchObject({ round: 2, receiptId: second, consistent: true });
  });
});
