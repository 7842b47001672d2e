// The one logger of every part (docs/operations.md "日志"): JSON lines on standard error — standard output stays for
// what a person reads when a part runs in a terminal (its "ready" line, `npm start`'s banner) — one object a line
// with `time`, `level` (a label), `part`, `msg`, the context of the work under way (request, filing, topic, task)
// and whatever fields the caller adds. No line ever carries a whole ID or certificate number: every line is masked
// as it is written (platform/masking.ts), whatever field or message the number hid in.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskNumbersInSerializedText } from './masking.ts';

/**
 * The part of the system a line comes from: its own process, or (outbox) a job inside the API's. `npm start`'s own
 * lines stay sentences for the person at its terminal (scripts/start.ts); the parts' lines pass through it as JSON.
 */
export type LogPart = 'api' | 'workers' | 'simulators' | 'outbox';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** What the work under way is about, added to every line logged while it runs. */
export interface LogContext {
  requestId?: string;
  filingId?: string;
  topic?: string;
  taskId?: string;
  processInstanceId?: string;
}

/** Fields of one line; `level` picks the line's level (info unless given), `err` an error serialised with its stack. */
export type LogFields = { level?: LogLevel; err?: unknown } & Record<string, unknown>;

/** How modules log: a sentence and fields. Tests may pass any function of this shape. */
export type Log = (message: string, fields?: LogFields) => void;

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` with these fields added to the current context (the request's, the task's). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, work);
}

/** The context of the work under way, if any. */
export function currentLogContext(): LogContext | undefined {
  return context.getStore();
}

/**
 * Adds fields to the context of the work under way — seen by every later line of it, the request's access line
 * included (a filing created by the request names itself once it has an id). Nothing outside a context.
 */
export function addToLogContext(fields: LogContext): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

/**
 * The process variable `requestId` for an engine command made now (a task completed, a process started or messaged):
 * the workers name it on the lines of the tasks that follow (workers/runtime/worker-runtime.ts).
 */
export function requestIdVariable(): { requestId?: string } {
  const requestId = context.getStore()?.requestId;
  return requestId ? { requestId } : {};
}

/** A logger for one part; `destination` is standard error (synchronously, so nothing is lost at exit) unless given. */
export function createLogger(options: { part?: LogPart; level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...(options.part ? { part: options.part } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...context.getStore() }),
      // The last word on every line, after serialisation: whatever field the number travelled in.
      hooks: { streamWrite: maskNumbersInSerializedText },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger as a `Log`: the fields' `level` chooses the method. */
export function logTo(logger: Logger): Log {
  return (message, fields = {}) => {
    const { level = 'info', ...rest } = fields;
    logger[level](rest, message);
  };
}

// The process's own loggers: made at first use, one per part, all at the level setLogLevel last set.
let root: Logger | undefined;
const parts = new Map<LogPart, Logger>();

function rootLogger(): Logger {
  root ??= createLogger();
  return root;
}

/** This process's logger for a part. */
export function partLogger(part: LogPart): Logger {
  let logger = parts.get(part);
  if (!logger) parts.set(part, (logger = rootLogger().child({ part })));
  return logger;
}

/** This process's `Log` for a part (modules' default when no log is given). */
export function partLog(part: LogPart): Log {
  return (message, fields) => logTo(partLogger(part))(message, fields);
}

/** LOG_LEVEL, set by each part's entry script once it has read its configuration. */
export function setLogLevel(level: LogLevel): void {
  rootLogger().level = level;
  for (const logger of parts.values()) logger.level = level;
}

/** An error's message, for a sentence. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
