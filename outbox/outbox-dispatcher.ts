// Sends the engine commands written to the outbox with the data they belong to (filings/filing-store.ts),
// exactly once per business key: a command whose effect already exists in the engine (the sender died after the
// engine acted but before it could mark the row) is marked sent, not repeated. "Already done" is decided from the
// engine's runtime state and our own records, so it holds at every ENGINE_HISTORY_LEVEL; history is a last look. Rows are claimed with
// `for update skip locked`, so several API processes can dispatch side by side.
import { crashPoint } from '../platform/crash-points.ts';
import type { Db } from '../platform/db.ts';
import { EngineError, EngineUnavailable, toEngineVariables, type EngineRest } from '../platform/engine-rest.ts';
import { isUuid } from '../platform/ids.ts';
import { messageOf, partLog, withLogContext, type Log } from '../platform/log.ts';
import { instanceLeftTraces } from './instance-traces.ts';
import type { OutboxMessage, OutboxProcessStart, OutboxTrace } from './outbox-commands.ts';

interface OutboxRow {
  id: string;
  command: string;
  business_key: string;
  payload: unknown;
  attempts: number;
}

export interface OutboxDispatcher {
  /** Asks for a run soon (after a new filing), without waiting for the next interval. */
  nudge(): void;
  /** Sends what is due now; answers how many commands were sent. */
  dispatchDue(): Promise<number>;
  stop(): Promise<void>;
}

export interface OutboxOptions {
  db: Db;
  engine: EngineRest;
  intervalMs: number;
  log?: Log;
  batchSize?: number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * Attempts at a message the engine refuses (no instance waits for it) before it is given up: with the doubling
 * back-off capped at a minute, about a quarter of an hour — long enough for a department's answer that raced its own
 * request's step, short of retrying for ever a feedback that arrived as its window closed. Process starts never give up.
 */
export const MESSAGE_MAX_ATTEMPTS = 20;

/**
 * Whether an instance of the process already exists for the business key, asked without relying on the engine's
 * history (which an engine at ENGINE_HISTORY_LEVEL none, activity or audit may not keep): a running instance, then a
 * trace its workers left in our database (an instance that ran and ended), and only then the history, when kept.
 */
async function instanceExists(engine: EngineRest, db: Db, row: OutboxRow, processId: string): Promise<boolean> {
  const running = await engine.get<{ id: string }[]>('/process-instance', { businessKey: row.business_key, processDefinitionKey: processId, maxResults: 1 });
  if (running.length > 0) return true;
  if (await instanceLeftTraces(db, row.business_key)) return true;
  const ended = await engine.get<{ id: string }[]>('/history/process-instance', {
    processInstanceBusinessKey: row.business_key,
    processDefinitionKey: processId,
    maxResults: 1,
  });
  return ended.length > 0;
}

/**
 * The process variable `requestId`: the request that wrote the row (outbox-commands.ts), set when the process starts
 * and again by each message, so its external tasks' log lines name the request that last moved the filing.
 */
function requestIdOf(row: OutboxRow): { requestId?: string } {
  const { requestId } = row.payload as OutboxTrace;
  return typeof requestId === 'string' ? { requestId } : {};
}

/** The row's request and filing, on every line logged while it is sent. */
function rowContext(row: OutboxRow) {
  return { ...requestIdOf(row), ...(isUuid(row.business_key) ? { filingId: row.business_key } : {}) };
}

/** Starts the process instance unless one with this business key already exists (running or ended). */
async function createProcessInstance(engine: EngineRest, db: Db, row: OutboxRow): Promise<void> {
  const { processId, variables } = row.payload as OutboxProcessStart;
  if (await instanceExists(engine, db, row, processId)) return;
  await engine.post(`/process-definition/key/${encodeURIComponent(processId)}/start`, {
    businessKey: row.business_key,
    variables: toEngineVariables({ ...variables, ...requestIdOf(row) }),
  });
}

/**
 * The variable a correlation of this outbox row sets and nothing else does, never overwritten: read back from the
 * running instance, it says the message was delivered whatever history the engine keeps.
 */
export function deliveredMarkerOf(rowId: string): string {
  return `outboxDelivered_${rowId}`;
}

/** Whether the variable exists on the running instance; an instance gone (ended, deleted) meanwhile holds nothing. */
async function hasVariable(engine: EngineRest, instanceId: string, name: string): Promise<boolean> {
  try {
    await engine.get(`/process-instance/${encodeURIComponent(instanceId)}/variables/${encodeURIComponent(name)}`, { deserializeValue: false });
    return true;
  } catch (error) {
    if (error instanceof EngineError && error.status === 404) return false;
    throw error;
  }
}

/** Whether an instance of the business key took this row's message: its running instances, then history when kept. */
async function messageDelivered(engine: EngineRest, row: OutboxRow, marker: OutboxMessage['marker']): Promise<boolean> {
  const running = await engine.get<{ id: string }[]>('/process-instance', { businessKey: row.business_key });
  for (const instance of running) if (await hasVariable(engine, instance.id, deliveredMarkerOf(row.id))) return true;
  // An instance that ended after taking the message is only in the history (at level full: every update is kept, so a
  // later overwrite of the marker does not hide it). Without history nobody waits for the message any more, so a send
  // repeated there is refused by the engine and cannot double anything.
  const instances = await engine.get<{ id: string }[]>('/history/process-instance', { processInstanceBusinessKey: row.business_key });
  for (const instance of instances) {
    const updates = await engine.get<{ variableName: string; value: unknown }[]>('/history/detail', {
      processInstanceId: instance.id,
      variableUpdates: true,
      deserializeValues: false,
    });
    if (updates.some((u) => (u.variableName === marker.name && u.value === marker.value) || u.variableName === deliveredMarkerOf(row.id))) return true;
  }
  return false;
}

/**
 * Correlates a message to the instance of the business key unless it was delivered already (messageDelivered). A
 * message nobody waits for yet (a department's answer racing its own request's step) fails and is tried again with
 * the back-off.
 */
async function correlateMessage(engine: EngineRest, _db: Db, row: OutboxRow): Promise<void> {
  const { messageName, variables, marker } = row.payload as OutboxMessage;
  if (await messageDelivered(engine, row, marker)) return;
  await engine.post('/message', {
    messageName,
    businessKey: row.business_key,
    processVariables: toEngineVariables({ ...variables, ...requestIdOf(row), [deliveredMarkerOf(row.id)]: true }),
  });
}

const COMMANDS: Record<string, (engine: EngineRest, db: Db, row: OutboxRow) => Promise<void>> = {
  'create-process-instance': createProcessInstance,
  'correlate-message': correlateMessage,
};

export function createOutboxDispatcher({ db, engine, intervalMs, log = partLog('outbox'), batchSize = 20 }: OutboxOptions): OutboxDispatcher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;
  // Runs failing in a row (the database away): the next waits twice as long, up to a minute, and is logged once.
  let failures = 0;

