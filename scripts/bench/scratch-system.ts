// `npm start` for a benchmark: on scratch databases of its own (created by the start itself, as on a fresh
// machine, and dropped by `stop`), its own engine on a free port with a known service account, filings taken for
// any year. Shared by `npm run bench` and `npm run bench:review`.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { databaseUrlNamed, dropDatabase } from '../../platform/db.ts';
import { dropEngineDatabase } from '../engine/engine-database-role.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { freePort } from '../../platform/free-port.ts';

export interface ScratchSystem {
  /** The API's base URL. */
  base: string;
  server: ChildProcess;
  databaseUrl: string;
  /** The system's engine, through its service account. */
  engine: EngineRest;
  /** Resolves with the milliseconds from spawn to `/api/health` answering 200. */
  ready(timeoutMs?: number): Promise<number>;
  /** Stops the system (SIGINT, as Ctrl-C) and drops its databases. */
  stop(): Promise<void>;
}

/** Databases of a lasting system (a seeded season): `stop` leaves them. */
export interface KeptDatabases {
  databaseUrl: string;
  engineDatabaseUrl: string;
}

/**
 * Spawns the system; `env` adds to or overrides its environment (department URLs, latency, worker settings).
 * With `kept`, on those databases (made by the start when missing, left by `stop`) instead of scratch ones.
 */
export async function spawnScratchSystem(name: string, env: Record<string, string>, kept?: KeptDatabases): Promise<ScratchSystem> {
  const config = loadConfig();
  const databaseUrl = kept?.databaseUrl ?? databaseUrlNamed(config.databaseUrl, `dpf_${name}_${process.pid}`);
  const engineDatabaseUrl = kept?.engineDatabaseUrl ?? databaseUrlNamed(config.engineDatabaseUrl, `dpf_engine_${name}_${process.pid}`);
  const [port, enginePort] = [await freePort(), await freePort()];
  const account = { user: 'bench', password: 'bench-password' };
  const t0 = performance.now();
  const server = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      FILING_SEASON: 'open',
      ENGINE_URL: '',
      ENGINE_PORT: String(enginePort),
      ENGINE_DATABASE_URL: engineDatabaseUrl,
      ENGINE_USER: account.user,
      ENGINE_PASSWORD: account.password,
      ENGINE_ADMIN_PASSWORD: 'bench-admin',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    server,
    databaseUrl,
    engine: createEngineRest({ baseUrl: `http://127.0.0.1:${enginePort}`, ...account }),
    async ready(timeoutMs = 300_000) {
      for (const deadline = Date.now() + timeoutMs; ; ) {
        if (await fetch(`${base}/api/health`).then((r) => r.status === 200, () => false)) return performance.now() - t0;
        if (server.exitCode !== null) throw new Error(`npm start exited (${server.exitCode}) before it was ready`);
        if (Date.now() > deadline) throw new Error(`npm start was not ready within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT');
        await exited;
      }
      if (kept) return;
      await dropDatabase(databaseUrl);
      await dropEngineDatabase(engineDatabaseUrl);
    },
  };
}
