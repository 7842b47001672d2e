// Starts the real API on an ephemeral port against the test database, and signs in as any role.
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../platform/config.ts';
import { createAppPool, type Db } from '../../platform/db.ts';
import type { EngineRest } from '../../platform/engine-rest.ts';
import { assertKeepsContract } from './contract-check.ts';

export interface TestApi {
  url: string;
  db: Db;
  config: Config;
  close(): Promise<void>;
  login(body: Record<string, unknown>): Promise<string>;
  request(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
}

/**
 * `now` pins the server's clock, for behaviour that depends on the date (the filing season); `engine` gives the API
 * the run's engine (no outbox dispatcher runs: `nudgeOutbox` sees its nudges).
 */
export async function startTestApi(env: Record<string, string> = {}, options: { now?: () => Date; engine?: EngineRest; nudgeOutbox?: () => void } = {}): Promise<TestApi> {
  const config = loadConfig({ FILING_SEASON: 'open', SESSION_SECRET: 'a session key for the tests, 32 bytes or more', ...env, DATABASE_URL: inject('databaseUrl') });
  // As the application's role, as npm start runs it.
  const db = createAppPool(config.databaseUrl);
  const logged: string[] = [];
  // What went wrong (warn and error); the access line of every request is no news.
  const app = createApp({ config, db, log: (m, fields) => (fields?.level === 'warn' || fields?.level === 'error' ? logged.push(m) : undefined), now: options.now, engine: options.engine, nudgeOutbox: options.nudgeOutbox });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestApi['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    assertKeepsContract(method, path, res.status, res.headers.get('content-type'), parsed);
    return { status: res.status, body: parsed };
  };

  return {
    url,
    db,
    config,
    request,
    async login(loginBody) {
      const res = await request('POST', '/api/dev/login', { body: loginBody });
      if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await leaveNoProcessStarts(db);
      await db.end();
      if (logged.length) throw new Error(`server logged unexpected errors:\n${logged.join('\n')}`);
    },
  };
}

/**
 * A suite without a dispatcher leaves its filings' process starts in the outbox; a later suite's dispatcher would
 * start them, and its workers would run steps on data this suite shaped by hand. Suites run one after another, so
 * what is pending when one ends is its own.
 */
export async function leaveNoProcessStarts(db: Db): Promise<void> {
  await db.query(`update outbox set dispatched_at = now(), last_error = 'left by a test suite' where dispatched_at is null`);
}
