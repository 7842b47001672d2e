// The bare engine's ceiling on this machine, measured the way the system uses it: a scratch engine database; one
// engine node (or two sharing that database, as a cluster would); a diagram of S no-op external tasks (async
// continuations before each when asked, and always with two nodes, so the nodes' job executors share the work);
// the project's own worker runtime completing them; N instances started from C concurrent clients.
// Used by `npm run bench:engine` and, for the same number of external tasks per filing, by `npm run bench:review`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseUrlNamed } from '../../platform/db.ts';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { freePort } from '../../platform/free-port.ts';
import { createEngineRest, type EngineConnection, type EngineRest } from '../../platform/engine-rest.ts';
import { startWorkerRuntime, type WorkerRuntime } from '../../workers/runtime/worker-runtime.ts';
import { bringUpEngine, type RunningEngine } from '../engine/bring-up-engine.ts';
import { dropEngineDatabase } from '../engine/engine-database-role.ts';
import { engineJar } from '../engine/build-engine.ts';
import { startEngineProcess, type EngineProcess } from '../engine/engine-process.ts';
import { findJava } from '../engine/find-java.ts';
import { coresBetween, sampleCpu, type CpuSample } from './cpu.ts';

export interface CeilingSettings {
  instances: number;
  steps: number;
  clients: number;
  nodes: 1 | 2;
  maxTasks: number;
  asyncSteps: boolean;
}

export interface CeilingResult {
  settings: CeilingSettings;
  coldStartS: number;
  jarBuilt: boolean;
  allStartedS: number;
  startP50Ms: number;
  startP95Ms: number;
  elapsedS: number;
  instancesPerS: number;
  externalTasksPerS: number;
  engineRssMb: number[];
  /** With two nodes: per node, async jobs executed and external tasks completed through it. */
  perNode: { jobs: number; externalTasks: number }[];
  /** Average cores used while the instances ran: the engine JVM(s), PostgreSQL, this process's worker, the machine. */
  cores: CpuSample;
}

const TOPIC = 'bench-noop';
const KEY = 'bench-noop';

function diagram(steps: number, asyncSteps: boolean): string {
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

export async function measureEngineCeiling(settings: CeilingSettings): Promise<CeilingResult> {
  const { instances, steps, clients, nodes, maxTasks } = settings;
  const asyncSteps = settings.asyncSteps || nodes === 2;
  const benchDb = `dpf_engine_bench_${process.pid}_${Date.now()}`;
  const engineDbUrl = databaseUrlNamed(loadConfig().engineDatabaseUrl, benchDb);
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
        // The same role as the first node's.
        databaseUrl: first.databaseRole!.databaseUrl,
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
    form.append('bench.bpmn', new Blob([diagram(steps, asyncSteps)]), 'bench.bpmn');
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
    const cpuBefore = sampleCpu(process.pid);
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
    const cores = { ...coresBetween(cpuBefore, sampleCpu(process.pid), elapsedS) };
    startLatencies.sort((a, b) => a - b);
    const p = (q: number) => Math.round(startLatencies[Math.min(startLatencies.length - 1, Math.floor(q * startLatencies.length))] ?? NaN);
    const perNode: CeilingResult['perNode'] = [];
    if (nodes === 2) {
      for (const [n, rest] of rests.entries()) {
        const { count } = await rest.get<{ count: number }>('/history/job-log/count', { hostname: `node-${n + 1}`, successLog: true, processDefinitionKey: KEY });
        perNode.push({ jobs: count, externalTasks: runtimes[n]!.counts.complete });
      }
    }
    return {
      settings: { ...settings, asyncSteps },
      coldStartS,
      jarBuilt: first.built,
      allStartedS,
      startP50Ms: p(0.5),
      startP95Ms: p(0.95),
      elapsedS,
      instancesPerS: instances / elapsedS,
      externalTasksPerS: (instances * steps) / elapsedS,
      engineRssMb: [first.process!.pid, second?.pid].filter((pid): pid is number => pid !== undefined).map(rssMb),
      perNode,
      // The worker runs in this process, which is the root of the sample: its share is the rest of the machine's.
      cores: { ...cores, otherInTree: Math.max(0, cores.machineBusy - cores.jvm - cores.postgres) },
    };
  } finally {
    await Promise.all(runtimes.map((r) => r.stop(5000)));
    await second?.stop();
    await first?.stop();
    await dropEngineDatabase(engineDbUrl);
  }
}