  async function dispatchBatch(): Promise<{ sent: number; claimed: number }> {
    const tx = await db.connect();
    let sent = 0;
    try {
      await tx.query('begin');
      const rows = await tx.query<OutboxRow>(
        `select id, command, business_key, payload, attempts from outbox
          where dispatched_at is null and given_up_at is null and (next_attempt_at is null or next_attempt_at <= now())
          order by id limit $1 for update skip locked`,
        [batchSize],
      );
      for (const row of rows.rows) {
        const send = COMMANDS[row.command];
        const fields = { command: row.command, businessKey: row.business_key, outboxId: row.id, attempt: row.attempts + 1 };
        try {
          if (!send) throw new Error(`unknown outbox command "${row.command}"`);
          await withLogContext(rowContext(row), () => send(engine, db, row));
          crashPoint('outbox-after-engine-call');
          await tx.query('update outbox set dispatched_at = now(), attempts = attempts + 1, last_error = null where id = $1', [row.id]);
          sent++;
          withLogContext(rowContext(row), () => log(`outbox: sent ${row.command} ${row.business_key}`, fields));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts);
          const giveUp = row.command === 'correlate-message' && !(error instanceof EngineUnavailable) && row.attempts + 1 >= MESSAGE_MAX_ATTEMPTS;
          await tx.query(
            `update outbox set attempts = attempts + 1, last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval,
               given_up_at = case when $4 then now() end where id = $1`,
            [row.id, message.slice(0, 2000), String(backoff), giveUp],
          );
          const logRow = (line: string, level: 'warn' | 'error') => withLogContext(rowContext(row), () => log(line, { level, ...fields }));
          if (giveUp) logRow(`outbox: gave up ${row.command} ${row.business_key} after ${row.attempts + 1} attempts: ${message}`, 'error');
          // An engine that is down fails every row alike: stop here and try again later.
          if (error instanceof EngineUnavailable) {
            logRow(`outbox: engine unavailable, will retry: ${message}`, 'warn');
            break;
          }
          // The engine refused this one (e.g. no such process deployed): the others may still go.
          logRow(`outbox: ${row.command} ${row.business_key} failed (attempt ${row.attempts + 1}): ${message}`, 'warn');
        }
      }
      await tx.query('commit');
      return { sent, claimed: rows.rowCount ?? 0 };
    } catch (error) {
      await tx.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }

  async function dispatchDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sent, claimed } = await dispatchBatch();
      total += sent;
      if (claimed < batchSize || sent === 0) return total;
    }
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = dispatchDue()
      .then((sent) => {
        if (failures > 0) log(`outbox: works again after ${failures} failed run(s)`, { failures });
        failures = 0;
        return sent;
      })
      .catch((error: unknown) => {
        if (failures++ === 0) log(`outbox: ${messageOf(error)} (backing off)`, { level: 'error' });
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (again && failures === 0) {
          again = false;
          run();
        } else timer = setTimeout(run, failures > 0 ? Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 16)) : intervalMs);
      });
  }

  run();
  return {
    nudge: run,
    dispatchDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
