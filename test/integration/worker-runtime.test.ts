// The worker runtime against the real engine: a task whose worker is killed mid-task is redone by another after
// the lock expires, without a doubled effect; failures count retries down to an incident, which an operator's
// retry resolves; a graceful stop finishes the task in hand.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../../platform/config.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { createFiling } from '../../filings/filing-store.ts';
import { createRecordFilingStatusHandler } from '../../workers/record-filing-status.ts';
import { retryTimeout, startWorkerRuntime, type WorkerRuntime } from '../../workers/runtime/worker-runtime.ts';
import { complete, fail, type Job } from '../../workers/job-outcome.ts';
import { eventually } from '../support/system.ts';
import { createdId } from '../support/fixtures.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

let db: Db;
let engine: EngineRest;
const runtimes: WorkerRuntime[] = [];

// A diagram of one step per test, deployed under its own key so no other worker of the run serves it.
function oneStepProcess(key: string, topic: string, inputs: Record<string, string> = {}): string {
  const params = Object.entries(inputs)
    .map(([name, value]) => `<operaton:inputParameter name="${name}">${value}</operaton:inputParameter>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d-${key}" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="${key}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="step" operaton:type="external" operaton:topic="${topic}">
      <bpmn:extensionElements><operaton:inputOutput>${params}</operaton:inputOutput></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="step" />
    <bpmn:sequenceFlow id="f2" sourceRef="step" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

const deploy = (key: string, xml: string): Promise<void> => deployDiagram(engine, key, xml);

async function start(key: string, businessKey: string, variables: Record<string, string> = {}): Promise<string> {
  const typed = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v, type: 'String' }]));
  const instance = await engine.post<{ id: string }>(`/process-definition/key/${key}/start`, { businessKey, variables: typed });
  return instance.id;
}

async function ended(instanceId: string): Promise<boolean> {
  const instance = await engine.get<{ state: string }>(`/history/process-instance/${instanceId}`);
  return instance.state === 'COMPLETED';
}

type Handler = Parameters<typeof startWorkerRuntime>[0]['workers'][number]['handler'];

function runtime(topic: string, handler: Handler, extra: { retries?: number; processDefinitionKey?: string; lockDurationMs?: number; maxTasks?: number } = {}) {
  const r = startWorkerRuntime({
    engine: inject('engine'),
    workers: [{ topic, handler, ...(extra.processDefinitionKey ? { processDefinitionKey: extra.processDefinitionKey } : {}) }],
    lockDurationMs: extra.lockDurationMs ?? 10_000,
    maxTasks: extra.maxTasks ?? 5,
    longPollMs: 1000,
    retries: extra.retries ?? 3,
    retryBackoffMs: 100,
    log: () => undefined,
  });
  runtimes.push(r);
  return r;
}

beforeAll(() => {
  db = createPool(inject('databaseUrl'));
  engine = createEngineRest(inject('engine'));
});

afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.stop(1000)));
  await db.end();
});

describe('worker runtime on the engine', () => {
  it('redoes the task of a worker killed mid-task once its lock expires, recording the effect once', async () => {
    const key = 'crash-probe';
    await deploy(key, oneStepProcess(key, 'record-filing-status', { status: 'accepted', step: 'crash-probe' }));
    const filing = syntheticFiling(700_001, { regionCode: '330109' });
    const stored = { id: createdId(await createFiling(db, { sub: 'crash-test', role: 'employer', uscc: filing.employer.uscc }, filing, undefined)) };
    const instanceId = await start(key, stored.id, { filingId: stored.id });
    const inject_ = inject('engine');

    // First worker: its own process, a 3-second lock; it writes the history entry and then hangs.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'crashing-worker.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: inject('databaseUrl'),
        ENGINE_URL: inject_.baseUrl,
        ENGINE_USER: inject_.user,
        ENGINE_PASSWORD: inject_.password,
        WORKER_LOCK_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await eventually('the first worker to handle the task', async () => (out.includes('handled') ? true : undefined), 60_000);
    } catch (error) {
      const tasks = await engine.get<unknown[]>('/external-task', { processInstanceId: instanceId });
      throw new Error(`${String(error)}; the worker said: ${out}; the engine's tasks: ${JSON.stringify(tasks)}`);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(out).toMatch(/handled \S+ complete/);
    const entries = async () =>
      (await db.query('select count(*)::int as n from filing_status_history where filing_id = $1 and step = $2', [stored.id, 'crash-probe'])).rows[0].n;
    expect(await entries()).toBe(1);
    expect(await ended(instanceId)).toBe(false);

    // A second worker gets the same task after the lock runs out and completes it; the entry stays single.
    const handled: string[] = [];
    const real = createRecordFilingStatusHandler(db);
    runtime(
      'record-filing-status',
      async (job) => {
        handled.push(job.key);
        return real(job);
      },
      { processDefinitionKey: key },
    );
    await eventually('the instance to end', async () => ((await ended(instanceId)) ? true : undefined), 60_000);
    expect(handled).toHaveLength(1);
    expect(out).toContain(`handled ${handled[0]} complete`);
    expect(await entries()).toBe(1);
    const status = (await db.query('select status from filings where id = $1', [stored.id])).rows[0].status;
    expect(status).toBe('accepted');
  }, 150_000);

  it('counts retries down with a growing back-off to an incident, and an operator retry resumes the instance', async () => {
    const key = 'incident-probe';
    await deploy(key, oneStepProcess(key, 'incident-probe'));
    const instanceId = await start(key, `incident-${Date.now()}`);
    let healthy = false;
    const seen: { retries: number; at: number }[] = [];
    runtime(
      'incident-probe',
      async (job) => {
        seen.push({ retries: job.retries, at: Date.now() });
        return healthy ? complete({ probed: true }) : fail('部门系统不可用（测试）');
      },
      { retries: 3 },
    );
    const incident = await eventually('the incident', async () => {
      const [found] = await engine.get<{ id: string; incidentMessage: string; configuration: string }[]>('/incident', { processInstanceId: instanceId });
      return found;
    });
    expect(incident.incidentMessage).toBe('部门系统不可用（测试）');
    // Three attempts: retries seen 3, 2, 1; the waits between them grow (100 ms, then 200 ms).
    expect(seen.map((s) => s.retries)).toEqual([3, 2, 1]);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(retryTimeout(100, 2) - 20);
    const [task] = await engine.get<{ id: string; retries: number; errorMessage: string }[]>('/external-task', { processInstanceId: instanceId });
    expect(task).toMatchObject({ retries: 0, errorMessage: '部门系统不可用（测试）' });

    // The department is back; the operator retries in Cockpit (the same REST call).
    healthy = true;
    await engine.put(`/external-task/${task!.id}/retries`, { retries: 1 });
    await eventually('the instance to end', async () => ((await ended(instanceId)) ? true : undefined));
    expect(await engine.get<unknown[]>('/incident', { processInstanceId: instanceId })).toEqual([]);
  });

  it('completes parallel branches of one instance one after another, so they never collide at their join', async () => {
    const key = 'parallel-probe';
    const branches = ['a', 'b', 'c', 'd', 'e'];
    await deploy(
      key,
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d-${key}" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="${key}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork"><bpmn:incoming>f0</bpmn:incoming>${branches.map((b) => `<bpmn:outgoing>in-${b}</bpmn:outgoing>`).join('')}</bpmn:parallelGateway>
    ${branches.map((b) => `<bpmn:serviceTask id="step-${b}" operaton:type="external" operaton:topic="parallel-probe"><bpmn:incoming>in-${b}</bpmn:incoming><bpmn:outgoing>out-${b}</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="in-${b}" sourceRef="fork" targetRef="step-${b}" /><bpmn:sequenceFlow id="out-${b}" sourceRef="step-${b}" targetRef="join" />`).join('\n    ')}
    <bpmn:parallelGateway id="join">${branches.map((b) => `<bpmn:incoming>out-${b}</bpmn:incoming>`).join('')}<bpmn:outgoing>f9</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:sequenceFlow id="f9" sourceRef="join" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f9</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`,
    );
    // All five branches are fetched together and answered at the same moment.
    const r = runtime('parallel-probe', async () => complete({}));
    const ids = await Promise.all(Array.from({ length: 4 }, (_, i) => start(key, `parallel-${Date.now()}-${i}`)));
    await eventually('every instance to end', async () => ((await Promise.all(ids.map(ended))).every(Boolean) ? true : undefined));
    expect(r.counts.complete).toBe(20);
    expect(r.counts.conflictRetried).toBe(0);
    expect(r.counts.reportFailed).toBe(0);
  });

  it('finishes the task in hand on a graceful stop', async () => {
    const key = 'stop-probe';
    await deploy(key, oneStepProcess(key, 'stop-probe'));
    let started = false;
    const r = runtime('stop-probe', async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return complete({ finished: true });
    });
    const instanceId = await start(key, `stop-${Date.now()}`);
    await eventually('the task to start', async () => (started ? true : undefined));
    expect(r.inFlight()).toBe(1);
    await r.stop(10_000);
    expect(r.inFlight()).toBe(0);
    expect(r.counts.complete).toBe(1);
    expect(await ended(instanceId)).toBe(true);
  });

  it('hands back a task that a long poll brings while stopping, instead of leaving it locked', async () => {
    const key = 'release-probe';
    await deploy(key, oneStepProcess(key, 'release-probe'));
    let handled = 0;
    const r = runtime('release-probe', async () => {
      handled++;
      return complete({});
    });
    // Let its first long poll reach the engine, then stop while it waits there.
    await eventually('a long poll waiting at the engine', async () => (r.polling() ? true : undefined));
    const stopping = r.stop(10_000);
    const instanceId = await start(key, `release-${Date.now()}`);
    await stopping;
    expect(handled).toBe(0);
    expect(r.counts.released).toBe(1);
    const [task] = await engine.get<{ workerId: string | null; lockExpirationTime: string | null }[]>('/external-task', { processInstanceId: instanceId });
    expect(task).toMatchObject({ workerId: null, lockExpirationTime: null });
  });

  it('runs a handler slower than its lock once, extending the lock, and completes it', async () => {
    const key = 'slow-probe';
    await deploy(key, oneStepProcess(key, 'slow-probe'));
    const runs: string[] = [];
    // A department call of five seconds against a two-second lock, two workers waiting for the topic.
    const slow: Handler = async (job) => {
      runs.push(job.key);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return complete({});
    };
    const first = runtime('slow-probe', slow, { processDefinitionKey: key, lockDurationMs: 2000 });
    const second = runtime('slow-probe', slow, { processDefinitionKey: key, lockDurationMs: 2000 });
    const instanceId = await start(key, `slow-${Date.now()}`);
    await eventually('the instance to end', async () => ((await ended(instanceId)) ? true : undefined), 60_000);
    expect(runs).toHaveLength(1);
    expect(first.counts.complete + second.counts.complete).toBe(1);
    expect(first.counts.lockExtended + second.counts.lockExtended).toBeGreaterThanOrEqual(2);
    expect(first.counts.lockLost + second.counts.lockLost + first.counts.reportFailed + second.counts.reportFailed).toBe(0);
  });

  /** A handler that runs until its job is let go, like a department call that never answers. */
  function untilLetGo(seen: Job[]): Handler {
    return async (job) => {
      seen.push(job);
      await eventually('the job to be let go', async () => (job.signal?.aborted ? true : undefined), 60_000);
      return complete({ afterLetGo: true });
    };
  }

  it('does not report a task whose lock another worker took, and tells its handler to stop', async () => {
    const key = 'stolen-probe';
    await deploy(key, oneStepProcess(key, 'stolen-probe'));
    const seen: Job[] = [];
    // One task at a time: this worker does not fetch the task again itself while the thief takes it.
    const r = runtime('stolen-probe', untilLetGo(seen), { processDefinitionKey: key, lockDurationMs: 2000, maxTasks: 1 });
    const instanceId = await start(key, `stolen-${Date.now()}`);
    await eventually('the task to be in hand', async () => (seen.length === 1 ? true : undefined));
    const taskId = seen[0]!.key;
    // Another worker takes the task through the engine's REST: unlocked, then fetched and locked under its own id.
    await engine.post(`/external-task/${taskId}/unlock`);
    const taken = await engine.post<{ id: string }[]>('/external-task/fetchAndLock', {
      workerId: 'thief',
      maxTasks: 1,
      topics: [{ topicName: 'stolen-probe', lockDuration: 60_000, processDefinitionKey: key }],
    });
    expect(taken.map((t) => t.id)).toEqual([taskId]);
    await eventually('the lock loss to be noticed', async () => (r.counts.lockLost === 1 ? true : undefined));
    expect(seen[0]!.signal?.aborted).toBe(true);
    expect(r.counts.complete + r.counts.fail + r.counts.bpmnError).toBe(0);
    const task = await engine.get<{ workerId: string }>(`/external-task/${taskId}`);
    expect(task.workerId).toBe('thief');
    expect(await ended(instanceId)).toBe(false);
    await engine.post(`/external-task/${taskId}/complete`, { workerId: 'thief' });
    expect(await ended(instanceId)).toBe(true);
  });

  it('on a stop past its grace aborts the handler in hand and hands its task back for another worker at once', async () => {
    const key = 'grace-probe';
    await deploy(key, oneStepProcess(key, 'grace-probe'));
    const seen: Job[] = [];
    const logged: string[] = [];
    const r = startWorkerRuntime({
      engine: inject('engine'),
      workers: [{ topic: 'grace-probe', handler: untilLetGo(seen), processDefinitionKey: key }],
      lockDurationMs: 60_000,
      maxTasks: 1,
      longPollMs: 1000,
      retries: 3,
      retryBackoffMs: 100,
      stopGraceMs: 500,
      log: (m) => logged.push(m),
    });
    runtimes.push(r);
    const instanceId = await start(key, `grace-${Date.now()}`);
    await eventually('the task to be in hand', async () => (seen.length === 1 ? true : undefined));
    await r.stop();
    expect(seen[0]!.signal?.aborted).toBe(true);
    expect(r.counts.released).toBe(1);
    expect(r.counts.complete + r.counts.fail).toBe(0);
    expect(r.inFlight()).toBe(0);
    expect(logged.some((m) => m.includes(`handed back grace-probe task ${seen[0]!.key}`))).toBe(true);
    // Unlocked, not left locked for its 60 s: the next worker takes it now.
    const [task] = await engine.get<{ workerId: string | null; lockExpirationTime: string | null }[]>('/external-task', { processInstanceId: instanceId });
    expect(task).toMatchObject({ workerId: null, lockExpirationTime: null });
    runtime('grace-probe', async () => complete({}), { processDefinitionKey: key });
    await eventually('the instance to end', async () => ((await ended(instanceId)) ? true : undefined), 30_000);
  });
});
