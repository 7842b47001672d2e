// The engine the system uses: the one at ENGINE_URL when set, otherwise ours — built if needed, its database
// created if missing with a role of its own to connect as (engine-database-role.ts), started, and stopped again
// with the rest of the system.
import path from 'node:path';
import { projectRoot, type Config } from '../../platform/config.ts';
import { ensureDatabase } from '../../platform/db.ts';
import { createEngineRest, EngineError, EngineUnavailable, type EngineConnection } from '../../platform/engine-rest.ts';
import { engineJar, engineJarIsCurrent, ensureEngineJar } from './build-engine.ts';
import { engineCredentials, type EngineCredentials } from './engine-credentials.ts';
import { ensureEngineDatabaseRole, type EngineDatabaseRole } from './engine-database-role.ts';
import { assertPortFree, startEngineProcess, type EngineProcess } from './engine-process.ts';
import { EngineStartError } from './engine-start-error.ts';
import { findJava } from './find-java.ts';

export interface RunningEngine {
  connection: EngineConnection;
  credentials: EngineCredentials;
  /** Set when we started it; undefined for an engine at ENGINE_URL. */
  process: EngineProcess | undefined;
  /** The PostgreSQL role our engine connects as; undefined for an engine at ENGINE_URL. */
  databaseRole: EngineDatabaseRole | undefined;
  /** Whether the jar had to be built this time. */
  built: boolean;
  stop(): Promise<void>;
  /**
   * Starts our engine again, as before, after it died (its log continued); undefined for an engine at ENGINE_URL.
   * `stop()` stops the first process only: whoever relaunches stops what it relaunched.
   */
  relaunch: (() => Promise<EngineProcess>) | undefined;
}

export interface BringUpOptions {
  log?: (line: string) => void;
  /** Maven's progress lines. */
  onBuildLine?: (line: string) => void;
  logFile?: string;
  systemProperties?: Record<string, string>;
  env?: Record<string, string>;
}

export const defaultEngineLog = path.join(projectRoot, '.data', 'engine.log');

export async function bringUpEngine(config: Config, options: BringUpOptions = {}): Promise<RunningEngine> {
  const log = options.log ?? ((line: string) => console.log(line));
  const credentials = engineCredentials(config);
  if (config.engineUrl) {
    const connection = { baseUrl: config.engineUrl, user: credentials.user, password: credentials.password };
    try {
      await createEngineRest(connection, 10_000).get('/process-definition/count');
    } catch (error) {
      if (error instanceof EngineError && error.status === 401) {
        throw new EngineStartError(`the engine at ENGINE_URL=${config.engineUrl} refused ENGINE_USER ${credentials.user} (401): check the service account`);
      }
      if (error instanceof EngineUnavailable || error instanceof EngineError) {
        throw new EngineStartError(`the engine at ENGINE_URL=${config.engineUrl} does not answer: ${error.message}`);
      }
      throw error;
    }
    return { connection, credentials, process: undefined, databaseRole: undefined, built: false, stop: async () => undefined, relaunch: undefined };
  }

  const java = findJava();
  // A taken port stops the start before anything is created in PostgreSQL (startEngineProcess checks it again).
  await assertPortFree(config.enginePort);
  await ensureDatabase(config.engineDatabaseUrl, 'ENGINE_DATABASE_URL');
  const databaseRole = await ensureEngineDatabaseRole({
    engineDatabaseUrl: config.engineDatabaseUrl,
    applicationDatabaseUrls: [config.databaseUrl],
    password: credentials.databasePassword,
  });
  if (!engineJarIsCurrent()) log('building the engine (engine/) with Maven — the first build downloads its dependencies and takes a few minutes…');
  const built = await ensureEngineJar({ java, ...(options.onBuildLine ? { onLine: options.onBuildLine } : {}) });
  const logFile = options.logFile ?? defaultEngineLog;
  log(`starting the engine (Java ${java.major}) on 127.0.0.1:${config.enginePort}; its log: ${logFile}`);
  const launch = (appendLog: boolean) => startEngineProcess({
    appendLog,
    javaPath: java.path,
    jar: engineJar,
    port: config.enginePort,
    databaseUrl: databaseRole.databaseUrl,
    credentials,
    heap: config.engineHeap,
    logFile,
    startTimeoutMs: config.engineStartTimeoutSeconds * 1000,
    ...(options.systemProperties ? { systemProperties: options.systemProperties } : {}),
    env: { ENGINE_HISTORY_LEVEL: config.engineHistoryLevel, ENGINE_DB_POOL_SIZE: String(config.engineDbPoolSize), ...options.env },
  });
  const process = await launch(false);
  return {
    connection: { baseUrl: process.baseUrl, user: credentials.user, password: credentials.password },
    credentials,
    process,
    databaseRole,
    built,
    stop: () => process.stop(),
    relaunch: () => launch(true),
  };
}
