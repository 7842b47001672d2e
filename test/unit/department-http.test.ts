// The department client's own limits, beyond the contract every connector meets: a department that asks us
// to wait (429/503 with Retry-After) is waited for, and no answer is read beyond its cap. Waits are recorded
// by an injected sleep, not slept; the streamed body comes from a real server, which sees when we hang up.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDepartmentHttp, DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable, type DepartmentHttpOptions } from '../../platform/department-http.ts';
import { withJobSignal } from '../../platform/job-signal.ts';
import { failureOf } from '../support/failure-of.ts';

const ORIGIN = 'http://department.test';
const KEY = 'filing-1:verify-test';
const anything = (data: unknown) => ({ ok: true as const, value: data });

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function client(overrides: Partial<DepartmentHttpOptions> = {}) {
  return createDepartmentHttp({ department: 'test', baseUrl: ORIGIN, timeoutMs: 2000, retries: 2, baseDelayMs: 1, maxDelayMs: 2, ...overrides });
}

const get = (http: ReturnType<typeof client>) => http.get({ path: '/records', idempotencyKey: KEY, check: anything });

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1'); // the streaming server below
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('department client: Retry-After', () => {
  it('waits the seconds a 429 asks for, then returns the next answer', async () => {
    const { waits, sleep } = recorder();
    nock(ORIGIN).get('/records').reply(429, 'slow down', { 'Retry-After': '1' });
    nock(ORIGIN).get('/records').reply(200, { ok: 1 });
    await expect(get(client({ sleep }))).resolves.toEqual({ ok: 1 });
    expect(waits).toEqual([1000]);
    expect(nock.isDone()).toBe(true);
  });

  it('waits until the HTTP date a 503 names', async () => {
    const { waits, sleep } = recorder();
    const at = new Date(Date.now() + 5000).toUTCString(); // whole seconds: between 4 and 5 s from now
    nock(ORIGIN).get('/records').reply(503, 'maintenance', { 'Retry-After': at });
    nock(ORIGIN).get('/records').reply(200, { ok: 1 });
    await expect(get(client({ sleep }))).resolves.toEqual({ ok: 1 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(5000);
  });

  it('backs off as usual when a 429 names no wait, or one it cannot read', async () => {
    const { waits, sleep } = recorder();
    nock(ORIGIN).get('/records').reply(429, 'busy');
    nock(ORIGIN).get('/records').reply(429, 'busy', { 'Retry-After': 'soon' });
    nock(ORIGIN).get('/records').reply(200, { ok: 1 });
    await expect(get(client({ sleep, maxDelayMs: 2 }))).resolves.toEqual({ ok: 1 });
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(2);
  });

  it('names the wait asked for when every attempt is told to wait', async () => {
    const { waits, sleep } = recorder();
    nock(ORIGIN).get('/records').times(3).reply(429, 'busy', { 'Retry-After': '2' });
    const error = await failureOf(get(client({ sleep })));
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(3);
    expect((error as DepartmentUnavailable).lastCause).toBe('HTTP 429, Retry-After 2 s');
    expect(waits).toEqual([2000, 2000]);
  });

  it('does not call again before a wait longer than it may take; the call is unavailable at once', async () => {
    const { waits, sleep } = recorder();
    nock(ORIGIN).get('/records').reply(429, 'busy', { 'Retry-After': '120' });
    const error = await failureOf(get(client({ sleep })));
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as Error).message).toBe(
      'test unavailable: GET /records failed after 1 attempt(s); last: HTTP 429, Retry-After 120 s is longer than the 30 s this client waits',
    );
    expect(waits).toEqual([]);
  });

  it('takes the longest wait from its options', async () => {
    const { waits, sleep } = recorder();
    nock(ORIGIN).get('/records').reply(429, 'busy', { 'Retry-After': '120' });
    nock(ORIGIN).get('/records').reply(200, { ok: 1 });
    await expect(get(client({ sleep, maxRetryAfterMs: 120_000 }))).resolves.toEqual({ ok: 1 });
    expect(waits).toEqual([120_000]);
  });
});

