// A worker process that dies mid-task, for the crash test: it runs the real `record-filing-status` handler (the
// database write happens), says so on stdout, and then never reports to the engine — until it is killed.
import { loadConfig } from '../../platform/config.ts';
import { createAppPool } from '../../platform/db.ts';
import { createRecordFilingStatusHandler } from '../../workers/record-filing-status.ts';
import { startWorkerRuntime } from '../../workers/runtime/worker-runtime.ts';

const config = loadConfig();
const db = createAppPool(config.databaseUrl);
const real = createRecordFilingStatusHandler(db);
startWorkerRuntime({
  engine: { baseUrl: config.engineUrl, user: config.engineUser, password: config.enginePassword },
  workers: [
    {
      topic: 'record-filing-status',
      processDefinitionKey: 'crash-probe',
      handler: async (job) => {
        const outcome = await real(job);
        console.log(`handled ${job.key} ${outcome.kind}`);
        return new Promise(() => undefined);
      },
    },
  ],
  lockDurationMs: config.workerLockMs,
  maxTasks: 1,
  longPollMs: 1000,
  retries: 3,
  retryBackoffMs: 100,
});
console.log('ready');
