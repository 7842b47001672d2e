// The fault suite's system, every part a process of its own so each can be killed: a private PostgreSQL cluster
// (private-postgres.ts), the engine (the jar, started by the engine bring-up code, restartable on the same port and
// database), the API with its outbox dispatcher (api-process.ts, WORKERS=off), two worker processes
// (`scripts/workers.ts`), and the department simulators in the suite's own process, whose fault switches the
// phases turn. Timings are compressed: a short task lock and back-off, so a fault's consequences show in seconds.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { simulatedDepartments, simulatorSettings } from '../../connectors/simulated-departments.ts';
import { startSimulators, type RunningSimulators } from '../../connectors/simulator-kit/server.ts';
import type { FaultSwitch } from '../../connectors/simulator-kit/faults.ts';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { freePort } from '../../platform/free-port.ts';
import { bringUpEngine, type RunningEngine } from '../engine/bring-up-engine.ts';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';
import { superviseProcess, type SupervisedProcess, type UnexpectedExit } from './supervised-process.ts';

/** The compressed timings: a task lock of 5 s, three attempts 250 ms apart (doubling), one department call each. */
export const CHAOS_TIMINGS = {
  WORKER_LOCK_MS: '5000',
  WORKER_RETRIES: '3',
  WORKER_RETRY_BACKOFF_MS: '250',
  WORKER_LONG_POLL_MS: '2000',
  WORKER_MAX_TASKS: '10',
  DEPT_RETRIES: '0',
  DEPT_TIMEOUT_MS: '20000',
  OUTBOX_INTERVAL_MS: '200',
} as const;

export const APP_DATABASE = 'dpf_chaos';
const ENGINE_DATABASE = 'dpf_chaos_engine';

export interface ChaosStack {
  base: string;
  postgres: PrivatePostgres;
  /** The application's database as its owner, for the suite's counts (a small pool, reconnecting by itself). */
  appDb: pg.Pool;
  engineDb: pg.Pool;
  engineRest: EngineRest;
  api: SupervisedProcess;
  workers: SupervisedProcess[];
  simulators: RunningSimulators;
  logDir: string;
  unexpectedExits: UnexpectedExit[];
  killEngine(): Promise<void>;
  startEngine(): Promise<void>;
  setFault(department: string, fault: Partial<FaultSwitch>): void;
  /** Stops every part; the parts' logs are kept with `keepLogs`. */
  stop(keepLogs?: boolean): Promise<void>;
}

export async function startChaosStack(log: (line: string) => void): Promise<ChaosStack> {
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'chaos-logs-'));
  const stoppers: (() => Promise<unknown>)[] = [];
  const stop = async (keepLogs = true) => {
    for (const s of stoppers.splice(0).reverse()) await s().catch((e: unknown) => log(`stopping: ${String(e)}`));
    if (!keepLogs) await rm(logDir, { recursive: true, force: true });
  };
  try {
    const postgres = await startPrivatePostgres();
    stoppers.push(() => postgres.destroy());
    log(`PostgreSQL (private cluster) on 127.0.0.1:${postgres.port}`);

    const simulators = await startSimulators({
      port: 0,
      dataDir: path.join(projectRoot, 'connectors', 'seed-data'),
      departments: simulatedDepartments,
      faultDefaults: { latencyMs: 0, failureRate: 0, outage: [] },
    });
    stoppers.push(() => simulators.close());
    const simPort = Number(new URL(simulators.url).port);

    const [apiPort, enginePort] = [await freePort(), await freePort()];
    const account = { ENGINE_USER: 'chaos', ENGINE_PASSWORD: 'chaos-service-password', ENGINE_ADMIN_PASSWORD: 'chaos-admin-password' };
    const engineConfig = loadConfig({
      ...account,
      DATABASE_URL: postgres.urlOf(APP_DATABASE),
      ENGINE_DATABASE_URL: postgres.urlOf(ENGINE_DATABASE),
      ENGINE_PORT: String(enginePort),
      ENGINE_HEAP: '512m',
      ENGINE_DB_POOL_SIZE: '10',
    });
    let engine: RunningEngine | undefined;
    let engineStarts = 0;
    const startEngine = async () => {
      engine = await bringUpEngine(engineConfig, { log: () => undefined, logFile: path.join(logDir, `engine-${++engineStarts}.log`) });
    };
    await startEngine();
    stoppers.push(() => engine?.stop() ?? Promise.resolve());
    const engineUrl = engine!.connection.baseUrl;
    log(`engine on ${engineUrl} (logs in ${logDir})`);

    const base = `http://127.0.0.1:${apiPort}`;
    const { SIM_PORT: _simPort, ...departments } = simulatorSettings(simPort);
    const env: Record<string, string> = {
      ...account,
      ...departments,
      ...CHAOS_TIMINGS,
      NODE_ENV: 'development',
      DATABASE_URL: postgres.urlOf(APP_DATABASE),
      ENGINE_URL: engineUrl,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      WORKERS: 'off',
      SIM_PORT: '0',
      FILING_SEASON: 'open',
      SESSION_SECRET: 'the fault suite’s session key, 32 bytes or more',
      DEV_IDENTITY_PROVIDER_PORT: '0',
      CALLBACK_BASE_URL: base,
      DEPT_CALLBACK_TOKEN: 'chaos-callback-token-0123456789',
      FAULT_INJECTION_CRASH_POINT: '',
    };
    const unexpectedExits: UnexpectedExit[] = [];
    const onUnexpectedExit = (exit: UnexpectedExit) => {
      unexpectedExits.push(exit);
      log(`  ! ${exit.part} died (${exit.how}); started again by the suite`);
    };
    const api = superviseProcess({ name: 'API', script: 'scripts/chaos/api-process.ts', env, readyLine: 'ready ', logFile: path.join(logDir, 'api.log'), onUnexpectedExit });
    await api.start();
    stoppers.push(() => api.stop());
    const workers = [1, 2].map((n) =>
      superviseProcess({ name: `worker ${n}`, script: 'scripts/workers.ts', env, readyLine: 'workers ', logFile: path.join(logDir, `worker-${n}.log`), onUnexpectedExit }),
    );
    for (const worker of workers) {
      await worker.start();
      stoppers.push(() => worker.stop());
    }
    log(`API on ${base}, 2 worker processes`);

    // The suite's own reads: as the owner, and never holding a connection across a fault.
    const appDb = new pg.Pool({ connectionString: postgres.urlOf(APP_DATABASE), max: 2, idleTimeoutMillis: 1000 });
    const engineDb = new pg.Pool({ connectionString: postgres.urlOf(ENGINE_DATABASE), max: 2, idleTimeoutMillis: 1000 });
    // A connection cut by the PostgreSQL fault must not end the suite itself.
    appDb.on('error', () => undefined);
    engineDb.on('error', () => undefined);
    stoppers.push(() => appDb.end(), () => engineDb.end());

    return {
      base,
      postgres,
      appDb,
      engineDb,
      engineRest: createEngineRest({ baseUrl: engineUrl, user: account.ENGINE_USER, password: account.ENGINE_PASSWORD }),
      api,
      workers,
      simulators,
      logDir,
      unexpectedExits,
      async killEngine() {
        const pid = engine?.process?.pid;
        if (pid === undefined) return;
        const gone = engine!.process!.exited;
        process.kill(pid, 'SIGKILL');
        await gone;
      },
      startEngine,
      setFault(department, fault) {
        simulators.faults.set(department, { latencyMs: 0, failureRate: 0, outage: false, malformed: false, ...fault });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
