// The deployment checks' worker thread (check-runner.ts starts it): runs findingsOf for each request posted, one
// at a time, and answers its findings. The context is passed to findingsOf as it came.
import { parentPort } from 'node:worker_threads';
import type { Resource } from './deploy-resources.ts';
import { findingsOf, type ResourceFinding } from './deployment-findings.ts';
import type { CheckReply, CheckRequest } from './check-runner.ts';
import type { CheckContext } from './deployment-findings.ts';

if (!parentPort) throw new Error('check-worker.ts runs in a worker thread (check-runner.ts starts it)');
const port = parentPort;
const run: (resources: Resource[], context: CheckContext) => Promise<ResourceFinding[]> = findingsOf;

port.on('message', async ({ id, resources, context }: CheckRequest) => {
  let reply: CheckReply;
  try {
    reply = { id, findings: await run(resources, context) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
