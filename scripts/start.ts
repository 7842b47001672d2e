// `npm start`: brings the system up on one machine — database (created and migrated), department
// simulators, the API — prints where everything is, and on Ctrl-C stops all of it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatedDepartments } from '../connectors/simulated-departments.ts';
import { DataFileError } from '../connectors/simulator-kit/data-files.ts';
import { startSimulators, type RunningSimulators } from '../connectors/simulator-kit/server.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createPool, DatabaseUnreachable, ensureDatabase, type Db } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { createApp } from '../server/app.ts';

class StartError extends Error {}

function listen(server: http.Server, port: number, host: string, what: string, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new StartError(`${what}: port ${port} on ${host} is already in use (set ${variable} to another port)`) : error);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

const stoppers: (() => Promise<void>)[] = [];

async function stopAll(): Promise<void> {
  for (const stop of stoppers.reverse()) await stop().catch((e: unknown) => console.error(`stopping: ${String(e)}`));
}

async function main(): Promise<void> {
  const config = loadConfig();

  await ensureDatabase(config.databaseUrl);
  const db: Db = createPool(config.databaseUrl);
  stoppers.push(() => db.end());
  const applied = await migrate(db);

  let simulators: RunningSimulators | undefined;
  if (config.simPort !== 0) {
    try {
      simulators = await startSimulators({ port: config.simPort, dataDir: config.simDataDir, departments: simulatedDepartments, host: config.host });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new StartError(`department simulators: port ${config.simPort} is already in use (set SIM_PORT to another port, or 0 to use real departments)`);
      }
      throw error;
    }
    stoppers.push(() => simulators!.close());
  }

  const server = http.createServer(createApp({ config, db }));
  const port = await listen(server, config.port, config.host, 'API', 'PORT');
  stoppers.push(() => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }));

  const dbUrl = new URL(config.databaseUrl);
  console.log(
    [
      '浙江省残疾人按比例就业情况联网认证 — running',
      `  API          http://${config.host}:${port}/api   (readiness: /api/health)`,
      simulators
        ? `  Simulators   ${simulators.url}   (${simulatedDepartments.map((d) => d.name).join(', ')}; data: ${config.simDataDir})`
        : '  Simulators   off (SIM_PORT=0)',
      `  Database     ${dbUrl.hostname}:${dbUrl.port || 5432}${dbUrl.pathname}${applied.length ? `   (applied ${applied.join(', ')})` : ''}`,
      '  Engine       not available on this installation: see README, "Workflow engine"',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (error: unknown) => {
  const known =
    error instanceof ConfigError || error instanceof DatabaseUnreachable || error instanceof StartError || error instanceof DataFileError;
  console.error(known ? `npm start: ${(error as Error).message}` : error);
  await stopAll();
  process.exit(1);
});
