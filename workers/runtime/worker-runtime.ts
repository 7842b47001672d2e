// Runs job handlers as Operaton external-task workers: one subscription per topic with long polling and a lock,
// each handler's outcome reported to the engine (complete, failure with decreasing retries and a doubling
// back-off — an incident when none are left — or a BPMN error), and a graceful stop that finishes the tasks in
// hand up to a grace, then aborts the rest and hands them back (as it does any fetched after the stop began).
// Several worker processes may run side by side: the engine's lock gives each task to one of them at a time, and
// the lock of a task in hand is extended for as long as its handler runs, so a slow department never lets a second
// worker take the same task. A handler whose lock was lost anyway (taken by another worker) is told through its
// job's signal and its outcome is not reported.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { BasicAuthInterceptor, Client, Variables, type ExternalTask, type TaskService } from 'camunda-external-task-client-js';
import type { Db } from '../../platform/db.ts';
import type { EngineConnection } from '../../platform/engine-rest.ts';
import { withJobSignal } from '../../platform/job-signal.ts';
import type { Job, JobHandler, JobOutcome } from '../job-outcome.ts';
import { startWorkerFigures, type WorkerFigures } from './worker-figures.ts';

export interface WorkerDefinition {
  topic: string;
  handler: JobHandler<unknown, object>;
  /** Only tasks of this process (a worker dedicated to one diagram); all processes when unset. */
  processDefinitionKey?: string;
  /** The process variables the handler reads; all of them when unset (the engine then loads every one). */
  variables?: readonly string[];
  /** The department the topic asks, by the name operators know (its figures are the department's health). */
  department?: string;
}

export interface WorkerRuntimeOptions {
  engine: EngineConnection;
  workers: readonly WorkerDefinition[];
  lockDurationMs: number;
  maxTasks: number;
  longPollMs: number;
  /** Attempts of a failing task before the incident. */
  retries: number;
  retryBackoffMs: number;
  /** How long a stop lets the handlers in hand finish before it aborts them and hands their tasks back. */
  stopGraceMs?: number;
  workerId?: string;
  log?: (message: string) => void;
  /** Where this process records its heartbeat and its tasks' figures for the operators (worker-figures.ts). */
  figures?: { db: Db; intervalMs?: number };
}

export interface WorkerRuntime {
  readonly workerId: string;
  readonly topics: readonly string[];
  /** Tasks being handled now. */
  inFlight(): number;
  /** Whether a fetch-and-lock request is waiting at the engine now. */
  polling(): boolean;
  /** Why the last fetch from the engine failed; undefined once one works. */
  lastPollError(): string | undefined;
  /** Counts since the start, by outcome. */
  readonly counts: {
    complete: number;
    fail: number;
    bpmnError: number;
    /** Tasks handed back to the engine unfinished (fetched while stopping, or aborted past the stop's grace). */
    released: number;
    reportFailed: number;
    conflictRetried: number;
    /** Lock extensions the engine granted. */
    lockExtended: number;
    /** Tasks whose lock was lost while their handler ran: their outcome was not reported. */
    lockLost: number;
  };
  /**
   * Stops fetching, lets the handlers in hand finish (up to `graceMs`), then aborts those still running and hands
   * their tasks back (unlock) so another worker takes them at once; hands back what arrives meanwhile.
   */
  stop(graceMs?: number): Promise<void>;
}

// Operaton keeps at most 666 characters of an external task's error message; the rest goes to its details.
const ERROR_MESSAGE_LIMIT = 666;
/** Reports of one outcome tried against concurrent updates of the same process instance (parallel branches). */
const CONFLICT_ATTEMPTS = 6;
/** A stop's grace when none is given. */
const DEFAULT_STOP_GRACE_MS = 15_000;
/** How long a stop waits for aborted handlers to come back before it returns. */
const ABORT_WAIT_MS = 2_000;

