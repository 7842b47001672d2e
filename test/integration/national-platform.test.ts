// 跨省通办 end to end over real HTTP both ways: the simulated national platform delivers filings to our API with its
// token, our workers send a filing out and report a result back to it, and the filings stay where the offices that
// received them can read them. The workers' handlers are called directly against the running system (WORKERS=off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalPlatformClient } from '../../connectors/national-platform/client.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { loadConfig } from '../../platform/config.ts';
import { recordOutboundTransfer } from '../../national-platform/transfer-store.ts';
import { createReportToNationalPlatformHandler } from '../../workers/report-to-national-platform.ts';
import { createTransferToNationalPlatformHandler } from '../../workers/transfer-to-national-platform.ts';
import { JOB_CALL_SETTINGS, sendJson, setOutage } from '../support/department-job-contract.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { storeCertifiedResult } from '../support/certified-result.ts';

// An office of Shanghai's Xuhui district receives; Hangzhou's Xihu district (330106) handles.
const SHANGHAI_OFFICE = '310104';

let system: TestSystem;
let transferHandler: ReturnType<typeof createTransferToNationalPlatformHandler>;
let reportHandler: ReturnType<typeof createReportToNationalPlatformHandler>;

const platformUrl = () => `${system.simulators!.url}/national-platform`;

beforeAll(async () => {
  // The simulated platform reads its token from this process's configuration; the API is given the same one.
  system = await startTestSystem({ WORKERS: 'off', NATIONAL_PLATFORM_TOKEN: loadConfig().nationalPlatformToken });
  const client = createNationalPlatformClient({ nationalPlatformUrl: system.config.nationalPlatformUrl, ...JOB_CALL_SETTINGS });
  transferHandler = createTransferToNationalPlatformHandler({ db: system.db, client });
  reportHandler = createReportToNationalPlatformHandler({ db: system.db, client });
});
afterAll(async () => {
  await system?.stop();
});

function transferOf(filing: unknown, transferId: string, receivingRegionCode = SHANGHAI_OFFICE) {
  return { transferId, receivingRegionCode, receivedAt: '2026-04-01T09:30:00+08:00', filing };
}

/** The platform delivers `transfer` to our API through its admin endpoint; our API's answer comes back. */
async function deliver(transfer: unknown): Promise<{ status: number; body: any }> {
  const res = await sendJson(`${platformUrl()}/_admin/deliver`, { transfer, to: system.apiUrl });
  return { status: res.status, body: await res.json() };
}

async function platformView(id: string): Promise<any> {
  const res = await fetch(`${platformUrl()}/transfers/${encodeURIComponent(id)}`);
  expect(res.status).toBe(200);
  return res.json();
}

async function filingsOf(uscc: string): Promise<number> {
  const result = await system.db.query<{ n: string }>('select count(*) as n from filings where employer_uscc = $1', [uscc]);
  return Number(result.rows[0]?.n);
}

const errorLines = (body: { errors: { path: string; code: string }[] }) => body.errors.map((e) => `${e.path} ${e.code}`).sort();
const job = (key: string, variables: unknown) => ({ key, variables, retries: 3 });

