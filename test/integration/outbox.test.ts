// From filing to process exactly once: the outbox row written with a filing is sent to the engine even when the
// API died between the commit and the start, when it died after the engine acted but before marking the row,
// when the engine was down for a while, and when several dispatchers run side by side; and a message to a waiting
// process delivered once, or given up when nobody waits for it any more.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { createOutboxDispatcher, MESSAGE_MAX_ATTEMPTS } from '../../outbox/outbox-dispatcher.ts';
import { enqueueMessage } from '../../outbox/outbox-commands.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createEngineRest, toEngineVariables, type EngineRest } from '../../platform/engine-rest.ts';
import { freePort } from '../../platform/free-port.ts';
import { createFiling, processVariablesOf } from '../../filings/filing-store.ts';
import { createdId } from '../support/fixtures.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

let db: Db;
let engine: EngineRest;
const silent = () => undefined;

async function storeFiling(seed: number): Promise<string> {
  const filing = syntheticFiling(seed, { regionCode: '330110' });
  const who = { sub: `outbox-test-${seed}`, role: 'employer' as const, uscc: filing.employer.uscc };
  return createdId(await createFiling(db, who, filing, undefined));
}

async function instanceCount(filingId: string): Promise<number> {
  const { count } = await engine.get<{ count: number }>('/history/process-instance/count', {
    processInstanceBusinessKey: filingId,
    processDefinitionKey: 'annual-review',
  });
  return count;
}

async function outboxRow(filingId: string) {
  const { rows } = await db.query<{ dispatched_at: Date | null; attempts: number; last_error: string | null }>(
    'select dispatched_at, attempts, last_error from outbox where business_key = $1',
    [filingId],
  );
  return rows[0]!;
}

beforeAll(() => {
  db = createPool(inject('databaseUrl'));
  engine = createEngineRest(inject('engine'));
});

afterAll(async () => {
  await db.end();
});

const seed = () => 900_000 + Math.floor(Math.random() * 99_999);

/**
 * The engine of this run keeps full history; this one answers the history endpoints as an engine at
 * ENGINE_HISTORY_LEVEL none does (nothing kept), so the dispatcher must decide from the runtime and our records.
 */
function withoutHistory(real: EngineRest): EngineRest & { historyAsked: number } {
  const wrapped = {
    ...real,
    historyAsked: 0,
    get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T> {
      if (path.startsWith('/history')) {
        wrapped.historyAsked++;
        return Promise.resolve((path.endsWith('/count') ? { count: 0 } : []) as T);
      }
      return real.get<T>(path, query);
    },
  };
  return wrapped;
}

/** What a dispatcher that died right after the engine's answer leaves behind: an instance, and a pending row. */
async function startedByADispatcherThatDied(id: string): Promise<void> {
  const filing = (await db.query('select declaration, receiving_region_code from filings where id = $1', [id])).rows[0];
  await engine.post('/process-definition/key/annual-review/start', {
    businessKey: id,
    variables: toEngineVariables(processVariablesOf(id, filing.declaration, filing.receiving_region_code)),
  });
}

/** One pass of a dispatcher that is not left running: what a restarted API does first. */
async function dispatchOnce(through: EngineRest = engine, log: (m: string) => void = silent): Promise<number> {
  const dispatcher = createOutboxDispatcher({ db, engine: through, intervalMs: 60_000, log });
  await dispatcher.stop();
  return dispatcher.dispatchDue();
}

