// A client of its own (a worker thread, so the test's own work cannot delay it): asks `url` one request at a time,
// a new one every `intervalMs`, with `headers`, until told 'stop'; then answers every latency it measured (ms), when
// each began, and what failed. Plain JavaScript: a worker gets no TypeScript loader under vitest.
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, intervalMs } = workerData;
const latencies = [];
/** When each request began (Date.now()), to tell which other work it met. */
const startedAt = [];
const failures = [];
let stopping = false;
parentPort.on('message', (message) => {
  if (message === 'stop') stopping = true;
});

while (!stopping) {
  const started = performance.now();
  startedAt.push(Date.now());
  try {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status >= 500) failures.push(`${res.status}`);
  } catch (error) {
    failures.push(String(error));
  }
  const took = performance.now() - started;
  latencies.push(took);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - took)));
}
parentPort.postMessage({ latencies, startedAt, failures });
