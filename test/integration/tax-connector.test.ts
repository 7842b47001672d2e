// The tax-bureau connector end to end: the real simulator over HTTP on a free port with a synthetic data file,
// real filings in PostgreSQL, the real client and the push-to-tax handler.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataFileError } from '../../connectors/simulator-kit/data-files.ts';
import { startSimulators, type RunningSimulators } from '../../connectors/simulator-kit/server.ts';
import { createTaxClient } from '../../connectors/tax/client.ts';
import type { TaxResultRecord } from '../../connectors/tax/schema.ts';
import { createTaxSimulator } from '../../connectors/tax/simulator.ts';
import type { Filing } from '../../domain/filing/filing.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createFiling } from '../../server/filings/filing-store.ts';
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

const noFaults = { latencyMs: 0, failureRate: 0, outage: [] };
const tempDirs: string[] = [];

async function dataDir(content?: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tax-sim-'));
  tempDirs.push(dir);
  if (content !== undefined) await writeFile(path.join(dir, 'tax-results.json'), JSON.stringify(content, null, 2));
  return dir;
}

let sim: RunningSimulators;
let db: Db;
let handler: ReturnType<typeof createPushToTaxHandler>;

async function storeFiling(filing: Filing): Promise<string> {
  const who = { sub: 'test:tax-connector', role: 'employer' as const, uscc: filing.employer.uscc };
  return (await createFiling(db, who, filing, undefined)).filing.id;
}

const job = (variables: unknown) => ({ key: '2251799813685501', variables, retries: 3 });

function putFaults(body: unknown) {
  return fetch(`${sim.url}/_admin/faults/tax`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function post(body: unknown, headers: Record<string, string> = { 'Idempotency-Key': randomUUID() }) {
  return fetch(`${sim.url}/tax/certified-results`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  db = createPool(inject('databaseUrl'));
  sim = await startSimulators({ port: 0, dataDir: await dataDir(records), departments: [createTaxSimulator()], faultDefaults: noFaults });
  const client = createTaxClient({ taxUrl: `${sim.url}/tax`, departmentTimeoutMs: 5000, departmentRetries: 1, baseDelayMs: 1, maxDelayMs: 5 });
  handler = createPushToTaxHandler({ db, client });
});

afterAll(async () => {
  await sim?.close();
  await db?.end();
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
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
    expect(changed.kind === 'fail' && changed.message).toMatch(/^tax rejected POST \/certified-results: HTTP 409 /);
  });

  it('fails the job during an outage and completes once the bureau is back (an incident retry)', async () => {
    const filingId = await storeFiling(outageUnit);
    const variables = { filingId, certifiedCount: 6, requiredCount: 9 };
    expect((await putFaults({ latencyMs: 0, failureRate: 0, outage: true })).status).toBe(200);
    expect(await handler(job(variables))).toEqual({
      kind: 'fail',
      message: 'tax unavailable: POST /certified-results failed after 2 attempt(s); last: HTTP 503',
    });
    expect((await putFaults({ latencyMs: 0, failureRate: 0, outage: false })).status).toBe(200);
    const retried = await handler(job(variables));
    expect(retried).toMatchObject({ kind: 'complete', variables: { tax: { consistent: true, levyCollected: 120000 } } });
    expect(await handler(job(variables))).toEqual(retried);
  });

  it('raises FILING_NOT_FOUND and INVALID_VARIABLES', async () => {
    expect(await handler(job({ filingId: randomUUID(), certifiedCount: 1, requiredCount: 1 }))).toMatchObject({
      kind: 'bpmnError',
      errorCode: 'FILING_NOT_FOUND',
    });
    const filingId = await storeFiling(syntheticFiling(73005, { year: 2025 }));
    const threeDecimals = await handler(job({ filingId, certifiedCount: 2.555, requiredCount: 4.5 }));
    expect(threeDecimals).toEqual({
      kind: 'bpmnError',
      errorCode: 'INVALID_VARIABLES',
      message: 'push-to-tax: invalid job variables: /certifiedCount FORMAT',
    });
    expect(await handler(job({ filingId, certifiedCount: -1 }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
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
    expect((await fetch(`${sim.url}/_admin/reload`, { method: 'POST' })).status).toBe(200);
    expect(await (await post(body, key)).json()).toEqual(before);
  });
});

describe('tax simulator start-up', () => {
  it('starts without a data file and then answers consistent with no levy', async () => {
    const empty = await startSimulators({ port: 0, dataDir: await dataDir(), departments: [createTaxSimulator()], faultDefaults: noFaults });
    try {
      const response = await fetch(`${empty.url}/tax/certified-results`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
        body: JSON.stringify({ uscc: inconsistentUnit.employer.uscc, year: 2025, certifiedCount: 2.5, requiredCount: 4.5, filingId: 'f' }),
      });
      expect(await response.json()).toMatchObject({ consistent: true, levyCollected: 0 });
    } finally {
      await empty.close();
    }
  });

  it('refuses a bad data file, naming the file, the record and the field, and a repeated unit-year', async () => {
    const bad = await dataDir([records[0], { ...records[1], levyCollected: -5 }]);
    const start = startSimulators({ port: 0, dataDir: bad, departments: [createTaxSimulator()], faultDefaults: noFaults });
    await expect(start).rejects.toThrow(DataFileError);
    await expect(start).rejects.toThrow(`${path.join(bad, 'tax-results.json')}: record 1 field /levyCollected FORMAT`);
    const repeated = await dataDir([records[0], records[1], records[0]]);
    await expect(startSimulators({ port: 0, dataDir: repeated, departments: [createTaxSimulator()], faultDefaults: noFaults })).rejects.toThrow(
      'record 2 duplicates record 0',
    );
  });

  it('serves the shipped seed data', async () => {
    const seeded = await startSimulators({
      port: 0,
      dataDir: path.resolve(import.meta.dirname, '../../connectors/seed-data'),
      departments: [createTaxSimulator()],
      faultDefaults: noFaults,
    });
    try {
      expect((await fetch(`${seeded.url}/_admin/health`)).status).toBe(200);
    } finally {
      await seeded.close();
    }
  });
});
