// The health as anyone and as operators read it (answered from the background check, no reason given to the public),
// and a graceful stop: a slow request in flight finishes, a new one is refused, and an upload cut off — by its
// client, or by the stop's grace running out — leaves no file behind.
import http from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../support/fixtures.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let stopped = false;
let dir: string;
let employer: string;
let filingId: string;

async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

interface OpenRequest {
  request: http.ClientRequest;
  /** The answer, or the error that ended the connection first. */
  outcome: Promise<{ status: number; body: string } | { error: string }>;
}

/** A request whose body is sent by hand: its head and `first` now, the rest when the test says. */
function openRequest(pathname: string, headers: Record<string, string | number>, first: Buffer | string): OpenRequest {
  const url = new URL(system.apiUrl);
  const request = http.request({ host: url.hostname, port: url.port, path: pathname, method: 'POST', headers, agent: false });
  const outcome = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    request.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
  request.write(first);
  return { request, outcome };
}

/** A document upload of a 2 MB PDF of which only the first part is sent; a temp file exists once it returns. */
async function startUpload(): Promise<OpenRequest> {
  const boundary = 'graceful-stop-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nscan\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fileBytes = 2 * 1024 * 1024;
  const upload = openRequest(
    `/api/filings/${filingId}/documents`,
    { authorization: `Bearer ${employer}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + fileBytes + tail.length },
    Buffer.concat([head, Buffer.alloc(256 * 1024, 0x20)]),
  );
  await eventually('the upload being staged in a temp file', async () => ((await filesIn(path.join(dir, '.tmp'))).length > 0 ? true : undefined));
  return upload;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'graceful-stop-'));
  system = await startTestSystem({ WORKERS: 'off', DOCUMENT_DIR: dir, HEALTH_REFRESH_MS: '600000', SHUTDOWN_GRACE_MS: '3000' });
  const filing = syntheticFiling(917);
  employer = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  const created = await system.request('POST', '/api/filings', { token: employer, body: filing });
  expect(created.status).toBe(201);
  filingId = created.body.id;
}, 120_000);

afterAll(async () => {
  if (!stopped) await system?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/health and GET /api/operations/health', () => {
  it('tells anyone ready or not per part, and nothing more', async () => {
    const res = await system.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.checks).toEqual([
      { name: 'database', state: 'up' },
      { name: 'engine', state: 'up' },
      { name: 'deployment', state: 'up' },
      { name: 'workers', state: 'up' },
    ]);
  });

  it('answers from the background check: many calls, one check', async () => {
    const operator = await system.login({ role: 'operator' });
    const before = await system.request('GET', '/api/operations/health', { token: operator });
    for (let i = 0; i < 20; i++) expect((await system.request('GET', '/api/health')).status).toBe(200);
    const after = await system.request('GET', '/api/operations/health', { token: operator });
    expect(after.body.checkedAt).toBe(before.body.checkedAt);
  });

  it('gives operators the details: departments, outbox, incidents, workers, pool', async () => {
    const operator = await system.login({ role: 'operator' });
    const res = await system.request('GET', '/api/operations/health', { token: operator });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.checks.find((c: { name: string }) => c.name === 'workers').detail).toContain('WORKERS=off');
    expect(res.body.departments.length).toBeGreaterThan(5);
    expect(res.body.departments.every((d: { reachable: boolean }) => d.reachable)).toBe(true);
    expect(res.body.outbox).toEqual({ pending: expect.any(Number), failing: expect.any(Number), oldestPendingAt: expect.toSatisfy((v: unknown) => v === null || typeof v === 'string'), givenUp: expect.any(Number) });
    expect(res.body.incidents).toEqual({ open: expect.any(Number) });
    expect(res.body.workers).toEqual({ external: true, topics: [], lastPollError: null, counts: {} });
    expect(res.body.databasePool.total).toBeGreaterThan(0);
  });

  it('keeps the details from everyone but operators', async () => {
    expect((await system.request('GET', '/api/operations/health')).status).toBe(401);
    for (const login of [{ role: 'province', regionCode: '330000' }, { role: 'reviewer', regionCode: '330106' }, { role: 'employer', uscc: syntheticFiling(917).employer.uscc }]) {
      const token = await system.login(login);
      expect((await system.request('GET', '/api/operations/health', { token })).status).toBe(403);
    }
  });
});

describe('a graceful stop', () => {
  it('leaves no file of an upload its client gave up', async () => {
    const upload = await startUpload();
    upload.request.destroy();
    await upload.outcome;
    await eventually('the aborted upload’s temp file removed', async () => ((await filesIn(dir)).length === 0 ? true : undefined));
    expect((await system.request('GET', `/api/filings/${filingId}/documents`, { token: employer })).body.items).toEqual([]);
  });

  it('finishes a request in flight, refuses new ones, and leaves no file of an upload cut off', async () => {
    const upload = await startUpload();
    const body = JSON.stringify({ role: 'operator' });
    const login = openRequest('/api/dev/login', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body.slice(0, 5));
    // Both in flight at the server (the sign-in's head read, its body not) before the stop begins.
    await eventually('the upload and the sign-in in flight', async () => (system.requestsInFlight() >= 2 ? true : undefined));

    const stopping = system.stop();
    stopped = true;
    await eventually('new connections refused', async () => {
      const refused = await fetch(`${system.apiUrl}/api/health`).then(() => false, () => true);
      return refused ? true : undefined;
    });
    login.request.end(body.slice(5));
    const answered = await login.outcome;
    expect(answered).toEqual({ status: 200, body: expect.stringContaining('"token"') });

    // The upload never ends: the grace (SHUTDOWN_GRACE_MS) runs out and its connection is closed.
    expect(await upload.outcome).toEqual({ error: expect.any(String) });
    await stopping;
    await eventually('the cut-off upload’s temp file removed', async () => ((await filesIn(dir)).length === 0 ? true : undefined));
  }, 60_000);
});
