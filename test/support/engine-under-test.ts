// The one real Operaton engine of a test run: built if needed, started on a free port over a database of its
// own (made for the run, dropped after it), the project's diagrams and forms deployed. Started by the global setup.
import path from 'node:path';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { databaseUrlNamed, dropDatabase } from '../../platform/db.ts';
import { freePort } from '../../platform/free-port.ts';
import { createEngineRest, type EngineConnection } from '../../platform/engine-rest.ts';
import { deployResources, projectResources } from '../../deployment/deploy-resources.ts';
import { bringUpEngine, type RunningEngine } from '../../scripts/engine/bring-up-engine.ts';
import { PROJECT_FILES_SOURCE } from '../../server/system.ts';

export interface EngineUnderTest {
  connection: EngineConnection;
  adminPassword: string;
  databaseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

export async function startEngineUnderTest(baseDatabaseUrl: string): Promise<EngineUnderTest> {
  const databaseUrl = databaseUrlNamed(baseDatabaseUrl, `dpf_engine_test_${process.pid}`);
  const port = await freePort();
  const logFile = path.join(projectRoot, '.data', `engine-test-${process.pid}.log`);
  const adminPassword = 'test-admin-password';
  const config = loadConfig({
    ENGINE_DATABASE_URL: databaseUrl,
    ENGINE_PORT: String(port),
    ENGINE_USER: 'dpftest',
    ENGINE_PASSWORD: 'test-service-password',
    ENGINE_ADMIN_PASSWORD: adminPassword,
  });
  await dropDatabase(databaseUrl);
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
    async stop() {
      await engine.stop();
      await dropDatabase(databaseUrl);
    },
  };
}