/** A task being handled: its lock kept alive until it is reported, given up, or handed back. */
interface InHand {
  task: ExternalTask;
  service: TaskService;
  abort: AbortController;
  /** `lost`: the engine refused to extend the lock (another worker has it); `abandoned`: the stop handed it back. */
  state: 'running' | 'reporting' | 'lost' | 'abandoned';
  /** When the lock runs out unless extended (our clock). */
  lockedUntil: number;
  timer?: NodeJS.Timeout;
}

/** Date variables (e.g. `${now()}` mappings) reach handlers as ISO strings, like everything else they check. */
function plainVariables(task: ExternalTask): Record<string, unknown> {
  const all = task.variables.getAll();
  return Object.fromEntries(Object.entries(all).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value]));
}

/**
 * Handler results as engine variables. Operaton here has no JSON variable type (docs/engine.md), so a structured value
 * travels as JSON text (type String); handlers keep personal numbers out of what they return.
 */
export function toVariables(values: object): Variables {
  const variables = new Variables();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (value === null) variables.setTyped(name, { type: 'Null', value: null });
    else if (typeof value === 'object') variables.setTyped(name, { type: 'String', value: JSON.stringify(value) });
    else if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2 ** 31 - 1) variables.setTyped(name, { type: 'Long', value });
    else variables.set(name, value);
  }
  return variables;
}

async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The wait before the next attempt: the base, doubled for each attempt already failed. */
export function retryTimeout(baseMs: number, attemptsFailed: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptsFailed - 1), 24 * 3600 * 1000);
}

