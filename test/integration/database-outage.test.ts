// A database that goes away — every connection terminated (what a PostgreSQL restart or fail-over does), then an
// outage window in which no connection is allowed — against the running system and the run's engine: no process
// error escapes, requests answer 503 with Retry-After (never 500), and once connections are allowed again the API,
// its health and the engine (a process start, an external-task fetch) are well again within 30 s, without a restart.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { databaseUrlNamed } from '../../platform/db.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

const PROBE_PROCESS = 'database-outage-probe';
const PROBE_TOPIC = 'database-outage-probe-topic';
const PROBE_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.org/outage">
  <bpmn:process id="${PROBE_PROCESS}" name="数据库中断探测" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work" name="探测" operaton:type="external" operaton:topic="${PROBE_TOPIC}" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

let system: TestSystem;
let admin: pg.Client;
let operator: string;
let appDatabase: string;
let engineDatabase: string;
const escaped: unknown[] = [];
const onEscaped = (error: unknown) => escaped.push(error);

/** Ends every connection to the two databases but the administrator's own (found first: no other is touched). */
async function terminateAll(): Promise<number> {
  const found = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()', [[appDatabase, engineDatabase]]);
  const pids = found.rows.map((r) => r.pid);
  const ended = await admin.query<{ ended: boolean }>('select pg_terminate_backend(p) as ended from unnest($1::int[]) as p', [pids]);
  return ended.rows.filter((r) => r.ended).length;
}

async function allowConnections(allowed: boolean): Promise<void> {
  for (const name of [appDatabase, engineDatabase]) await admin.query(`alter database ${pg.escapeIdentifier(name)} allow_connections ${allowed}`);
}

/** One request as a client would make it, its status, Retry-After and problem title. */
async function probe(path: string, init: RequestInit = {}): Promise<{ status: number; retryAfter: string | null; title?: string }> {
  const res = await fetch(system.apiUrl + path, { ...init, headers: { authorization: `Bearer ${operator}`, ...(init.headers ?? {}) } });
  const body = (await res.json().catch(() => undefined)) as { title?: string } | undefined;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...(body?.title ? { title: body.title } : {}) };
}

const PATHS = ['/api/operations/health', '/api/operations/incidents', '/api/notifications'];

async function allWell(): Promise<true | undefined> {
  for (const path of PATHS) if ((await probe(path)).status !== 200) return undefined;
  const health = await fetch(`${system.apiUrl}/api/health`);
  return health.status === 200 ? true : undefined;
}

/** The engine over its own database again: a process started, its external task fetched and completed. */
async function engineWorks(): Promise<true | undefined> {
  const started = await system.rest.post<{ id: string }>(`/process-definition/key/${PROBE_PROCESS}/start`, { businessKey: `outage-${Date.now()}` });
  const tasks = await system.rest.post<{ id: string }[]>('/external-task/fetchAndLock', {
    workerId: 'database-outage-test',
    maxTasks: 1,
    topics: [{ topicName: PROBE_TOPIC, lockDuration: 10_000, processInstanceIdIn: [started.id] }],
  });
  if (tasks.length !== 1) return undefined;
  await system.rest.post(`/external-task/${tasks[0]!.id}/complete`, { workerId: 'database-outage-test' });
  return true;
}

beforeAll(async () => {
  process.on('uncaughtException', onEscaped);
  process.on('unhandledRejection', onEscaped);
  system = await startTestSystem();
  appDatabase = nameOf(inject('databaseUrl'));
  engineDatabase = nameOf(inject('engineProcess').databaseUrl);
  admin = new pg.Client({ connectionString: databaseUrlNamed(inject('databaseUrl'), 'postgres') });
  admin.on('error', () => undefined);
  await admin.connect();
  await deployDiagram(system.rest, PROBE_PROCESS, PROBE_DIAGRAM);
  operator = await system.login({ role: 'operator' });
}, 120_000);

afterEach(async () => {
  // Whatever a test did, the databases take connections again before the next one (and the teardown).
  await allowConnections(true);
});

afterAll(async () => {
  try {
    await admin?.query('select 1').then(() => allowConnections(true));
    await admin?.end();
    await system?.stop();
  } finally {
    process.off('uncaughtException', onEscaped);
    process.off('unhandledRejection', onEscaped);
  }
});

describe('a database that goes away', () => {
  it('listens for lost connections on the pool, so none can end the process', () => {
    expect(system.db.listenerCount('error')).toBeGreaterThan(0);
  });

  it('survives every connection terminated while requests run: 200 or 503 with Retry-After, never 500', async () => {
    const answers: Awaited<ReturnType<typeof probe>>[] = [];
    let running = true;
    const clients = Array.from({ length: 4 }, async (_, i) => {
      while (running) answers.push(await probe(PATHS[i % PATHS.length]!));
    });
    let terminated = 0;
    for (let round = 0; round < 5; round++) {
      // Between rounds the pools reconnect: the next round finds fresh connections to end.
      await eventually('requests answered between rounds', async () => (answers.length > (round + 1) * 8 ? true : undefined));
      terminated += await terminateAll();
    }
    running = false;
    await Promise.all(clients);

    expect(terminated).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && !a.retryAfter)).toEqual([]);
    await eventually('the API and its health well again', allWell, 30_000);
    await eventually('the engine starting a process and handing out its task again', engineWorks, 30_000);
    expect(escaped).toEqual([]);
  }, 120_000);

  it('answers 503 with Retry-After in Chinese while no connection is allowed, and is well within 30 s after', async () => {
    await allowConnections(false);
    await terminateAll();

    // Every call needs the database (the session at least): each is refused the same way, none waits for ever.
    const during = await eventually('requests refused for want of the database', async () => {
      const answers = await Promise.all(PATHS.map((p) => probe(p)));
      return answers.every((a) => a.status === 503) ? answers : undefined;
    });
    for (const answer of during) {
      expect(answer.retryAfter).toMatch(/^[1-9][0-9]*$/);
      expect(answer.title).toMatch(/[\u4e00-\u9fff]/);
    }
    const login = await fetch(`${system.apiUrl}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'operator' }) });
    expect(login.status).toBe(503);
    expect(login.headers.get('retry-after')).not.toBeNull();
    // The health, from its background check, learns it too — and says only which part, not why.
    const health = await eventually('the health saying the database is down', async () => {
      const res = await fetch(`${system.apiUrl}/api/health`);
      const body = (await res.json()) as { status: string; checks: { name: string; state: string }[] };
      return res.status === 503 && body.checks.some((c) => c.name === 'database' && c.state === 'down') ? body : undefined;
    });
    expect(JSON.stringify(health)).not.toMatch(/accepting|connect|terminat/i);

    await allowConnections(true);
    const back = Date.now();
    await eventually('the API and its health well again', allWell, 30_000);
    await eventually('the engine starting a process and handing out its task again', engineWorks, 30_000 - (Date.now() - back));
    expect(escaped).toEqual([]);
  }, 120_000);
});