describe('inbound: a filing received in another province for a Zhejiang unit', () => {
  const filing = syntheticFiling(93_001, { year: 2025 });
  const transfer = transferOf(filing, 'SH-2026-0001');
  let filingId: string;

  it('is delivered over the platform: stored as a window filing of the other office, handled by the unit’s county', async () => {
    const res = await deliver(transfer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'submitted' });
    filingId = res.body.id;

    const row = await system.db.query('select channel, receiving_region_code, handling_region_code, created_by from filings where id = $1', [filingId]);
    expect(row.rows[0]).toEqual({ channel: 'window', receiving_region_code: SHANGHAI_OFFICE, handling_region_code: '330106', created_by: 'national-platform' });
    const start = await system.db.query(`select payload from outbox where business_key = $1 and command = 'create-process-instance'`, [filingId]);
    expect(start.rows[0]?.payload.variables).toMatchObject({ receivedVia: 'national-platform', receivingRegionCode: SHANGHAI_OFFICE, channel: 'window' });
    const audited = await system.db.query(`select actor, actor_role from audit_log where action = 'filing.create' and subject_id = $1`, [filingId]);
    expect(audited.rows).toEqual([{ actor: 'national-platform', actor_role: 'system' }]);

    const reviewer = await system.login({ role: 'reviewer', regionCode: '330106' });
    const read = await system.request('GET', `/api/filings/${filingId}`, { token: reviewer });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ receivingRegionCode: SHANGHAI_OFFICE, handlingRegionCode: '330106', channel: 'window' });
    expect(read.body.transfer).toEqual({ direction: 'inbound', transferId: 'SH-2026-0001', otherRegionCode: SHANGHAI_OFFICE, at: '2026-04-01T01:30:00.000Z' });
  });

  it('a redelivery of the same transfer gets the same filing (200), and nothing is stored twice', async () => {
    const again = await deliver(transfer);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(filingId);
    expect(await filingsOf(filing.employer.uscc)).toBe(1);
  });

  it('the same transfer id with another filing is refused (422), naming the filing it made', async () => {
    const changed = { ...filing, employees: filing.employees.slice(0, 1) };
    const res = await deliver(transferOf(changed, 'SH-2026-0001'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'TRANSFER_ID_REUSED', filingId });
  });

  it('reports the result back once, even when the task runs twice', async () => {
    const key = '2251799813690001';
    await storeCertifiedResult(system.db, filingId, { certifiedCount: 1.5 });
    const variables = { filingId, certificateCode: 'ZJ2026-TEST-0001' };
    expect(await reportHandler(job(key, variables))).toEqual({ kind: 'complete', variables: {} });
    expect(await reportHandler(job(key, variables))).toEqual({ kind: 'complete', variables: {} });
    const held = await platformView('SH-2026-0001');
    expect(held.filingId).toBe(filingId);
    expect(held.results).toEqual([
      expect.objectContaining({ filingId, status: 'certified', certifiedCount: 1.5, certificateCode: 'ZJ2026-TEST-0001', resultId: expect.any(String) }),
    ]);
  });

  it('a report recorded done is not sent again; one whose worker died after sending is sent again with the same key, kept once', async () => {
    const real = createNationalPlatformClient({ nationalPlatformUrl: system.config.nationalPlatformUrl, ...JOB_CALL_SETTINGS });
    const sent: string[] = [];
    // The worker dies after the platform took the report, before our record of it: the call happened, nothing is marked done.
    const dying = createReportToNationalPlatformHandler({
      db: system.db,
      client: {
        reportResult: async (transferId, report, key) => {
          sent.push(key);
          await real.reportResult(transferId, report, key);
          throw new Error('worker killed');
        },
      },
    });
    const counting = createReportToNationalPlatformHandler({
      db: system.db,
      client: { reportResult: (transferId, report, key) => (sent.push(key), real.reportResult(transferId, report, key)) },
    });
    const key = '2251799813690002';
    const variables = { filingId, certificateCode: 'ZJ2026-TEST-0002' };
    expect(await dying(job(key, variables))).toMatchObject({ kind: 'fail' });
    const ledger = () => system.db.query('select state from effects where kind = $1 and effect_key = $2', ['report-to-national-platform', `${filingId}:report:${key}`]);
    expect((await ledger()).rows).toEqual([{ state: 'intent' }]);
    // The task comes back: the intent is found, the call repeated with the same key, and the platform keeps one result.
    expect(await counting(job(key, variables))).toEqual({ kind: 'complete', variables: {} });
    expect((await ledger()).rows).toEqual([{ state: 'done' }]);
    // Once more: recorded done, so the platform is not asked at all.
    expect(await counting(job(key, variables))).toEqual({ kind: 'complete', variables: {} });
    expect(sent).toEqual([`${filingId}:report:${key}`, `${filingId}:report:${key}`]);
    const held = await platformView('SH-2026-0001');
    expect(held.results.filter((r: { certificateCode?: string }) => r.certificateCode === 'ZJ2026-TEST-0002')).toHaveLength(1);
  });
});

