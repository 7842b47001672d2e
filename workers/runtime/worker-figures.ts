// A worker process's own figures, written to the database (db/migrations/025_operations.sql) so that the operators'
// dashboard and /metrics — which run in the API's process — can read them: a heartbeat (this process, its topics,
// when it started and was last seen) and, per topic and minute, how many tasks ran, how many failed, a bounded sample
// of their durations and the last failure. Counted in memory as tasks end, flushed every few seconds in one statement
// per table; rows older than a day are pruned by the processes themselves, now and then.
import os from 'node:os';
import type { Db } from '../../platform/db.ts';
import { maskNumbersInText } from '../../platform/masking.ts';

/** How often the figures and the heartbeat are written. */
export const FIGURES_FLUSH_MS = 5_000;
/** Durations kept per topic and minute: enough for a p95 over a quarter of an hour of a busy topic. */
const LATENCY_SAMPLE = 100;
/** How long rows are kept (minutes, and the heartbeats of processes gone). */
const KEEP_HOURS = 24;
/** Pruning runs once in this many flushes (every ~10 minutes at the default interval). */
const PRUNE_EVERY = 120;
const ERROR_CHARS = 500;

interface Bucket {
  minute: number;
  topic: string;
  department: string | null;
  calls: number;
  failures: number;
  latencies: number[];
  lastOkAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export interface TaskFigure {
  topic: string;
  department: string | null;
  durationMs: number;
  /** The failure's message when the task failed (an incident if its retries ran out); undefined when it did its work. */
  error?: string;
}

export interface WorkerFigures {
  record(figure: TaskFigure): void;
  /** Writes what was counted since the last flush and the heartbeat; `stopped` marks the process as ended. */
  flush(stopped?: boolean): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerFiguresOptions {
  db: Db;
  workerId: string;
  topics: readonly string[];
  intervalMs?: number;
  log?: (message: string) => void;
}

export function startWorkerFigures({ db, workerId, topics, intervalMs = FIGURES_FLUSH_MS, log = console.error }: WorkerFiguresOptions): WorkerFigures {
  const startedAt = new Date();
  let buckets = new Map<string, Bucket>();
  let flushes = 0;
  let failing = false;
  let running: Promise<void> = Promise.resolve();

  function record({ topic, department, durationMs, error }: TaskFigure): void {
    const now = new Date();
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    const key = `${minute}:${topic}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { minute, topic, department, calls: 0, failures: 0, latencies: [], lastOkAt: null, lastError: null, lastErrorAt: null };
      buckets.set(key, bucket);
    }
    bucket.calls++;
    // A uniform sample of the minute's durations once it holds more than the sample's size (reservoir sampling).
    const ms = Math.max(0, Math.round(durationMs));
    if (bucket.latencies.length < LATENCY_SAMPLE) bucket.latencies.push(ms);
    else {
      const at = Math.floor(Math.random() * bucket.calls);
      if (at < LATENCY_SAMPLE) bucket.latencies[at] = ms;
    }
    if (error === undefined) bucket.lastOkAt = now;
    else {
      bucket.failures++;
      bucket.lastError = maskNumbersInText(error).slice(0, ERROR_CHARS);
      bucket.lastErrorAt = now;
    }
  }

  async function write(stopped: boolean): Promise<void> {
    const taken = [...buckets.values()];
    buckets = new Map();
    try {
      await db.query(
        `insert into worker_processes (worker_id, host, pid, topics, started_at, last_seen_at, stopped_at)
         values ($1, $2, $3, $4, $5, now(), case when $6 then now() end)
         on conflict (worker_id) do update set topics = excluded.topics, last_seen_at = now(), stopped_at = excluded.stopped_at`,
        [workerId, os.hostname(), process.pid, [...topics], startedAt, stopped],
      );
      if (taken.length > 0) {
        // One statement for every bucket: a minute already written by an earlier flush is added to, its sample merged
        // and cut to size, its last error and success the later ones.
        await db.query(
          `insert into worker_topic_minutes (minute, worker_id, topic, department, calls, failures, latency_ms, last_ok_at, last_error, last_error_at)
           select to_timestamp(b.minute / 1000.0), $1, b.topic, b.department, b.calls, b.failures,
                  array(select jsonb_array_elements_text(b.latencies)::integer), b.last_ok_at, b.last_error, b.last_error_at
             from jsonb_to_recordset($2::jsonb) as b(minute bigint, topic text, department text, calls integer, failures integer,
                                                      latencies jsonb, last_ok_at timestamptz, last_error text, last_error_at timestamptz)
           on conflict (minute, worker_id, topic) do update set
             calls = worker_topic_minutes.calls + excluded.calls,
             failures = worker_topic_minutes.failures + excluded.failures,
             latency_ms = (worker_topic_minutes.latency_ms || excluded.latency_ms)[1:${LATENCY_SAMPLE}],
             last_ok_at = coalesce(excluded.last_ok_at, worker_topic_minutes.last_ok_at),
             last_error = coalesce(excluded.last_error, worker_topic_minutes.last_error),
             last_error_at = coalesce(excluded.last_error_at, worker_topic_minutes.last_error_at)`,
          [
            workerId,
            JSON.stringify(
              taken.map((b) => ({
                minute: b.minute,
                topic: b.topic,
                department: b.department,
                calls: b.calls,
                failures: b.failures,
                latencies: b.latencies,
                last_ok_at: b.lastOkAt?.toISOString() ?? null,
                last_error: b.lastError,
                last_error_at: b.lastErrorAt?.toISOString() ?? null,
              })),
            ),
          ],
        );
      }
      if (++flushes % PRUNE_EVERY === 1) {
        await db.query(`delete from worker_topic_minutes where minute < now() - interval '${KEEP_HOURS} hours'`);
        await db.query(`delete from worker_processes where last_seen_at < now() - interval '${KEEP_HOURS} hours'`);
      }
      if (failing) log('workers: figures are written again');
      failing = false;
    } catch (error) {
      // The database away: what was counted is kept for the next flush (merged into its buckets), the log told once.
      for (const b of taken) merge(b);
      if (!failing) log(`workers: could not write the figures, will try again: ${error instanceof Error ? error.message : String(error)}`);
      failing = true;
    }
  }

  function merge(old: Bucket): void {
    const key = `${old.minute}:${old.topic}`;
    const now = buckets.get(key);
    if (!now) {
      buckets.set(key, old);
      return;
    }
    now.calls += old.calls;
    now.failures += old.failures;
    now.latencies = [...old.latencies, ...now.latencies].slice(0, LATENCY_SAMPLE);
    now.lastOkAt ??= old.lastOkAt;
    if (!now.lastError) {
      now.lastError = old.lastError;
      now.lastErrorAt = old.lastErrorAt;
    }
  }

  function flush(stopped = false): Promise<void> {
    running = running.then(() => write(stopped));
    return running;
  }

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  void flush();

  return {
    record,
    flush,
    async stop() {
      clearInterval(timer);
      await flush(true);
    },
  };
}
