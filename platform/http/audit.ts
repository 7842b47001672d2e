// Writes the audit trail: who read or changed which record, when (保守秘密原则: every access attributable). Every entry
// is chained to the one before it (platform/audit-chain.ts): written under a transaction-scoped advisory lock, so
// entries are hashed one after another in the order they commit, with the time and the detail exactly as stored.
import pg from 'pg';
import { chainedAtSql, entryHash, GENESIS_HASH } from '../audit-chain.ts';
import { inTransaction, type Db, type Tx } from '../db.ts';
import { RateLimit } from '../rate-limit.ts';
import { statusOf, type RefusedRequest } from './http.ts';
import type { Identity, SystemCaller } from './identity.ts';

/** Actions on the engine: audited as an intent before the engine is called and an outcome after (`audited`). */
export type EngineAction = 'task.claim' | 'task.unclaim' | 'task.complete' | 'deployment.create';

export type AuditAction =
  | 'filing.create'
  | 'filing.read'
  | 'filing.reveal_personal_numbers'
  | 'filing.list'
  | 'calendar.publish_year'
  | 'document.upload'
  | 'document.list'
  | 'document.read'
  | 'filing_season.set'
  | 'employer.update'
  | 'task.read'
  | 'certificate.download'
  | 'annual_report.download'
  | 'rewards.read'
  | 'rewards.export'
  | 'feedback.create'
  | 'filing.modify_declaration'
  | 'rating.set'
  | 'registration.lookup'
  | 'policy.preview'
  | 'incident.retry'
  | 'request.refused'
  | 'session.start'
  | 'session.end'
  | 'session.refused'
  | 'staff.create'
  | 'staff.update'
  | 'staff.revoke_sessions'
  | 'supervision.exits_read'
  | 'filing.last_year_start'
  | 'review_history.import'
  | 'review_history.check'
  | EngineAction
  | `${EngineAction}.intent`;

/** Who is named when nobody signed in: a refused request without a valid session. */
export interface Anonymous {
  sub: 'anonymous';
  role: 'anonymous';
}

export type Actor = Identity | SystemCaller | Anonymous;

export interface AuditSubject {
  type: string;
  id: string;
}

/** Serialises the chain's writers across every process on the database (any fixed number). */
const AUDIT_CHAIN_LOCK = 727_2022_20;

/**
 * Appends one entry. With a transaction (`Tx`), the entry commits or rolls back with the caller's writes; call it
 * last in the transaction, since the chain's lock is held until commit. With the pool, in a short transaction of its
 * own. Returns the entry's seq (an intent's outcome names it).
 */
export async function audit(
  db: Db | Tx,
  who: Actor,
  action: AuditAction,
  subject: AuditSubject,
  detail: Record<string, unknown> = {},
): Promise<string> {
  if (db instanceof pg.Pool) return inTransaction(db, (tx) => append(tx, who, action, subject, detail));
  return append(db, who, action, subject, detail);
}

async function append(tx: Tx, who: Actor, action: AuditAction, subject: AuditSubject, detail: Record<string, unknown>): Promise<string> {
  const json = JSON.stringify(detail);
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  // Taken under the lock, so that times follow the chain's order (within one clock).
  const at = new Date();
  // A statement after the lock's: it sees the entry the writer before us committed. The time and detail as
  // PostgreSQL will store and print them, which is what the verifier reads back.
  const head = await tx.query<{ seq: string | null; hash: string | null; at: string; detail: string }>(
    `select last.seq::text as seq, last.hash, ${chainedAtSql('$1::timestamptz')} as at, $2::jsonb::text as detail
       from (select 1) one left join lateral (select seq, hash from audit_log order by seq desc limit 1) last on true`,
    [at, json],
  );
  const row = head.rows[0]!;
  const entry = {
    seq: String(BigInt(row.seq ?? '0') + 1n),
    at: row.at,
    actor: who.sub,
    actorRole: who.role,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    detail: row.detail,
    prevHash: row.hash ?? GENESIS_HASH,
  };
  await tx.query(
    `insert into audit_log (seq, at, actor, actor_role, action, subject_type, subject_id, detail, prev_hash, hash)
     values ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [entry.seq, at, entry.actor, entry.actorRole, entry.action, entry.subjectType, entry.subjectId, json, entry.prevHash, entryHash(entry)],
  );
  return entry.seq;
}

/** What a successful engine action adds to its outcome entry. */
export interface Outcome {
  /** The subject, when the action made it (a deployment's id). */
  subject?: AuditSubject;
  detail?: Record<string, unknown>;
  /** Our own rows of the success, written in one transaction with the outcome entry. */
  record?: (tx: Tx) => Promise<void>;
}

/**
 * An action on the engine: an intent entry committed before it, so that no effect is ever left without an entry,
 * then its outcome naming the intent's seq — `ok`, or `failed` with the status the caller is answered (`act`
 * rejects with the error as the route answers it). A crash between the two leaves the intent without an outcome.
 */
export async function audited<T>(
  db: Db,
  who: Actor,
  action: EngineAction,
  subject: AuditSubject,
  detail: Record<string, unknown>,
  act: () => Promise<T>,
  outcome: (result: T) => Outcome = () => ({}),
): Promise<T> {
  const intentSeq = await audit(db, who, `${action}.intent`, subject, detail);
  let result: T;
  try {
    result = await act();
  } catch (error) {
    await audit(db, who, action, subject, { ...detail, intentSeq, outcome: 'failed', status: statusOf(error) });
    throw error;
  }
  const done = outcome(result);
  await inTransaction(db, async (tx) => {
    await done.record?.(tx);
    await audit(tx, who, action, done.subject ?? subject, { ...detail, ...done.detail, intentSeq, outcome: 'ok' });
  });
  return result;
}

/**
 * Writes every 401 and 403 answer to the trail (errorHandler's onRefused): who, if known, else 'anonymous'; the path,
 * method, status and address. At most `perMinute` entries a minute for one person (or, unknown, one address): past
 * that, one entry marked `throttled` says that the rest of the minute's refusals are not written one by one, so that
 * a flood of refused requests cannot keep the chain's lock from everyone else.
 */
export function refusalAudit(db: Db, options: { perMinute?: number; now?: () => number } = {}): (refused: RefusedRequest) => Promise<void> {
  const now = options.now ?? Date.now;
  const limit = new RateLimit(options.perMinute ?? 600, 60_000, now);
  const throttledUntil = new Map<string, number>();
  return async (refused) => {
    const key = refused.identity ? `person:${refused.identity.sub}` : `address:${refused.address ?? ''}`;
    const admission = limit.take(key);
    if (!admission.admitted) {
      const at = now();
      if ((throttledUntil.get(key) ?? 0) > at) return;
      if (throttledUntil.size > 10_000) for (const [k, until] of throttledUntil) if (until <= at) throttledUntil.delete(k);
      throttledUntil.set(key, at + admission.retryAfterSeconds * 1000);
    }
    const who: Actor = refused.identity ?? { sub: 'anonymous', role: 'anonymous' };
    await audit(db, who, 'request.refused', { type: 'request', id: refused.path.slice(0, 512) }, {
      method: refused.method,
      status: refused.status,
      address: refused.address ?? null,
      ...(admission.admitted ? {} : { throttled: true }),
    });
  };
}