describe('inbound: what the platform may not deliver', () => {
  it('a bad filing: 400 with every problem under /filing, and nothing stored', async () => {
    const filing = syntheticFiling(93_002, { year: 2025 }) as any;
    filing.employer.handlerPhone = '12345';
    delete filing.employer.legalRepName;
    filing.commitment.accepted = false;
    filing.employees[0].phone = 'abc';
    const res = await deliver({ ...transferOf(filing, 'SH-2026-0002'), receivedAt: 'yesterday' });
    expect(res.status).toBe(400);
    expect(errorLines(res.body)).toEqual([
      '/filing/commitment/accepted COMMITMENT_MISSING',
      '/filing/employees/0/phone PHONE_FORMAT',
      '/filing/employer/handlerPhone PHONE_FORMAT',
      '/filing/employer/legalRepName REQUIRED',
      '/receivedAt FORMAT',
    ]);
    // Worded as the filing API words them, about the declaration's own fields.
    expect(res.body.errors.find((e: { path: string }) => e.path === '/filing/employees/0/phone').message).toMatch(/^第 1 名残疾职工的联系电话/);
    expect(res.body.errors.find((e: { path: string }) => e.path === '/filing/employer/handlerPhone').message).toMatch(/^用人单位经办人电话/);
    expect(await filingsOf(filing.employer.uscc)).toBe(0);
    const transfers = await system.db.query(`select 1 from national_transfers where transfer_id = 'SH-2026-0002'`);
    expect(transfers.rowCount).toBe(0);
  });

  it('a unit registered outside Zhejiang, or a filing received in Zhejiang: 422 naming the field', async () => {
    const elsewhere = syntheticFiling(93_003, { year: 2025, regionCode: '320106' });
    const res = await deliver(transferOf(elsewhere, 'SH-2026-0003'));
    expect(res.status).toBe(422);
    expect(errorLines(res.body)).toEqual(['/filing/employer/regionCode EMPLOYER_NOT_IN_ZHEJIANG']);

    const local = syntheticFiling(93_004, { year: 2025 });
    const fromZhejiang = await deliver(transferOf(local, 'SH-2026-0004', '330102'));
    expect(fromZhejiang.status).toBe(422);
    expect(errorLines(fromZhejiang.body)).toEqual(['/receivingRegionCode RECEIVED_IN_ZHEJIANG']);
    expect((await filingsOf(elsewhere.employer.uscc)) + (await filingsOf(local.employer.uscc))).toBe(0);
  });

  it('a body that is no transfer at all: 400 naming the fields, never a server error', async () => {
    const token = system.config.nationalPlatformToken;
    const send = (body: unknown) => system.request('POST', '/api/national-platform/filings', { body: JSON.stringify(body), token });
    expect(errorLines((await send([])).body)).toEqual(['/ FORMAT']);
    expect(errorLines((await send({ transferId: 'a b', receivingRegionCode: '310100', filing: [], extra: 1 })).body)).toEqual([
      '/extra UNKNOWN_FIELD',
      '/filing FORMAT',
      '/receivedAt REQUIRED',
      '/receivingRegionCode REGION_UNKNOWN',
      '/transferId FORMAT',
    ]);
  });

  it('without the platform’s token, or with another: 401, and nothing stored', async () => {
    const filing = syntheticFiling(93_005, { year: 2025 });
    const body = transferOf(filing, 'SH-2026-0005');
    const none = await system.request('POST', '/api/national-platform/filings', { body });
    expect(none.status).toBe(401);
    const wrong = await system.request('POST', '/api/national-platform/filings', { body, token: 'not-the-platform-token-0123456789' });
    expect(wrong.status).toBe(401);
    // A person's sign-in token is not the platform's credential either.
    const clerk = await system.login({ role: 'clerk', regionCode: '330106' });
    expect((await system.request('POST', '/api/national-platform/filings', { body, token: clerk })).status).toBe(401);
    expect(await filingsOf(filing.employer.uscc)).toBe(0);
  });
});