export function startWorkerRuntime(options: WorkerRuntimeOptions): WorkerRuntime {
  const log = options.log ?? ((message: string) => console.error(message));
  const workerId = options.workerId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const client = new Client({
    baseUrl: `${options.engine.baseUrl.replace(/\/+$/, '')}/engine-rest`,
    workerId,
    maxTasks: options.maxTasks,
    maxParallelExecutions: options.maxTasks,
    lockDuration: options.lockDurationMs,
    asyncResponseTimeout: options.longPollMs,
    interval: 50,
    autoPoll: false,
    interceptors: new BasicAuthInterceptor({ username: options.engine.user, password: options.engine.password }) as never,
  });
  const counts = { complete: 0, fail: 0, bpmnError: 0, released: 0, reportFailed: 0, conflictRetried: 0, lockExtended: 0, lockLost: 0 };
  const inHand = new Map<string, InHand>();
  // The heartbeat and the tasks' figures, in the database for the operators' dashboard (other processes read them).
  const figures: WorkerFigures | undefined = options.figures
    ? startWorkerFigures({ db: options.figures.db, workerId, topics: options.workers.map((w) => w.topic), log, ...(options.figures.intervalMs ? { intervalMs: options.figures.intervalMs } : {}) })
    : undefined;
  let stopping = false;
  let active = 0;
  let releasing = 0;
  let polls = 0;
  // The library has no hook for "a fetch is under way"; counting around its engine service's call is the one place
  // this module reaches into it (camunda-external-task-client-js 3.1: Client#engineService.fetchAndLock).
  const engineService = (client as unknown as { engineService: { fetchAndLock: (body: unknown) => Promise<unknown> } }).engineService;
  const fetchAndLock = engineService.fetchAndLock;
  engineService.fetchAndLock = async (body) => {
    polls++;
    try {
      return await fetchAndLock(body);
    } finally {
      polls--;
    }
  };

  let lastPollError: string | undefined;
  client.on('poll:error', (error: unknown) => {
    // One line per kind of trouble, not one per poll while the engine is down.
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastPollError) log(`workers: fetching tasks failed: ${message}`);
    lastPollError = message;
  });
  client.on('poll:success', () => {
    if (lastPollError !== undefined) log('workers: fetching tasks works again');
    lastPollError = undefined;
  });

  async function report(task: ExternalTask, service: TaskService, outcome: JobOutcome<object>): Promise<void> {
    switch (outcome.kind) {
      case 'complete':
        await service.complete(task, toVariables(outcome.variables));
        counts.complete++;
        return;
      case 'bpmnError':
        await service.handleBpmnError(task, outcome.errorCode, outcome.message, outcome.variables ? toVariables(outcome.variables) : undefined);
        counts.bpmnError++;
        return;
      case 'fail': {
        // The engine's count is null until the first failure: this attempt is the first of `retries`.
        const left = task.retries ?? options.retries;
        const retries = outcome.retries ?? Math.max(0, left - 1);
        const attemptsFailed = options.retries - retries;
        await service.handleFailure(task, {
          errorMessage: outcome.message.slice(0, ERROR_MESSAGE_LIMIT),
          errorDetails: outcome.message,
          retries,
          retryTimeout: retries === 0 ? 0 : (outcome.retryBackoffMs ?? retryTimeout(options.retryBackoffMs, attemptsFailed)),
        });
        counts.fail++;
        if (retries === 0) log(`workers: ${task.topicName} task ${task.id} (${task.businessKey ?? 'no business key'}) is now an incident: ${outcome.message}`);
        return;
      }
    }
  }

  // Branches of a parallel gateway completed at the same moment update their parent execution together: the engine
  // rolls one back with an OptimisticLockingException, and the task is still ours. Within this process reports of
  // one instance are serialised (below); across worker processes, reporting again after a short random pause is
  // the remedy Camunda 7 documents for external tasks (instead of an async job per branch).
  const reporting = new Map<string, Promise<void>>();
  async function reportRetryingConflicts(task: ExternalTask, service: TaskService, outcome: JobOutcome<object>): Promise<void> {
    // Reports about one process instance go one after another: parallel branches finishing together would
    // otherwise collide at their join. Other instances' reports are not held up.
    const previous = reporting.get(task.processInstanceId) ?? Promise.resolve();
    const mine = previous.then(() => reportUntilNoConflict(task, service, outcome));
    const settled = mine.catch(() => undefined);
    reporting.set(task.processInstanceId, settled);
    try {
      await mine;
    } finally {
      if (reporting.get(task.processInstanceId) === settled) reporting.delete(task.processInstanceId);
    }
  }

  async function reportUntilNoConflict(task: ExternalTask, service: TaskService, outcome: JobOutcome<object>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await report(task, service, outcome);
        return;
      } catch (error) {
        const conflict = error instanceof Error && error.message.includes('OptimisticLockingException');
        if (!conflict || attempt >= CONFLICT_ATTEMPTS) throw error;
        counts.conflictRetried++;
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
      }
    }
  }

  /** The lock lost or the task handed back: the handler is told to stop, and its outcome will not be reported. */
  function letGo(entry: InHand, state: 'lost' | 'abandoned', reason: string): void {
    if (entry.state !== 'running') return;
    entry.state = state;
    clearInterval(entry.timer);
    entry.abort.abort(new Error(reason));
  }

  /**
   * Extends the task's lock every half lock, for as long as it is in hand. A refusal by the engine means another
   * worker has the task (its lock ran out and it was fetched again, or an operator unlocked it); an engine that does
   * not answer is asked again at the next tick, until the lock would have run out.
   */
  function keepLocked(entry: InHand): void {
    const every = Math.max(250, Math.floor(options.lockDurationMs / 2));
    entry.timer = setInterval(() => {
      if (entry.state !== 'running' && entry.state !== 'reporting') return;
      entry.service.extendLock(entry.task, options.lockDurationMs).then(
        () => {
          entry.lockedUntil = Date.now() + options.lockDurationMs;
          counts.lockExtended++;
        },
        (error: unknown) => {
          const refused = typeof (error as { httpStatusCode?: unknown }).httpStatusCode === 'number';
          if (!refused && Date.now() < entry.lockedUntil) return;
          const why = error instanceof Error ? error.message : String(error);
          log(`workers: lost the lock of ${entry.task.topicName} task ${entry.task.id} (${entry.task.businessKey ?? 'no business key'}): ${why}`);
          letGo(entry, 'lost', `the lock of task ${entry.task.id} was lost: ${why}`);
        },
      );
    }, every);
  }

  async function handle(definition: WorkerDefinition, task: ExternalTask, service: TaskService): Promise<void> {
    if (stopping) {
      // Fetched by a long poll that was already under way: hand it back at once rather than let its lock run out.
      releasing++;
      try {
        await service.unlock(task).catch(() => undefined);
        counts.released++;
      } finally {
        releasing--;
      }
      return;
    }
    active++;
    const lockedUntil = Date.parse(task.lockExpirationTime);
    const entry: InHand = {
      task,
      service,
      abort: new AbortController(),
      state: 'running',
      lockedUntil: Number.isNaN(lockedUntil) ? Date.now() + options.lockDurationMs : lockedUntil,
    };
    inHand.set(task.id, entry);
    keepLocked(entry);
    try {
      const job: Job = {
        key: task.id,
        variables: plainVariables(task),
        properties: task.extensionProperties ?? {},
        retries: task.retries ?? options.retries,
        businessKey: task.businessKey,
        processInstanceId: task.processInstanceId,
        signal: entry.abort.signal,
      };
      let outcome: JobOutcome<object>;
      const began = performance.now();
      try {
        outcome = await withJobSignal(entry.abort.signal, () => definition.handler(job));
      } catch (error) {
        // Handlers return outcomes; a throw is a bug, reported as an ordinary failure so the engine retries.
        outcome = { kind: 'fail', message: `${definition.topic}: unexpected error: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (entry.state === 'running') {
        figures?.record({
          topic: definition.topic,
          department: definition.department ?? null,
          durationMs: performance.now() - began,
          ...(outcome.kind === 'fail' ? { error: outcome.message } : {}),
        });
      }
      // Another worker has the task now, or the stop handed it back: whatever this run found is not ours to report.
      if (entry.state === 'lost') {
        counts.lockLost++;
        return;
      }
      if (entry.state === 'abandoned') return;
      entry.state = 'reporting';
      try {
        await reportRetryingConflicts(task, service, outcome);
      } catch (error) {
        // The lock may have run out and the task gone to another worker, or the engine may be down: the task comes
        // back to some worker either way, and handlers are idempotent.
        counts.reportFailed++;
        log(`workers: could not report ${outcome.kind} of ${definition.topic} task ${task.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      clearInterval(entry.timer);
      inHand.delete(task.id);
      active--;
    }
  }

  for (const definition of options.workers) {
    const filter = definition.processDefinitionKey ? { processDefinitionKey: definition.processDefinitionKey } : {};
    const variables = definition.variables ? { variables: [...definition.variables] } : {};
    client.subscribe(
      definition.topic,
      // Extension properties carry a task's fixed settings (a status, a decision key) without process variables.
      { lockDuration: options.lockDurationMs, includeExtensionProperties: true, ...filter, ...variables },
      ({ task, taskService }) => handle(definition, task, taskService),
    );
  }
  client.start();

  return {
    workerId,
    topics: options.workers.map((w) => w.topic),
    inFlight: () => active,
    lastPollError: () => lastPollError,
    polling: () => polls > 0,
    counts,
    async stop(graceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS) {
      stopping = true;
      client.stop();
      const deadline = Date.now() + graceMs;
      // A long poll still waiting at the engine would be handed new tasks and lock them for nobody: let it come
      // back (at most the long-poll timeout), so that what it brings is released at once.
      await until(() => polls === 0, Math.min(deadline, Date.now() + options.longPollMs + 5_000));
      await until(() => active === 0 && releasing === 0, deadline);
      // Past the grace: abort what still runs and hand its task back, so another worker takes it now rather than
      // when the lock would have run out. Its handler, told through the signal, reports nothing.
      const abandoned = [...inHand.values()].filter((entry) => entry.state === 'running');
      for (const entry of abandoned) letGo(entry, 'abandoned', 'the worker is stopping');
      await Promise.all(
        abandoned.map(async (entry) => {
          try {
            await entry.service.unlock(entry.task);
            counts.released++;
            log(`workers: handed back ${entry.task.topicName} task ${entry.task.id} unfinished (stopping)`);
          } catch (error) {
            log(`workers: could not hand back task ${entry.task.id}; its lock runs out by itself: ${error instanceof Error ? error.message : String(error)}`);
          }
        }),
      );
      await until(() => active === 0, Date.now() + ABORT_WAIT_MS);
      await figures?.stop();
    },
  };
}
