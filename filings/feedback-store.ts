// The employer's feedback after certification (年审认证反馈) in PostgreSQL, written in one transaction with the
// message that carries it to the filing's waiting process (the outbox sends it), so neither exists without the other.
import { randomUUID } from 'node:crypto';
import { enqueueMessage } from '../outbox/outbox-commands.ts';
import { inTransaction, type Db, type Tx } from '../platform/db.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';

/** The message the diagram's event-based gateway waits for after certification. */
export const FEEDBACK_MESSAGE = 'feedback-filed';

export type FileFeedbackResult =
  | { kind: 'filed'; id: string }
  /** The same request again (same Idempotency-Key, same filing and reason): the feedback it filed. */
  | { kind: 'repeated'; id: string }
  /** The Idempotency-Key was used before for another request. */
  | { kind: 'key_reused'; id: string }
  /** A feedback filed earlier has not reached the process yet: a second one would find nobody waiting. */
  | { kind: 'pending'; id: string };

/** What an earlier request with this Idempotency-Key by this person filed, if any. */
export async function earlierFeedback(
  db: Db | Tx,
  who: Identity,
  idempotencyKey: string | undefined,
  filingId: string,
  reason: string,
): Promise<Extract<FileFeedbackResult, { kind: 'repeated' | 'key_reused' }> | undefined> {
  if (!idempotencyKey) return undefined;
  const found = await db.query<{ id: string; filing_id: string; reason: string }>(
    'select id, filing_id, reason from feedback where filed_by = $1 and idempotency_key = $2',
    [who.sub, idempotencyKey],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  return row.filing_id === filingId && row.reason === reason ? { kind: 'repeated', id: row.id } : { kind: 'key_reused', id: row.id };
}

/**
 * Stores the feedback and its message for the filing's process. Concurrent requests for one filing are taken one
 * after the other (the filing row is locked): while one feedback is still on its way to the process, another is
 * refused, since the process takes one feedback per waiting.
 */
export async function fileFeedback(
  db: Db,
  who: Identity,
  filingId: string,
  reason: string,
  idempotencyKey: string | undefined,
): Promise<FileFeedbackResult> {
  return inTransaction(db, async (tx) => {
    await tx.query('select id from filings where id = $1 for update', [filingId]);
    const before = await earlierFeedback(tx, who, idempotencyKey, filingId, reason);
    if (before) return before;
    // The outbox row of a feedback not yet delivered (OutboxMessage in the payload; marker = the feedback's id).
    const pending = await tx.query<{ id: string }>(
      `select payload->'marker'->>'value' as id from outbox
        where command = 'correlate-message' and business_key = $1 and payload->>'messageName' = $2 and dispatched_at is null and given_up_at is null
        limit 1`,
      [filingId, FEEDBACK_MESSAGE],
    );
    if (pending.rows[0]) return { kind: 'pending', id: pending.rows[0].id };

    const id = randomUUID();
    const inserted = await tx.query(
      `insert into feedback (id, filing_id, reason, filed_by, idempotency_key) values ($1, $2, $3, $4, $5)
       on conflict (filed_by, idempotency_key) where idempotency_key is not null do nothing`,
      [id, filingId, reason, who.sub, idempotencyKey ?? null],
    );
    if (inserted.rowCount === 0) {
      // The same key, racing from another filing's request, committed first.
      const again = await earlierFeedback(tx, who, idempotencyKey, filingId, reason);
      if (again) return again;
      throw new Error('feedback insert conflicted with no feedback to show for it');
    }
    await enqueueMessage(tx, filingId, {
      messageName: FEEDBACK_MESSAGE,
      // The reviewer reads the reason in the task; no personal number goes into the engine (保守秘密原则).
      variables: { feedbackId: id, feedbackReason: maskNumbersInText(reason), feedbackFiledBy: who.sub },
      marker: { name: 'feedbackId', value: id },
    });
    await audit(tx, who, 'feedback.create', { type: 'filing', id: filingId }, { feedbackId: id });
    return { kind: 'filed', id };
  });
}