describe('outbound: a filing received in Zhejiang for a unit of another province', () => {
  const filing: Filing = { ...syntheticFiling(93_006, { year: 2025, regionCode: SHANGHAI_OFFICE }), channel: 'window' };
  let filingId: string;
  let clerk: string;

  beforeAll(async () => {
    clerk = await system.login({ role: 'clerk', regionCode: '330106' });
    const res = await system.request('POST', '/api/filings', { token: clerk, body: { ...filing, windowIntake: { materialsComplete: true } } });
    expect(res.status).toBe(201);
    filingId = res.body.id;
  });

  it('goes out through the platform to the unit’s own office, and the receipt is kept once however often the task runs', async () => {
    const first = await transferHandler(job('2251799813690101', { filingId }));
    expect(first).toEqual({ kind: 'complete', variables: { nationalReceiptId: expect.stringMatching(/^NP-2025-/) } });
    const receiptId = (first as { variables: { nationalReceiptId: string } }).variables.nationalReceiptId;
    // The same task handed out again, and a second task for the same filing: the same receipt, one transfer.
    expect(await transferHandler(job('2251799813690101', { filingId }))).toEqual(first);
    expect(await transferHandler(job('2251799813690102', { filingId }))).toEqual(first);
    const rows = await system.db.query('select direction, transfer_id, other_region_code, source_task_id from national_transfers where filing_id = $1', [filingId]);
    expect(rows.rows).toEqual([{ direction: 'outbound', transfer_id: receiptId, other_region_code: SHANGHAI_OFFICE, source_task_id: '2251799813690101' }]);

    // Two tasks racing past that check: the first receipt kept is the filing's, the second changes nothing.
    const raced = await recordOutboundTransfer(system.db, {
      filingId,
      receiptId: 'NP-2025-raced',
      handlingRegionCode: SHANGHAI_OFFICE,
      receivedAt: new Date().toISOString(),
      sourceTaskId: '2251799813690199',
    });
    expect(raced).toMatchObject({ direction: 'outbound', transferId: receiptId });
    expect((await system.db.query('select 1 from national_transfers where filing_id = $1', [filingId])).rowCount).toBe(1);

    const held = await platformView(receiptId);
    expect(held).toMatchObject({ filingId, receivingRegionCode: '330106', handlingRegionCode: SHANGHAI_OFFICE });
    // The handling office gets the declaration whole: it reviews the employees by their ID numbers.
    expect(held.declaration.employees[0].idNumber).toBe(filing.employees[0]!.idNumber);
  });

  it('stays readable by the Zhejiang office that received it, showing where it went', async () => {
    const read = await system.request('GET', `/api/filings/${filingId}`, { token: clerk });
    expect(read.status).toBe(200);
    expect(read.body.transfer).toEqual({ direction: 'outbound', transferId: expect.stringMatching(/^NP-2025-/), otherRegionCode: SHANGHAI_OFFICE, at: expect.any(String) });
    // Masked for reading as always; the platform alone got the numbers whole.
    expect(read.body.employees[0].idNumber).not.toBe(filing.employees[0]!.idNumber);
    const other = await system.login({ role: 'clerk', regionCode: '330102' });
    expect((await system.request('GET', `/api/filings/${filingId}`, { token: other })).status).toBe(404);
  });

  it('fails, for the engine to retry, while the platform is down, and completes once it is back', async () => {
    const res = await system.request('POST', '/api/filings', {
      token: clerk,
      body: { ...syntheticFiling(93_007, { year: 2025, regionCode: SHANGHAI_OFFICE }), channel: 'window', windowIntake: { materialsComplete: true } },
    });
    expect(res.status).toBe(201);
    expect((await setOutage(system.simulators!, 'national-platform', true)).status).toBe(200);
    try {
      const down = await transferHandler(job('2251799813690103', { filingId: res.body.id }));
      expect(down).toMatchObject({ kind: 'fail', message: expect.stringContaining('跨省通办') });
      expect(down).not.toHaveProperty('retries');
    } finally {
      await setOutage(system.simulators!, 'national-platform', false);
    }
    expect(await transferHandler(job('2251799813690103', { filingId: res.body.id }))).toMatchObject({ kind: 'complete' });
  });

  it('a malformed receipt ends the job for a person to check (no retry), and keeps nothing', async () => {
    const res = await system.request('POST', '/api/filings', {
      token: clerk,
      body: { ...syntheticFiling(93_008, { year: 2025, regionCode: SHANGHAI_OFFICE }), channel: 'window', windowIntake: { materialsComplete: true } },
    });
    const malformed = { latencyMs: 0, failureRate: 0, outage: false, malformed: true };
    expect((await sendJson(`${system.simulators!.url}/_admin/faults/national-platform`, malformed, { method: 'PUT' })).status).toBe(200);
    try {
      const outcome = await transferHandler(job('2251799813690104', { filingId: res.body.id }));
      expect(outcome).toMatchObject({ kind: 'fail', retries: 0, message: expect.stringMatching(/需人工向平台核实.* \/ transfer-to-national-platform: national-platform bad answer/) });
    } finally {
      await setOutage(system.simulators!, 'national-platform', false);
    }
    expect((await system.db.query('select 1 from national_transfers where filing_id = $1', [res.body.id])).rowCount).toBe(0);
  });

  it('neither worker acts on a filing the diagram should not have sent it', async () => {
    const local = syntheticFiling(93_009, { year: 2025 });
    const employer = await system.login({ role: 'employer', uscc: local.employer.uscc });
    const res = await system.request('POST', '/api/filings', { token: employer, body: local });
    expect(res.status).toBe(201);
    expect(await transferHandler(job('2251799813690105', { filingId: res.body.id }))).toMatchObject({ kind: 'fail', retries: 0 });
    await storeCertifiedResult(system.db, res.body.id, { certifiedCount: 1 });
    expect(await reportHandler(job('2251799813690106', { filingId: res.body.id }))).toMatchObject({ kind: 'fail', retries: 0 });
    expect(await reportHandler(job('2251799813690107', { filingId: res.body.id, certificateCode: 5 }))).toMatchObject({
      kind: 'bpmnError',
      errorCode: 'INVALID_VARIABLES',
    });
  });
});