describe('department client: body size', () => {
  it('accepts an answer of exactly the largest size', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(1000) });
    nock(ORIGIN).get('/records').reply(200, body);
    await expect(get(client({ maxAnswerBytes: Buffer.byteLength(body) }))).resolves.toEqual({ pad: 'x'.repeat(1000) });
  });

  it('refuses an answer declared longer than the cap, once, without retrying', async () => {
    const attempts = { count: 0 };
    nock(ORIGIN)
      .get('/records')
      .times(3)
      .reply(() => {
        attempts.count++;
        return [200, JSON.stringify({ pad: 'x'.repeat(4096) }), { 'Content-Length': '4108' }];
      });
    const error = await failureOf(get(client({ maxAnswerBytes: 1024 })));
    expect(error).toBeInstanceOf(DepartmentBadAnswer);
    expect((error as DepartmentBadAnswer).issues).toEqual([{ path: '/', code: 'TOO_LARGE', params: { maxBytes: 1024 } }]);
    expect((error as Error).message).toBe('test bad answer to GET /records (HTTP 200): / TOO_LARGE');
    expect(attempts.count).toBe(1);
  });

  it('shows the start of an endless refusal, masked', async () => {
    nock(ORIGIN)
      .get('/records')
      .reply(400, `unknown person 11010519491231002X ${'x'.repeat(3 * 1024 * 1024)}`);
    const error = await failureOf(get(client()));
    expect(error).toBeInstanceOf(DepartmentRejected);
    const { detail } = error as DepartmentRejected;
    expect(detail).toHaveLength(200);
    expect(detail).toMatch(/^unknown person 1101\*{10}002X x+$/);
  });

  describe('from a department that streams without end', () => {
    const CHUNK = Buffer.alloc(64 * 1024, 'x');
    const OFFERED_BYTES = 512 * 1024 * 1024;
    let server: Server;
    let origin: string;
    let sent = 0;
    let hungUp: Promise<unknown>;
    let stallBody = false;

    beforeAll(async () => {
      server = createServer((_req, res) => {
        sent = 0;
        hungUp = once(res, 'close');
        res.writeHead(200, { 'Content-Type': 'application/json' }); // chunked: no length declared
        res.write('{"pad":"');
        if (stallBody) return; // headers and a first byte, then nothing
        // Writes only as fast as the client reads, and stops when it hangs up.
        const pump = () => {
          while (!res.destroyed && sent < OFFERED_BYTES) {
            sent += CHUNK.length;
            if (!res.write(CHUNK)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end('"}');
        };
        pump();
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    });

    it('stops reading at the cap and hangs up: a bad answer, never the whole body in memory', async () => {
      stallBody = false;
      const error = await failureOf(get(client({ baseUrl: origin, maxAnswerBytes: 256 * 1024 })));
      expect(error).toBeInstanceOf(DepartmentBadAnswer);
      expect((error as DepartmentBadAnswer).issues).toEqual([{ path: '/', code: 'TOO_LARGE', params: { maxBytes: 256 * 1024 } }]);
      await hungUp;
      // What was sent is the cap plus what the sockets buffer on their way: far below what was offered.
      expect(sent).toBeLessThan(64 * 1024 * 1024);
    });

    it('times out a body that stalls after the headers, as an unavailable department', async () => {
      stallBody = true;
      const error = await failureOf(get(client({ baseUrl: origin, timeoutMs: 300, retries: 0 })));
      expect(error).toBeInstanceOf(DepartmentUnavailable);
      expect((error as DepartmentUnavailable).lastCause).toBe('timed out after 300 ms');
    });
  });
});

describe("department client: the call's whole time, and a job let go", () => {
  it("does not begin a wait that would end past the call's budget", async () => {
    const { waits, sleep } = recorder();
    nock(ORIGIN).get('/records').reply(503, 'maintenance', { 'Retry-After': '2' });
    const error = await failureOf(get(client({ sleep, maxTotalMs: 1500 })));
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(1);
    expect((error as DepartmentUnavailable).lastCause).toBe('no time left for another attempt within 1500 ms');
    expect(waits).toEqual([]);
  });

  it('stops waiting and retrying once the job it runs for is let go (its lock lost)', async () => {
    const controller = new AbortController();
    const waits: number[] = [];
    // The lock is lost while the client waits to retry: the wait ends there, and no further attempt is made.
    const sleep = (ms: number) => {
      waits.push(ms);
      controller.abort(new Error('lock lost'));
      return new Promise<void>(() => undefined);
    };
    nock(ORIGIN).get('/records').times(3).reply(503, 'busy', { 'Retry-After': '1' });
    const error = await failureOf(withJobSignal(controller.signal, () => get(client({ sleep }))));
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(1);
    expect((error as DepartmentUnavailable).lastCause).toBe('abandoned: lock lost');
    expect(waits).toEqual([1000]);
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it('ends an attempt under way when the job is let go', async () => {
    const controller = new AbortController();
    nock(ORIGIN).get('/records').delay(60_000).reply(200, { ok: 1 });
    const call = withJobSignal(controller.signal, () => get(client({ timeoutMs: 120_000 })));
    controller.abort(new Error('the worker is stopping'));
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(DepartmentUnavailable);
    expect((error as DepartmentUnavailable).attempts).toBe(1);
    expect((error as DepartmentUnavailable).lastCause).toBe('abandoned: the worker is stopping');
  });
});
