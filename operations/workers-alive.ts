// The worker processes as they record themselves (workers/runtime/worker-figures.ts): each with its host, process id,
// topics, start and last sign of life. One is alive while it wrote its heartbeat within a few flushes and has not
// said it stopped; processes gone are listed for a while (a day, then pruned), so an operator sees what ended.
import type { Db } from '../platform/db.ts';
import { FIGURES_FLUSH_MS } from '../workers/runtime/worker-figures.ts';

/** A process that has not written its heartbeat for this long is taken for dead (six missed flushes). */
export const WORKER_ALIVE_WITHIN_MS = FIGURES_FLUSH_MS * 6;
/** Processes listed at most (alive ones first). */
const LISTED = 100;

export interface WorkerProcess {
  workerId: string;
  host: string;
  pid: number;
  topics: string[];
  startedAt: string;
  lastSeenAt: string;
  stoppedAt: string | null;
  alive: boolean;
}

/** The worker processes seen within the last day, the living first, then the most recently seen. */
export async function workerProcesses(db: Db): Promise<WorkerProcess[]> {
  const { rows } = await db.query<{
    worker_id: string;
    host: string;
    pid: number;
    topics: string[];
    started_at: Date;
    last_seen_at: Date;
    stopped_at: Date | null;
    alive: boolean;
  }>(
    `select worker_id, host, pid, topics, started_at, last_seen_at, stopped_at,
            (stopped_at is null and last_seen_at > now() - make_interval(secs => $1 / 1000.0)) as alive
       from worker_processes
      where last_seen_at > now() - interval '1 day'
      order by alive desc, last_seen_at desc
      limit ${LISTED}`,
    [WORKER_ALIVE_WITHIN_MS],
  );
  return rows.map((r) => ({
    workerId: r.worker_id,
    host: r.host,
    pid: r.pid,
    topics: r.topics,
    startedAt: r.started_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    stoppedAt: r.stopped_at?.toISOString() ?? null,
    alive: r.alive,
  }));
}
