// A stand-in for deployment/check-worker.ts: answers, for each request, one finding per resource saying which
// thread checked it and the context it was given; a resource named `hang.bpmn` never answers (a check stuck in a
// regular expression or a huge file would not either). For check-runner.test.ts.
import { parentPort, threadId } from 'node:worker_threads';
import type { CheckRequest } from '../../../deployment/check-runner.ts';

parentPort!.on('message', ({ id, resources, context }: CheckRequest) => {
  if (resources.some((r) => r.name === 'hang.bpmn')) for (;;);
  parentPort!.postMessage({
    id,
    findings: resources.map((r, index) => ({ file: r.name, index, elementId: '', rule: 'echo', category: 'warn', message: JSON.stringify({ threadId, context }) })),
  });
});