describe('outbox to engine', () => {
  it('starts the process of a filing committed while no dispatcher ran (the API died after the commit)', async () => {
    const id = await storeFiling(seed());
    expect(await instanceCount(id)).toBe(0);
    expect((await outboxRow(id)).dispatched_at).toBeNull();

    await dispatchOnce();
    expect(await instanceCount(id)).toBe(1);
    expect((await outboxRow(id)).dispatched_at).not.toBeNull();
    // Sending again changes nothing.
    await dispatchOnce();
    expect(await instanceCount(id)).toBe(1);
  });

  it('does not start a second instance when the engine had acted before the API died', async () => {
    const id = await storeFiling(seed());
    await startedByADispatcherThatDied(id);
    expect((await outboxRow(id)).dispatched_at).toBeNull();

    await dispatchOnce();
    expect(await instanceCount(id)).toBe(1);
    expect((await outboxRow(id)).dispatched_at).not.toBeNull();
  });

  it('keeps the command while the engine is down and sends it once the engine is back', async () => {
    const id = await storeFiling(seed());
    const connection = inject('engine');
    const down = createEngineRest({ ...connection, baseUrl: `http://127.0.0.1:${await freePort()}` });
    const logged: string[] = [];
    expect(await dispatchOnce(down, (m) => logged.push(m))).toBe(0);
    const row = await outboxRow(id);
    expect(row.dispatched_at).toBeNull();
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).toContain('did not answer');
    expect(logged.some((m) => m.includes('engine unavailable'))).toBe(true);

    // Back: the row is due after its back-off; the test does not wait for it.
    await db.query('update outbox set next_attempt_at = null where business_key = $1', [id]);
    await dispatchOnce();
    expect(await instanceCount(id)).toBe(1);
    expect((await outboxRow(id)).last_error).toBeNull();
  });

  it('at history level none, does not start a second instance when the engine had acted before the API died', async () => {
    const id = await storeFiling(seed());
    await startedByADispatcherThatDied(id);
    await dispatchOnce(withoutHistory(engine));
    expect(await instanceCount(id)).toBe(1);
    expect((await outboxRow(id)).dispatched_at).not.toBeNull();
  });

  it('at history level none, does not start again a filing whose instance ran and ended, known from what its workers recorded', async () => {
    const id = await storeFiling(seed());
    // What an instance that ran (its step recorded a status with its external task) and ended leaves in our database,
    // while the dispatcher that started it died before marking its row.
    await db.query(
      `insert into filing_status_history (filing_id, status, actor, step, source_task_id) select id, status, 'system', 'probe', $2 from filings where id = $1`,
      [id, `ended-instance-task-${id}`],
    );
    const noHistory = withoutHistory(engine);
    await dispatchOnce(noHistory);
    expect(await instanceCount(id)).toBe(0);
    expect((await outboxRow(id)).dispatched_at).not.toBeNull();
  });

  it('at history level none, starts a filing no instance exists for, once', async () => {
    const id = await storeFiling(seed());
    const noHistory = withoutHistory(engine);
    await dispatchOnce(noHistory);
    await db.query('update outbox set dispatched_at = null where business_key = $1', [id]);
    await dispatchOnce(noHistory);
    expect(await instanceCount(id)).toBe(1);
  });

  it('starts each of many filings exactly once with three dispatchers racing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await storeFiling(seed()));
    const dispatchers = [1, 2, 3].map(() => createOutboxDispatcher({ db, engine, intervalMs: 60_000, log: silent, batchSize: 2 }));
    await Promise.all(dispatchers.map((d) => d.stop()));
    await Promise.all(dispatchers.map((d) => d.dispatchDue()));
    for (const id of ids) expect(await instanceCount(id)).toBe(1);
  });
});