describe('the simulated platform', () => {
  it('takes a transfer only with an Idempotency-Key and a well-formed body', async () => {
    const declaration = syntheticFiling(93_010, { year: 2025, regionCode: SHANGHAI_OFFICE });
    const body = { filingId: crypto.randomUUID(), receivingRegionCode: '330106', handlingRegionCode: SHANGHAI_OFFICE, declaration };
    expect((await sendJson(`${platformUrl()}/transfers`, body)).status).toBe(400);
    const bad = await sendJson(`${platformUrl()}/transfers`, { ...body, handlingRegionCode: '330106', extra: 1 }, { headers: { 'Idempotency-Key': 'k-bad' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string; code: string }[] }).errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      '/extra UNKNOWN_FIELD',
      '/handlingRegionCode FORMAT',
    ]);
    const headers = { 'Idempotency-Key': `k-${body.filingId}` };
    const first = await sendJson(`${platformUrl()}/transfers`, body, { headers });
    expect(first.status).toBe(201);
    const again = await sendJson(`${platformUrl()}/transfers`, body, { headers });
    expect(await again.json()).toEqual(await first.json());
    const reused = await sendJson(`${platformUrl()}/transfers`, { ...body, receivingRegionCode: '330102' }, { headers });
    expect(reused.status).toBe(409);
  });
});
