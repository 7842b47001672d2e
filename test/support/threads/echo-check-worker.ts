// A stand-in for deployment/check-worker.ts: answers, for each request, one finding per resource saying which
// thread checked it and the context it was given; a resource named `hang.bpmn` never answers (a check stuck in a
// regular expression or a huge file would not either). For check-runner.test.ts.
import { threadId } from 'node:worker_threads';
import type { CheckRequest } from '../../../deployment/check-runner.ts';
import { serveOffThread } from '../../../platform/off-thread.ts';

serveOffThread(({ resources, context }: CheckRequest) => {
  if (resources.some((r) => r.name === 'hang.bpmn')) for (;;);
  return resources.map((r, index) => ({ file: r.name, index, elementId: '', rule: 'echo', category: 'warn', message: JSON.stringify({ threadId, context }) }));
});
