// The life of a part's entry script (scripts/api.ts, scripts/simulators.ts, scripts/workers.ts), run by the
// supervisor of `npm start` or on its own (a systemd unit, a terminal): start, say it is ready, and on SIGTERM or
// SIGINT — or when the supervisor that started it is gone (its IPC channel closes) — finish and exit 0; a second
// signal exits at once. A known start failure is one line: told to the supervisor, or logged. Its log lines are
// JSON on standard error at LOG_LEVEL (platform/log.ts); the one line saying where it runs, printed when it runs on
// its own, goes to standard output for the person who started it.
import { loadConfig } from '../../platform/config.ts';
import { partLog, setLogLevel, type LogPart } from '../../platform/log.ts';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface PartEntry<Facts> {
  /** How a failure printed on its own begins, e.g. "npm run workers". */
  label: string;
  /** The `part` of its log lines. */
  part: LogPart;
  /** Errors whose message alone says what is wrong (a setting, a taken port); others are printed with their stack. */
  known: ErrorClass[];
  start(): Promise<{ facts: Facts; stop: () => Promise<void> }>;
  /** The line printed when it runs on its own (no supervisor to tell). */
  describe(facts: Facts): string;
}

export function runPart<Facts>(entry: PartEntry<Facts>): void {
  const supervised = typeof process.send === 'function';
  const log = partLog(entry.part);
  try {
    setLogLevel(loadConfig().logLevel);
  } catch {
    // A bad setting stops the start, which says so.
  }
  entry.start().then(
    ({ facts, stop }) => {
      if (supervised) process.send!({ type: 'ready', facts });
      else console.log(entry.describe(facts));
      let stopping = false;
      const finish = () => {
        if (stopping) process.exit(1);
        stopping = true;
        void stop().then(
          () => process.exit(0),
          (error: unknown) => {
            log(`${entry.label}: stopping failed`, { level: 'error', err: error });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', finish);
      process.on('SIGINT', finish);
      process.on('disconnect', () => {
        if (!stopping) finish();
      });
    },
    (error: unknown) => {
      const known = entry.known.some((k) => error instanceof k);
      const message = error instanceof Error ? error.message : String(error);
      if (supervised) {
        if (!known) log(`${entry.label}: could not start: ${message}`, { level: 'error', err: error });
        process.send!({ type: 'failed', message }, () => process.exit(1));
      } else {
        log(`${entry.label}: ${known ? message : `could not start: ${message}`}`, { level: 'error', ...(known ? {} : { err: error }) });
        process.exit(1);
      }
    },
  );
}
