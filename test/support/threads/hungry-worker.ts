// A thread that takes ever more memory for each request it gets, up to 1 GB, then answers `survived`: under a heap
// cap (resourceLimits) of a few dozen MB it dies first. For the memory caps' tests of the preview and the checks.
import { parentPort } from 'node:worker_threads';

const kept: number[][] = [];
parentPort!.on('message', ({ id }: { id: number }) => {
  for (let mb = 0; mb < 1024; mb++) kept.push(Array.from({ length: 128 * 1024 }, (_v, i) => i + mb)); // ~1 MB each
  parentPort!.postMessage({ id, error: `survived with ${kept.length} MB` });
});
