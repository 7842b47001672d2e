// `npm run bench:engine [-- --instances N --steps S --clients C --nodes 1|2 --max-tasks M --async]`: the bare
// engine's ceiling on this machine, measured the way the system uses it. A scratch engine database; one engine node
// (or two sharing that database, as a cluster would); a diagram of S no-op external tasks (with --async, and always
// with two nodes, each after an async continuation, so the nodes' job executors share the work); the project's own
// worker runtime completing them;
// N instances started from C concurrent clients. Prints instances/s and external tasks/s, the engine's memory,
// and with two nodes which node executed how many jobs and external tasks. Nothing here is a pass/fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dropDatabase } from '../platform/db.ts';
import { loadConfig, projectRoot } from '../platform/config.ts';
import { freePort } from '../platform/free-port.ts';
import { createEngineRest, type EngineConnection, type EngineRest } from '../platform/engine-rest.ts';
import { startWorkerRuntime, type WorkerRuntime } from '../workers/runtime/worker-runtime.ts';
import { bringUpEngine, type RunningEngine } from './engine/bring-up-engine.ts';
import { engineJar } from './engine/build-engine.ts';
import { startEngineProcess, type EngineProcess } from './engine/engine-process.ts';
import { findJava } from './engine/find-java.ts';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '3' },
    clients: { type: 'string', default: '8' },
    nodes: { type: 'string', default: '1' },
    'max-tasks': { type: 'string', default: '32' },
    async: { type: 'boolean', default: false },
  },
});
const instances = Number(values.instances);
const steps = Number(values.steps);
const clients = Number(values.clients);
const nodes = Number(values.nodes);
const maxTasks = Number(values['max-tasks']);
const asyncSteps = values.async || nodes === 2;
if (![instances, steps, clients, maxTasks].every((n) => Number.isInteger(n) && n > 0) || (nodes !== 1 && nodes !== 2)) {
  console.error('bench:engine: --instances, --steps, --clients and --max-tasks are positive integers; --nodes is 1 or 2');
  process.exit(2);
}

const TOPIC = 'bench-noop';
const KEY = 'bench-noop';

function diagram(): string {
  const tasks = Array.from({ length: steps }, (_, i) => `
    <bpmn:serviceTask id="step${i}" operaton:type="external" operaton:topic="${TOPIC}"${asyncSteps ? ' operaton:asyncBefore="true"' : ''}>
      <bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f${i + 1}" sourceRef="step${i}" targetRef="${i + 1 === steps ? 'end' : `step${i + 1}`}" />`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="bench" targetNamespace="http://dpf.zj.cn/bench">
  <bpmn:process id="${KEY}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="step0" />${tasks}
    <bpmn:endEvent id="end"><bpmn:incoming>f${steps}</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024);
}

const benchDb = `dpf_engine_bench_${process.pid}`;
const engineDbUrl = (() => {
  const url = new URL(loadConfig().engineDatabaseUrl);
  url.pathname = `/${benchDb}`;
  return url.toString();
})();
const credentials = { ENGINE_USER: 'bench', ENGINE_PASSWORD: 'bench-password', ENGINE_ADMIN_PASSWORD: 'bench-admin' };
const nodeProps = (n: number) => ({ 'operaton.bpm.generic-properties.properties.hostname': `node-${n}` });

let first: RunningEngine | undefined;
let second: EngineProcess | undefined;
const runtimes: WorkerRuntime[] = [];
try {
  const t0 = performance.now();
  const config = loadConfig({ ...process.env, ...credentials, ENGINE_URL: '', ENGINE_DATABASE_URL: engineDbUrl, ENGINE_PORT: String(await freePort()) });
  first = await bringUpEngine(config, { log: () => undefined, logFile: path.join(projectRoot, '.data', 'engine-bench-1.log'), systemProperties: nodeProps(1) });
  const coldStartS = (performance.now() - t0) / 1000;
  const connections: EngineConnection[] = [first.connection];
  if (nodes === 2) {
    second = await startEngineProcess({
      javaPath: findJava().path,
      jar: engineJar,
      port: await freePort(),
      databaseUrl: engineDbUrl,
      credentials: first.credentials,
      heap: config.engineHeap,
      logFile: path.join(projectRoot, '.data', 'engine-bench-2.log'),
      startTimeoutMs: 180_000,
      systemProperties: nodeProps(2),
    });
    connections.push({ ...first.connection, baseUrl: second.baseUrl });
  }
  const rests: EngineRest[] = connections.map((c) => createEngineRest(c, 60_000));
  const form = new FormData();
  form.set('deployment-name', 'bench');
  form.append('bench.bpmn', new Blob([diagram()]), 'bench.bpmn');
  await rests[0]!.postForm('/deployment/create', form);

  // The project's worker runtime, one per node, each fetching from its own node.
  for (const connection of connections) {
    runtimes.push(
      startWorkerRuntime({
        engine: connection,
        workers: [{ topic: TOPIC, handler: async () => ({ kind: 'complete', variables: {} }) }],
        lockDurationMs: 60_000,
        maxTasks,
        longPollMs: 20_000,
        retries: 3,
        retryBackoffMs: 1000,
        log: (m) => console.error(m),
      }),
    );
  }

  const started = performance.now();
  let next = 0;
  const startLatencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const rest = rests[client % rests.length]!;
      for (let i = next++; i < instances; i = next++) {
        const t = performance.now();
        await rest.post(`/process-definition/key/${KEY}/start`, { businessKey: `bench-${i}` });
        startLatencies.push(performance.now() - t);
      }
    }),
  );
  const allStartedS = (performance.now() - started) / 1000;
  for (;;) {
    const { count } = await rests[0]!.get<{ count: number }>('/history/process-instance/count', { processDefinitionKey: KEY, finished: true });
    if (count >= instances) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsedS = (performance.now() - started) / 1000;
  startLatencies.sort((a, b) => a - b);
  const p = (q: number) => Math.round(startLatencies[Math.min(startLatencies.length - 1, Math.floor(q * startLatencies.length))] ?? NaN);

  const rows: [string, string][] = [
    ['engine cold start (fresh database, schema created)', `${coldStartS.toFixed(1)} s${first.built ? ' (jar built first)' : ''}`],
    ['setting', `${instances} instances × ${steps} external tasks${asyncSteps ? ' (async before each)' : ''}, ${clients} clients, ${nodes} node(s), maxTasks ${maxTasks}`],
    ['all instances started after', `${allStartedS.toFixed(1)} s (start call p50 ${p(0.5)} ms, p95 ${p(0.95)} ms)`],
    ['all instances ended after', `${elapsedS.toFixed(1)} s`],
    ['instances/s', (instances / elapsedS).toFixed(1)],
    ['external tasks/s', ((instances * steps) / elapsedS).toFixed(1)],
    ['engine resident memory', [first.process!.pid, second?.pid].filter(Boolean).map((pid) => `${rssMb(pid!)} MB`).join(' + ')],
  ];
  if (nodes === 2) {
    for (const [n, rest] of rests.entries()) {
      const { count } = await rest.get<{ count: number }>('/history/job-log/count', { hostname: `node-${n + 1}`, successLog: true, processDefinitionKey: KEY });
      rows.push([`node-${n + 1}`, `${count} async jobs executed; ${runtimes[n]!.counts.complete} external tasks completed through its REST API`]);
    }
  }
  console.log(`bench:engine on ${new Date().toISOString()}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(52)} ${value}`);
} finally {
  await Promise.all(runtimes.map((r) => r.stop(5000)));
  await second?.stop();
  await first?.stop();
  await dropDatabase(engineDbUrl);
}
