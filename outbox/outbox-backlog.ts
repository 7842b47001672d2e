// The outbox's backlog as operators read it (GET /api/operations/health and the dashboard's 消息与进程): commands
// waiting to be sent to the engine, those that failed at least once, the oldest, and the messages given up.
import type { Db } from '../platform/db.ts';

export interface OutboxBacklog {
  /** Commands waiting to be sent to the engine. */
  pending: number;
  /** Of those, the ones that failed at least once. */
  failing: number;
  /** When the oldest waiting command was written; null when none waits. */
  oldestPendingAt: string | null;
  /** Messages given up after their attempts (they need a person). */
  givenUp: number;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const { rows } = await db.query<{ pending: string; failing: string; oldest: Date | null; given_up: string }>(
    `select count(*) filter (where dispatched_at is null and given_up_at is null) as pending,
            count(*) filter (where dispatched_at is null and given_up_at is null and attempts > 0) as failing,
            min(created_at) filter (where dispatched_at is null and given_up_at is null) as oldest,
            count(*) filter (where given_up_at is not null and dispatched_at is null) as given_up
       from outbox where dispatched_at is null`,
  );
  const row = rows[0]!;
  return { pending: Number(row.pending), failing: Number(row.failing), oldestPendingAt: row.oldest?.toISOString() ?? null, givenUp: Number(row.given_up) };
}
