// The tax-bureau connector end to end: the real simulator over HTTP on a free port with a synthetic data file,
// real filings in PostgreSQL, the real client and the push-to-tax handler.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTaxClient } from '../../connectors/tax/client.ts';
import type { TaxResultRecord } from '../../connectors/tax/schema.ts';
import { createTaxSimulator } from '../../connectors/tax/simulator.ts';
import type { Filing } from '../../domain/filing/filing.ts';
import {
  departmentJobContract,
  expectStartRefused,
  JOB_CALL_SETTINGS,
  sendJson,
  startDepartments,
  storeFiling as store,
  useDepartmentEnvironment,
  withSeedData,
} from '../support/department-job-contract.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { createPushToTaxHandler } from '../../workers/push-to-tax.ts';

const inconsistentUnit = syntheticFiling(73001, { year: 2025 });
const unknownUnit = syntheticFiling(73002, { year: 2025 });
const outageUnit = syntheticFiling(73003, { year: 2025 });

const records: TaxResultRecord[] = [
  { uscc: inconsistentUnit.employer.uscc, year: 2025, consistent: false, levyCollected: 60000 },
  // Another year of the same unit: the push must pick the filing's year.
  { uscc: inconsistentUnit.employer.uscc, year: 2024, consistent: true, levyCollected: 999 },
  { uscc: outageUnit.employer.uscc, year: 2025, consistent: true, levyCollected: 120000 },
];

const env = useDepartmentEnvironment({ prefix: 'tax', departments: [createTaxSimulator()], files: { 'tax-results.json': records } });
const dataDir = (content?: unknown) => env.tempDataDir(content === undefined ? {} : { 'tax-results.json': content });

let handler: ReturnType<typeof createPushToTaxHandler>;

const storeFiling = (filing: Filing) => store(env.db, filing, 'test:tax-connector');
const JOB_KEY = '2251799813685501';
const job = (variables: unknown) => ({ key: JOB_KEY, variables, retries: 3 });
const post = (body: unknown, headers: Record<string, string> = { 'Idempotency-Key': randomUUID() }) =>
  sendJson(`${env.sim.url}/tax/certified-results`, body, { headers });

beforeAll(async () => {
  const client = createTaxClient({ taxUrl: `${env.sim.url}/tax`, ...JOB_CALL_SETTINGS });
  handler = createPushToTaxHandler({ db: env.db, client });
});

describe('tax connector over HTTP', () => {
  it("pushes the filing's unit and year and returns the bureau's answer; a repeated push gets the same receipt", async () => {
    const filingId = await storeFiling(inconsistentUnit);
    const first = await handler(job({ filingId, certifiedCount: 2.5, requiredCount: 4.5, year: 2024 }));
    expect(first).toEqual({
      kind: 'complete',
      variables: { tax: { receiptId: expect.stringMatching(/^TAX-2025-/), consistent: false, levyCollected: 60000 } },
    });
    const again = await handler(job({ filingId, certifiedCount: 2.5, requiredCount: 4.5 }));
    expect(again).toEqual(first);
  });

  it('answers consistent with no levy for a unit the bureau has no result for', async () => {
    const filingId = await storeFiling(unknownUnit);
    // Binary noise from adding weights is not a third decimal.
    const outcome = await handler(job({ filingId, certifiedCount: 0.1 + 0.2, requiredCount: 4.5 }));
    expect(outcome).toMatchObject({ kind: 'complete', variables: { tax: { consistent: true, levyCollected: 0 } } });
  });

  it('fails the job when the same filing is pushed again with another count (409), instead of keeping a stale receipt', async () => {
    const filingId = await storeFiling(syntheticFiling(73004, { year: 2025 }));
    expect((await handler(job({ filingId, certifiedCount: 1, requiredCount: 4.5 }))).kind).toBe('complete');
    const changed = await handler(job({ filingId, certifiedCount: 1.5, requiredCount: 4.5 }));
    expect(changed.kind).toBe('fail');
    expect(changed.kind === 'fail' && changed.message).toMatch(/^税务部门认证结果接收接口拒绝了本系统的请求.* \/ push-to-tax: tax rejected POST \/certified-results: HTTP 409 /);
  });

  departmentJobContract({
    department: 'tax',
    simulators: () => env.sim,
    handler: () => handler,
    jobKey: JOB_KEY,
    outage: {
      variables: async () => ({ filingId: await storeFiling(outageUnit), certifiedCount: 6, requiredCount: 9 }),
      failMessage: 'tax unavailable: POST /certified-results failed after 2 attempt(s); last: HTTP 503',
      recovered: async (retried, runAgain) => {
        expect(retried).toMatchObject({ kind: 'complete', variables: { tax: { consistent: true, levyCollected: 120000 } } });
        expect(await runAgain()).toEqual(retried);
      },
    },
    filingErrors: {
      notFound: (filingId) => ({ filingId, certifiedCount: 1, requiredCount: 1 }),
      invalid: async () => {
        const filingId = await storeFiling(syntheticFiling(73005, { year: 2025 }));
        return [
          { variables: { filingId, certifiedCount: 2.555, requiredCount: 4.5 }, message: 'push-to-tax: invalid job variables: /certifiedCount FORMAT' },
          { variables: { filingId, certifiedCount: -1 } },
        ];
      },
    },
  });

  it('answers 400 without an Idempotency-Key or with a malformed result', async () => {
    const body = { uscc: unknownUnit.employer.uscc, year: 2025, certifiedCount: 1.25, requiredCount: 4.5, filingId: 'f' };
    expect((await post(body)).status).toBe(200);
    expect((await post(body, {})).status).toBe(400);
    const malformed = await post({ ...body, certifiedCount: 1.255, year: '2025', extra: true });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { path: string; code: string }[] }).errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      '/extra UNKNOWN_FIELD',
      '/year FORMAT',
    ]);
    const decimals = await post({ ...body, certifiedCount: 1.255 });
    expect(await decimals.json()).toEqual({ error: 'bad_request', errors: [{ path: '/certifiedCount', code: 'FORMAT', params: { decimals: 2 } }] });
  });

  it('keeps its receipts across a data reload', async () => {
    const body = { uscc: unknownUnit.employer.uscc, year: 2025, certifiedCount: 3, requiredCount: 4.5, filingId: 'reload' };
    const key = { 'Idempotency-Key': `reload:${randomUUID()}` };
    const before = await (await post(body, key)).json();
    expect((await fetch(`${env.sim.url}/_admin/reload`, { method: 'POST' })).status).toBe(200);
    expect(await (await post(body, key)).json()).toEqual(before);
  });
});

describe('tax simulator start-up', () => {
  it('starts without a data file and then answers consistent with no levy', async () => {
    const empty = await startDepartments(await dataDir(), [createTaxSimulator()]);
    try {
      const body = { uscc: inconsistentUnit.employer.uscc, year: 2025, certifiedCount: 2.5, requiredCount: 4.5, filingId: 'f' };
      const response = await sendJson(`${empty.url}/tax/certified-results`, body, { headers: { 'Idempotency-Key': 'k1' } });
      expect(await response.json()).toMatchObject({ consistent: true, levyCollected: 0 });
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
