// The whole system as `npm start` runs it (server/system.ts) against the run's engine and test database: its own
// simulators on a free port, its API on another, workers in this process unless told otherwise.
import { inject } from 'vitest';
import { simulatorSettings } from '../../connectors/simulated-departments.ts';
import { loadConfig, type Config } from '../../platform/config.ts';
import { freePort } from '../../platform/free-port.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { createLogger } from '../../platform/log.ts';
import { startSystem, type RunningSystem } from '../../server/system.ts';
import { leaveNoProcessStarts } from './api.ts';
import { assertKeepsContract } from './contract-check.ts';

export interface TestSystem extends RunningSystem {
  config: Config;
  /** The engine's REST API as the service account. */
  rest: EngineRest;
  login(body: Record<string, unknown>): Promise<string>;
  /** Every JSON log line the system wrote so far (each part's: api, outbox, workers), as written. */
  logLines(): readonly string[];
  request(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
}

/** Settings pointing every department at simulators on `simPort`. */
export const departmentUrls = simulatorSettings;

/** The run's engine as ENGINE_URL settings. */
export function engineEnv(): Record<string, string> {
  const engine = inject('engine');
  return { ENGINE_URL: engine.baseUrl, ENGINE_USER: engine.user, ENGINE_PASSWORD: engine.password };
}

export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  const config = loadConfig({
    FILING_SEASON: 'open',
    SESSION_SECRET: 'a session key for the tests, 32 bytes or more',
    PORT: '0',
    // The embedded development identity provider, on a port of its own per system.
    DEV_IDENTITY_PROVIDER_PORT: '0',
    DEPT_RETRIES: '0',
    WORKER_LONG_POLL_MS: '2000',
    WORKER_RETRY_BACKOFF_MS: '200',
    OUTBOX_INTERVAL_MS: '200',
    ...departmentUrls(await freePort()),
    ...engineEnv(),
    ...env,
    // The run's database, unless a suite needs one of its own (restore-check: a database holding only its data).
    DATABASE_URL: env.DATABASE_URL ?? inject('databaseUrl'),
  });
  // The system's log lines as it writes them (platform/log.ts), kept for the suite to read; debug included.
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const system = await startSystem({ config, engine: inject('engine'), logger });
  const request: TestSystem['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(system.apiUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    assertKeepsContract(method, path, res.status, res.headers.get('content-type'), parsed);
    return { status: res.status, body: parsed };
  };
  return {
    ...system,
    config,
    rest: createEngineRest(inject('engine')),
    request,
    logLines: () => lines,
    async login(body) {
      const res = await request('POST', '/api/dev/login', { body });
      if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async stop() {
      await leaveNoProcessStarts(system.db);
      await system.stop();
      // The engine outlives the suite: instances it left waiting would be worked by the next suite's workers.
      const rest = createEngineRest(inject('engine'));
      for (const instance of await rest.get<{ id: string }[]>('/process-instance', { maxResults: 10_000 })) {
        await rest.delete(`/process-instance/${instance.id}?skipCustomListeners=true&skipIoMappings=true`).catch(() => undefined);
      }
      const unexpected = lines.filter((m) => m.includes('unexpected error'));
      if (unexpected.length) throw new Error(`server logged unexpected errors:\n${unexpected.join('\n')}`);
    },
  };
}

/** Polls `probe` until it gives a value, failing after the deadline with what was awaited. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 30_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