describe('messages through the outbox', () => {
  /**
   * A process whose instance waits for the message `outbox-probe` at each of `waits` in turn: once, as a filing's
   * process waits for the employer's feedback, or again, as it waits for feedback again after a re-review.
   */
  function waitingProcess(id: string, waits: string[]): string {
    const flows = ['start', ...waits, 'end'];
    const step = (i: number) => `<bpmn:incoming>to-${flows[i + 1]}</bpmn:incoming><bpmn:outgoing>to-${flows[i + 2]}</bpmn:outgoing>`;
    return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="${id}-definitions" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:message id="${id}-message" name="outbox-probe" />
  <bpmn:process id="${id}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>to-${flows[1]}</bpmn:outgoing></bpmn:startEvent>
    ${waits.map((wait, i) => `<bpmn:intermediateCatchEvent id="${wait}">${step(i)}<bpmn:messageEventDefinition messageRef="${id}-message" /></bpmn:intermediateCatchEvent>`).join('\n    ')}
    <bpmn:endEvent id="end"><bpmn:incoming>to-end</bpmn:incoming></bpmn:endEvent>
    ${flows.slice(1).map((to, i) => `<bpmn:sequenceFlow id="to-${to}" sourceRef="${flows[i]}" targetRef="${to}" />`).join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
  }

  beforeAll(async () => {
    await deployDiagram(engine, 'outbox-probe', waitingProcess('outbox-probe', ['wait']), 'outbox-probe');
    await deployDiagram(engine, 'outbox-probe-twice', waitingProcess('outbox-probe-twice', ['wait', 'wait-again']), 'outbox-probe-twice');
  });

  const message = (marker: string) => ({ messageName: 'outbox-probe', variables: { probeId: marker }, marker: { name: 'probeId', value: marker } });
  const row = async (businessKey: string) =>
    (await db.query<{ dispatched_at: Date | null; given_up_at: Date | null; attempts: number; last_error: string | null }>(
      `select dispatched_at, given_up_at, attempts, last_error from outbox where command = 'correlate-message' and business_key = $1`,
      [businessKey],
    )).rows[0]!;

  it('delivers a message once, and a send repeated after a crash finds it delivered', async () => {
    const key = `probe-${seed()}`;
    const instance = await engine.post<{ id: string }>('/process-definition/key/outbox-probe/start', { businessKey: key });
    await enqueueMessage(db, key, message('m-1'));
    await dispatchOnce();
    expect((await row(key)).dispatched_at).not.toBeNull();
    const [ended] = await engine.get<{ state: string }[]>('/history/process-instance', { processInstanceId: instance.id });
    expect(ended?.state).toBe('COMPLETED');
    // The API died after the engine took the message but before the row was marked: sent again, it is not re-sent.
    await db.query(`update outbox set dispatched_at = null where command = 'correlate-message' and business_key = $1`, [key]);
    await dispatchOnce();
    expect(await row(key)).toMatchObject({ attempts: 2, last_error: null, given_up_at: null });
    expect((await row(key)).dispatched_at).not.toBeNull();
  });

  it('at history level none, does not deliver a message again to an instance that waits for it once more', async () => {
    const key = `probe-twice-${seed()}`;
    const instance = await engine.post<{ id: string }>('/process-definition/key/outbox-probe-twice/start', { businessKey: key });
    await enqueueMessage(db, key, message('m-3'));
    const noHistory = withoutHistory(engine);
    await dispatchOnce(noHistory);
    expect((await row(key)).dispatched_at).not.toBeNull();
    // The API died after the engine took the message but before the row was marked; the instance now waits for the
    // same message again. Sent again, the row is found delivered by its marker on the running instance.
    await db.query(`update outbox set dispatched_at = null where command = 'correlate-message' and business_key = $1`, [key]);
    await dispatchOnce(noHistory);
    expect(await row(key)).toMatchObject({ attempts: 2, last_error: null });
    expect((await row(key)).dispatched_at).not.toBeNull();
    const running = await engine.get<{ id: string }[]>('/process-instance', { processInstanceIds: instance.id });
    expect(running).toHaveLength(1);
    const waiting = await engine.get<{ activityId: string }[]>('/event-subscription', { processInstanceId: instance.id });
    expect(waiting.map((w) => w.activityId)).toEqual(['wait-again']);
  });

  it('gives up a message nobody waits for after its last attempt, and tries it no more', async () => {
    const key = `probe-${seed()}`;
    await enqueueMessage(db, key, message('m-2'));
    await dispatchOnce();
    expect(await row(key)).toMatchObject({ dispatched_at: null, given_up_at: null, attempts: 1 });
    expect((await row(key)).last_error).toBeTruthy();
    // Fast-forward to the last attempt.
    await db.query(`update outbox set attempts = $2, next_attempt_at = null where command = 'correlate-message' and business_key = $1`, [key, MESSAGE_MAX_ATTEMPTS - 1]);
    const logged: string[] = [];
    await dispatchOnce(engine, (m) => logged.push(m));
    const given = await row(key);
    expect(given.given_up_at).not.toBeNull();
    expect(given.attempts).toBe(MESSAGE_MAX_ATTEMPTS);
    expect(logged.some((m) => m.startsWith(`outbox: gave up correlate-message ${key}`))).toBe(true);
    await db.query(`update outbox set next_attempt_at = null where command = 'correlate-message' and business_key = $1`, [key]);
    await dispatchOnce();
    expect((await row(key)).attempts).toBe(MESSAGE_MAX_ATTEMPTS);
  });
});
