// Logs and metrics for the ecosystem's tools (docs/operations.md "日志", "指标"): one filing made with an
// X-Request-Id is followed through the system's JSON log lines — the API's access line, the outbox's start, the
// workers' tasks — by that id and its filing id, and no line of the whole filing carries an ID or certificate
// number; GET /metrics answers Prometheus text whose counters grow with the requests, to this machine or a token.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, simDataDirWith } from '../support/review-scenarios.ts';
import { filingTask, filingWhen } from '../support/filing-steps.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { serveWorkerMetrics } from '../../workers/runtime/metrics-server.ts';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';
const REQUEST_ID = 'abc-logs-and-metrics-0001';
const CONFIRM_ID = 'def-logs-and-metrics-0002';

const scenario = buildScenario({
  seed: 922_001,
  averageStaffCount: 120,
  averageAnnualWage: 90_000,
  employees: [{ cert: { kind: 'disability', grade: 3 } }, { cert: { kind: 'disability', grade: 4 } }],
});
const personalNumbers = scenario.filing.employees.flatMap((e) => [e.idNumber, e.certNumber]).filter((n): n is string => typeof n === 'string' && n.length >= 18);

let system: TestSystem;
let dataDir: string;
let filingId: string;
let employer: string;

type Line = Record<string, unknown> & { msg: string; part: string; level: string };
const lines = (): Line[] => system.logLines().map((l) => JSON.parse(l) as Line);

beforeAll(async () => {
  dataDir = await simDataDirWith([scenario]);
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, METRICS_TOKEN });
  employer = await system.login({ role: 'employer', uscc: scenario.filing.employer.uscc });
  const res = await fetch(`${system.apiUrl}/api/filings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${employer}`, 'content-type': 'application/json', 'X-Request-Id': REQUEST_ID },
    body: JSON.stringify(scenario.filing),
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-request-id')).toBe(REQUEST_ID);
  filingId = ((await res.json()) as { id: string }).id;
  await filingWhen(system, employer, filingId, 'the automatic result', (f) => f.status === 'awaiting_confirmation');
  // The employer confirms with a request id of its own: the tasks after it name that request.
  const task = await filingTask(system, employer, filingId, 'confirm-result');
  const confirmed = await fetch(`${system.apiUrl}/api/tasks/${task.id}/complete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${employer}`, 'content-type': 'application/json', 'X-Request-Id': CONFIRM_ID },
    body: JSON.stringify({ confirmationDecision: 'confirm' }),
  });
  expect(confirmed.status).toBe(200);
  await filingWhen(system, employer, filingId, 'certified', (f) => f.status === 'certified');
}, 240_000);

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the log', () => {
  it('has the access line of the request, with its id, route pattern, status, time and role', () => {
    const access = lines().filter((l) => l.access === true && l.requestId === REQUEST_ID);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ part: 'api', level: 'info', msg: 'request', method: 'POST', route: '/api/filings', path: '/api/filings', status: 201, role: 'employer', filingId });
    expect(typeof access[0]!.ms).toBe('number');
    expect(typeof access[0]!.time).toBe('string');
  });

  it('carries the request id through the outbox into the workers’ lines for the filing', () => {
    const ofFiling = lines().filter((l) => l.filingId === filingId);
    const sent = ofFiling.find((l) => l.part === 'outbox' && l.msg.startsWith('outbox: sent create-process-instance'));
    expect(sent, 'the outbox line').toMatchObject({ requestId: REQUEST_ID, level: 'info' });
    const tasks = ofFiling.filter((l) => l.part === 'workers' && typeof l.topic === 'string');
    const topics = new Set(tasks.map((l) => l.topic));
    expect(topics).toContain('check-registration');
    expect(topics).toContain('record-filing-status');
    for (const task of tasks) {
      expect(task, task.msg).toMatchObject({ filingId, taskId: expect.any(String), processInstanceId: expect.any(String) });
      expect([REQUEST_ID, CONFIRM_ID], task.msg).toContain(task.requestId);
    }
    expect(tasks.some((l) => l.outcome === 'complete' && typeof l.ms === 'number')).toBe(true);
    // Before the confirmation the filing's request; after it, the confirmation's.
    const checks = tasks.filter((l) => l.topic === 'check-registration');
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expect(check.requestId).toBe(REQUEST_ID);
    const after = tasks.filter((l) => l.requestId === CONFIRM_ID);
    expect(after.length, 'worker lines after the confirmation').toBeGreaterThan(0);
    expect(after.every((l) => Date.parse(l.time as string) >= Date.parse(tasks.find((t) => t.requestId === REQUEST_ID)!.time as string))).toBe(true);
  });

  it('carries a message’s request id through the outbox into the process', async () => {
    const FEEDBACK_ID = 'ghi-logs-and-metrics-0003';
    // The feedback is taken once the process waits for it, a moment after the certification.
    await eventually('the feedback to be taken', async () => {
      const res = await fetch(`${system.apiUrl}/api/filings/${filingId}/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${employer}`, 'content-type': 'application/json', 'X-Request-Id': FEEDBACK_ID },
        body: JSON.stringify({ reason: '第 1 名职工的工资填报有误，申请修改' }),
      });
      return res.status === 202 ? true : undefined;
    });
    const row = await system.db.query<{ payload: { requestId?: string } }>(`select payload from outbox where business_key = $1 and command = 'correlate-message'`, [filingId]);
    expect(row.rows.map((r) => r.payload.requestId)).toEqual([FEEDBACK_ID]);
    const sent = await eventually('the message sent', async () =>
      lines().find((l) => l.part === 'outbox' && l.filingId === filingId && l.msg.startsWith('outbox: sent correlate-message')),
    );
    expect(sent.requestId).toBe(FEEDBACK_ID);
    const variable = await eventually('the process variable', async () => {
      const [instance] = await system.rest.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
      if (!instance) return undefined;
      const value = await system.rest.get<{ value: string }>(`/process-instance/${instance.id}/variables/requestId`);
      return value.value === FEEDBACK_ID ? value.value : undefined;
    });
    expect(variable).toBe(FEEDBACK_ID);
  });

  it('makes its own id for a request without one, and refuses one that is not well formed', async () => {
    for (const given of [undefined, 'short', 'has space in it', `id-${personalNumbers[0]}`]) {
      const res = await fetch(`${system.apiUrl}/api/health`, { headers: given === undefined ? {} : { 'X-Request-Id': given } });
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(id).not.toBe(given);
    }
  });

  it('never carries an ID or certificate number, across the whole filing and a path or query holding one', async () => {
    const number = personalNumbers[0]!;
    await fetch(`${system.apiUrl}/api/filings/${number}?idNumber=${number}`, { headers: { authorization: `Bearer ${employer}` } });
    const all = system.logLines();
    expect(all.some((l) => l.includes('"route":"/api/filings/:id"') && l.includes('"status":4'))).toBe(true);
    expect(personalNumbers.length).toBeGreaterThan(0);
    for (const line of all) for (const n of personalNumbers) expect(line).not.toContain(n);
    expect(all.join('\n')).not.toMatch(/\d{17}[\dXx]/);
  });
});

