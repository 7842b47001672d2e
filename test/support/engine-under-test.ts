// The one real Operaton engine of a test run: built if needed, started on a free port over a database of its
// own (made for the run with a role of its own, both dropped after it), the project's diagrams and forms deployed.
// Started by the global setup.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { databaseUrlNamed } from '../../platform/db.ts';
import { freePort } from '../../platform/free-port.ts';
import { createEngineRest, type EngineConnection } from '../../platform/engine-rest.ts';
import { deployResources, projectResources } from '../../deployment/deploy-resources.ts';
import { bringUpEngine, type RunningEngine } from '../../scripts/engine/bring-up-engine.ts';
import { dropEngineDatabase } from '../../scripts/engine/engine-database-role.ts';
import { PROJECT_FILES_SOURCE } from '../../server/system.ts';

/** What the least-privilege tests look at: the engine's process, its database role, and a variable it must not see. */
export interface EngineProcessUnderTest {
  pid: number;
  /** The engine's database, with the administrative role the tests use. */
  databaseUrl: string;
  /** The PostgreSQL role the engine connects as. */
  role: string;
  /** Set in Node's environment before the engine starts: the engine's environment must not hold it. */
  sentinel: { name: string; value: string };
}

export interface EngineUnderTest {
  connection: EngineConnection;
  adminPassword: string;
  databaseUrl: string;
  logFile: string;
  process: EngineProcessUnderTest;
  stop(): Promise<void>;
}

const PREFIX = 'dpf_engine_test_';

/** Whether a process of this machine still runs: a run's leftovers are dropped only when their run is gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Engine databases and roles left by runs killed before their teardown (their pid is in the name). */
async function dropLeftovers(baseDatabaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrlNamed(baseDatabaseUrl, 'postgres') });
  await admin.connect();
  let names: string[];
  try {
    const found = await admin.query<{ name: string }>(
      `select datname as name from pg_database where datname like $1
       union select regexp_replace(rolname, '_owner$', '') from pg_roles where rolname like $2`,
      [`${PREFIX}%`, `${PREFIX}%\_owner`],
    );
    names = found.rows.map((r) => r.name);
  } finally {
    await admin.end();
  }
  for (const name of names) {
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await dropEngineDatabase(databaseUrlNamed(baseDatabaseUrl, name));
  }
}

/**
 * `applicationDatabaseUrl`: the run's application database, which the engine's role must not reach.
 */
export async function startEngineUnderTest(baseDatabaseUrl: string, applicationDatabaseUrl: string): Promise<EngineUnderTest> {
  const databaseUrl = databaseUrlNamed(baseDatabaseUrl, `${PREFIX}${process.pid}`);
  const port = await freePort();
  const logFile = path.join(projectRoot, '.data', `engine-test-${process.pid}.log`);
  const adminPassword = 'test-admin-password';
  const config = loadConfig({
    DATABASE_URL: applicationDatabaseUrl,
    ENGINE_DATABASE_URL: databaseUrl,
    ENGINE_PORT: String(port),
    ENGINE_USER: 'dpftest',
    ENGINE_PASSWORD: 'test-service-password',
    ENGINE_ADMIN_PASSWORD: adminPassword,
  });
  await dropLeftovers(baseDatabaseUrl);
  await dropEngineDatabase(databaseUrl);
  // Stands for DATABASE_URL, tokens, passwords of other parts: everything of Node's the engine must not be given.
  const sentinel = { name: 'DPF_TEST_ENGINE_ENV_SENTINEL', value: `sentinel-${randomUUID()}` };
  process.env[sentinel.name] = sentinel.value;
  const build: string[] = [];
  let engine: RunningEngine;
  try {
    engine = await bringUpEngine(config, { log: () => undefined, onBuildLine: (line) => build.push(line), logFile });
  } catch (error) {
    if (build.length) console.error(build.slice(-40).join('\n'));
    throw error;
  }
  await deployResources(createEngineRest(engine.connection), projectResources(), PROJECT_FILES_SOURCE);
  return {
    connection: engine.connection,
    adminPassword,
    databaseUrl,
    logFile,
    process: { pid: engine.process!.pid, databaseUrl, role: engine.databaseRole!.role, sentinel },
    async stop() {
      await engine.stop();
      await dropEngineDatabase(databaseUrl);
    },
  };
}
