// `npm run workers`: external-task workers in a process of their own, against the engine at ENGINE_URL (with
// ENGINE_USER/ENGINE_PASSWORD). Run as many as the load needs: the engine gives each task to one of them at a
// time. `--topics=a,b` limits this process to some topics. Ctrl-C, SIGINT or SIGTERM finishes the tasks in hand.
// `npm start` runs one such process and starts it again when it dies.
import { ConfigError, loadConfig } from '../platform/config.ts';
import { createAppPool } from '../platform/db.ts';
import { createEngineRest } from '../platform/engine-rest.ts';
import { WORKER_TOPICS, workerDefinitions, workerSettings, type WorkerTopic } from '../workers/registry.ts';
import { startWorkerRuntime } from '../workers/runtime/worker-runtime.ts';
import { runPart } from './supervisor/part-entry.ts';
import type { WorkersFacts } from './supervisor/workers-part.ts';

runPart<WorkersFacts>({
  label: 'npm run workers',
  known: [ConfigError],
  async start() {
    const config = loadConfig();
    if (!config.engineUrl || !config.engineUser || !config.enginePassword) {
      throw new ConfigError('npm run workers needs ENGINE_URL, ENGINE_USER and ENGINE_PASSWORD (the engine `npm start` printed, and .data/engine-credentials.json)');
    }
    const arg = process.argv.find((a) => a.startsWith('--topics='));
    const topics = arg ? arg.slice('--topics='.length).split(',').filter(Boolean) : [...WORKER_TOPICS];
    const unknown = topics.filter((t) => !(WORKER_TOPICS as readonly string[]).includes(t));
    if (unknown.length) throw new ConfigError(`unknown topics: ${unknown.join(', ')} (known: ${WORKER_TOPICS.join(', ')})`);
    // As the application's role, like the API's workers (platform/db.ts).
    const db = createAppPool(config.databaseUrl, { statementTimeoutMs: config.databaseStatementTimeoutMs, idleInTransactionTimeoutMs: config.databaseIdleInTransactionTimeoutMs });
    const connection = { baseUrl: config.engineUrl, user: config.engineUser, password: config.enginePassword };
    const runtime = startWorkerRuntime({
      engine: connection,
      workers: workerDefinitions(config, db, createEngineRest(connection), topics as WorkerTopic[]),
      ...workerSettings(config),
      figures: { db },
    });
    return {
      facts: { workerId: runtime.workerId, topics: [...runtime.topics], engineUrl: config.engineUrl },
      stop: () => runtime.stop().then(() => db.end()),
    };
  },
  describe: (facts) => `workers ${facts.workerId}: ${facts.topics.join(', ')} on ${facts.engineUrl}`,
});
