// Notifications in PostgreSQL: written idempotently (by the external task that wrote them, or by a sweep's own key),
// listed for the candidate groups a person belongs to, marked read, and a filing's escalations for its detail page.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import type { NotificationKind } from '../api/notifications.ts';


export interface NewNotification {
  recipientGroup: string;
  kind: NotificationKind;
  title: string;
  body: string;
  filingId?: string | null;
  dueAt?: string | null;
  /** The external task that writes it: the task handed out again writes nothing more. */
  sourceTaskId?: string | null;
  /** What makes a sweep's notification the same one when the sweep runs again. */
  dedupKey?: string | null;
  /** When it was written; the database's clock unless given (a sweep dates its rows by its own clock). */
  createdAt?: Date;
}

export interface StoredNotification {
  id: string;
  recipientGroup: string;
  kind: NotificationKind;
  title: string;
  body: string;
  filingId: string | null;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
  readBy: string | null;
}

interface NotificationRow {
  id: string;
  recipient_group: string;
  kind: NotificationKind;
  title: string;
  body: string;
  filing_id: string | null;
  due_at: Date | null;
  created_at: Date;
  read_at: Date | null;
  read_by: string | null;
}

const columns = 'id, recipient_group, kind, title, body, filing_id, due_at, created_at, read_at, read_by';

function fromRow(row: NotificationRow): StoredNotification {
  return {
    id: row.id,
    recipientGroup: row.recipient_group,
    kind: row.kind,
    title: row.title,
    body: row.body,
    filingId: row.filing_id,
    dueAt: row.due_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    readBy: row.read_by,
  };
}

/**
 * Writes notifications in one statement; those whose task or dedup key already wrote one are skipped. Returns how
 * many were new. A missing filing is the database's foreign-key error (23503), for the caller to name.
 */
export async function createNotifications(db: Db | Tx, notifications: readonly NewNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const column = <T>(pick: (n: NewNotification) => T) => notifications.map(pick);
  const result = await db.query(
    `insert into notifications (id, recipient_group, kind, title, body, filing_id, due_at, source_task_id, dedup_key, created_at)
     select id, recipient_group, kind, title, body, filing_id, due_at, source_task_id, dedup_key, coalesce(created_at, now())
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[], $8::text[], $9::text[], $10::timestamptz[])
         as n (id, recipient_group, kind, title, body, filing_id, due_at, source_task_id, dedup_key, created_at)
     on conflict do nothing`,
    [
      column(() => randomUUID()),
      column((n) => n.recipientGroup),
      column((n) => n.kind),
      column((n) => n.title),
      column((n) => n.body),
      column((n) => n.filingId ?? null),
      column((n) => n.dueAt ?? null),
      column((n) => n.sourceTaskId ?? null),
      column((n) => n.dedupKey ?? null),
      column((n) => n.createdAt ?? null),
    ],
  );
  return result.rowCount ?? 0;
}

/** Writes one notification; false when its task or dedup key had already written it. */
export async function createNotification(db: Db | Tx, notification: NewNotification): Promise<boolean> {
  return (await createNotifications(db, [notification])) === 1;
}

export interface NotificationQuery {
  kind?: NotificationKind;
  unreadOnly: boolean;
  limit: number;
  offset: number;
}

/** The notifications of these groups, newest first, with how many match and how many of all theirs are unread. */
export async function listNotifications(
  db: Db,
  groups: readonly string[],
  query: NotificationQuery,
): Promise<{ total: number; unread: number; items: StoredNotification[] }> {
  if (groups.length === 0) return { total: 0, unread: 0, items: [] };
  const params: unknown[] = [groups];
  const where = ['recipient_group = any($1::text[])'];
  if (query.kind !== undefined) where.push(`kind = $${params.push(query.kind)}`);
  if (query.unreadOnly) where.push('read_at is null');
  const condition = where.join(' and ');
  const counts = await db.query<{ total: string; unread: string }>(
    `select (select count(*) from notifications where ${condition}) as total,
            (select count(*) from notifications where recipient_group = any($1::text[]) and read_at is null) as unread`,
    params,
  );
  const rows = await db.query<NotificationRow>(
    `select ${columns} from notifications where ${condition} order by created_at desc, id desc
     limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  return { total: Number(counts.rows[0]?.total ?? 0), unread: Number(counts.rows[0]?.unread ?? 0), items: rows.rows.map(fromRow) };
}

/**
 * Marks a notification of one of these groups read, keeping the first reader and time; undefined when there is no
 * such notification for them (an unknown id and another group's answer alike).
 */
export async function markRead(db: Db, id: string, groups: readonly string[], reader: string, at: Date = new Date()): Promise<StoredNotification | undefined> {
  if (!isUuid(id) || groups.length === 0) return undefined;
  const result = await db.query<NotificationRow>(
    `update notifications set read_at = coalesce(read_at, $3), read_by = coalesce(read_by, $4)
      where id = $1 and recipient_group = any($2::text[])
      returning ${columns}`,
    [id, groups, at, reader],
  );
  const row = result.rows[0];
  return row ? fromRow(row) : undefined;
}

/** A filing's escalations (missed deadlines sent up to the county lead or the city), oldest first. */
export async function escalationsOf(db: Db, filingId: string): Promise<StoredNotification[]> {
  if (!isUuid(filingId)) return [];
  const result = await db.query<NotificationRow>(
    `select ${columns} from notifications where filing_id = $1 and kind = 'escalation' order by created_at, id`,
    [filingId],
  );
  return result.rows.map(fromRow);
}