/** Samples of Prometheus text, each `name{labels} value`, checked line by line as it is parsed. */
function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/i.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(headers: Record<string, string> = {}) {
  const res = await fetch(`${system.apiUrl}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

const valueOf = (samples: ReturnType<typeof parsePrometheus>, name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

describe('GET /metrics', () => {
  it('answers Prometheus text with the requests, the tasks, the departments, the outbox, the engine and Node', async () => {
    const samples = await scrape();
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'dpf_http_requests_total',
      'dpf_http_request_duration_seconds_bucket',
      'dpf_external_task_outcomes_total',
      'dpf_department_call_duration_seconds_count',
      'dpf_outbox_pending',
      'dpf_outbox_given_up',
      'dpf_incidents_open',
      'dpf_up',
      'dpf_engine_process_instances',
      'dpf_engine_external_tasks',
      'dpf_process_cpu_user_seconds_total',
      'dpf_nodejs_heap_size_used_bytes',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(valueOf(samples, 'dpf_http_requests_total', { method: 'POST', route: '/api/filings', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'dpf_external_task_outcomes_total', { topic: 'check-registration', outcome: 'complete' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'dpf_department_call_duration_seconds_count', { department: 'registration', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'dpf_up', { check: 'database' })).toBe(1);
    // Labels are names of routes, topics and departments: nothing a person typed.
    for (const n of personalNumbers) expect(JSON.stringify(samples)).not.toContain(n);
  });

  it('counts requests as they come', async () => {
    const health = { method: 'GET', route: '/api/health', status_class: '2xx' };
    const before = valueOf(await scrape(), 'dpf_http_requests_total', health);
    for (let i = 0; i < 3; i++) await fetch(`${system.apiUrl}/api/health`);
    const after = await scrape();
    expect(valueOf(after, 'dpf_http_requests_total', health)).toBe(before + 3);
    expect(valueOf(after, 'dpf_http_request_duration_seconds_count', health)).toBeGreaterThanOrEqual(before + 3);
  });

  it('is refused through a proxy or with a wrong token, and answered with METRICS_TOKEN', async () => {
    expect((await fetch(`${system.apiUrl}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${system.apiUrl}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token-at-all-000000' } })).status).toBe(403);
    await scrape({ 'X-Forwarded-For': '203.0.113.9', authorization: `Bearer ${METRICS_TOKEN}` });
  });
});

describe('a worker process’s metrics port (WORKER_METRICS_PORT)', () => {
  it('serves the process’s figures at /metrics on this machine or with the token, nothing else', async () => {
    const server = await serveWorkerMetrics({ port: 0, host: '127.0.0.1', token: METRICS_TOKEN });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      const samples = parsePrometheus(await res.text());
      expect(valueOf(samples, 'dpf_external_task_outcomes_total', { topic: 'check-registration', outcome: 'complete' })).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(403);
      expect((await fetch(`${url}/metrics`, { headers: { 'X-Forwarded-For': '203.0.113.9', authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
      expect((await fetch(`${url}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
