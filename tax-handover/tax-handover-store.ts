// The hand-over to the tax bureau in PostgreSQL (db/migrations/012_tax_handovers.sql): each push of a filing's
// certified result (one row per round, keyed by filing and round, so a task handed out again writes nothing new),
// its receipt, and the bureau's later answer, which goes to the waiting process as the message `tax-answer`.
import { inTransaction, type Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { enqueueMessage } from '../outbox/outbox-commands.ts';
import type { TaxAnswer } from '../connectors/tax/schema.ts';

/** The message the waiting process catches, and the variable only its correlation sets (the outbox's marker). */
export const TAX_ANSWER_MESSAGE = 'tax-answer';
export const TAX_ANSWER_MARKER = 'taxAnswerId';

/** The latest hand-over of a filing as the filing API shows it. */
export interface TaxHandover {
  round: number;
  receiptId: string;
  pushedAt: string;
  consistent: boolean | null;
  levyCollected: number | null;
  answeredAt: string | null;
}

export interface HandoverStart {
  filingId: string;
  round: number;
  certifiedCount: number;
  requiredCount: number;
  sourceTaskId: string;
}

/**
 * Writes the round's row before its push (so an answer that overtakes the receipt finds a push under way) and says
 * what is known of it: a receipt means the round was pushed already. A round not yet pushed takes the latest count.
 */
export async function beginHandover(db: Db, start: HandoverStart): Promise<{ receiptId: string | null; certifiedCount: number }> {
  await db.query(
    `insert into tax_handovers (filing_id, round, certified_count, required_count, source_task_id) values ($1, $2, $3, $4, $5)
     on conflict (filing_id, round) do update
       set certified_count = excluded.certified_count, required_count = excluded.required_count, source_task_id = excluded.source_task_id
       where tax_handovers.receipt_id is null`,
    [start.filingId, start.round, start.certifiedCount, start.requiredCount, start.sourceTaskId],
  );
  const row = (
    await db.query<{ receipt_id: string | null; certified_count: string }>(
      'select receipt_id, certified_count from tax_handovers where filing_id = $1 and round = $2',
      [start.filingId, start.round],
    )
  ).rows[0]!;
  return { receiptId: row.receipt_id, certifiedCount: Number(row.certified_count) };
}

/** Keeps the receipt of a round's push; false when the round already holds another receipt. */
export async function recordReceipt(db: Db, filingId: string, round: number, receiptId: string): Promise<boolean> {
  const updated = await db.query(
    `update tax_handovers set receipt_id = $3, pushed_at = coalesce(pushed_at, now())
      where filing_id = $1 and round = $2 and (receipt_id is null or receipt_id = $3)`,
    [filingId, round, receiptId],
  );
  return updated.rowCount === 1;
}

export type AnswerOutcome =
  /** Stored; the message is in the outbox unless a later round superseded this push. */
  | { kind: 'recorded'; filingId: string; superseded: boolean }
  /** The same answer was stored before: nothing new. */
  | { kind: 'repeated' }
  /** No push of ours has this receipt. */
  | { kind: 'unknown' }
  /** The answer's filing has a push whose receipt is not stored yet: the answer overtook it. */
  | { kind: 'pending' }
  /** The answer names another filing, unit or year than the push of its receipt (JSON pointers). */
  | { kind: 'mismatch'; paths: string[] }
  /** Another answer for this receipt was stored before. */
  | { kind: 'conflict' };

const cents = (yuan: number) => Math.round(yuan * 100);

/** Stores the bureau's answer and enqueues its message in one transaction; a repeat changes nothing. */
export async function recordTaxAnswer(db: Db, answer: TaxAnswer): Promise<AnswerOutcome> {
  return inTransaction(db, async (tx) => {
    const found = await tx.query<{
      filing_id: string;
      consistent: boolean | null;
      levy_collected: string | null;
      employer_uscc: string;
      year: number;
      superseded: boolean;
    }>(
      `select h.filing_id, h.consistent, h.levy_collected, f.employer_uscc, f.year,
              exists (select 1 from tax_handovers later where later.filing_id = h.filing_id and later.round > h.round) as superseded
         from tax_handovers h join filings f on f.id = h.filing_id
        where h.receipt_id = $1
        for update of h`,
      [answer.receiptId],
    );
    const row = found.rows[0];
    if (!row) {
      // filing_id is a uuid: anything else could only fail in the database.
      if (!isUuid(answer.filingId)) return { kind: 'unknown' };
      const underWay = await tx.query('select 1 from tax_handovers where filing_id = $1 and receipt_id is null', [answer.filingId]);
      return underWay.rowCount ? { kind: 'pending' } : { kind: 'unknown' };
    }
    const paths = [
      ...(answer.filingId.toLowerCase() === row.filing_id ? [] : ['/filingId']),
      ...(answer.uscc === row.employer_uscc ? [] : ['/uscc']),
      ...(answer.year === row.year ? [] : ['/year']),
    ];
    if (paths.length > 0) return { kind: 'mismatch', paths };
    if (row.consistent !== null) {
      const same = row.consistent === answer.consistent && cents(Number(row.levy_collected)) === cents(answer.levyCollected);
      return same ? { kind: 'repeated' } : { kind: 'conflict' };
    }
    await tx.query(
      `update tax_handovers set consistent = $2, levy_collected = $3, answered_at = $4, answer_received_at = now() where receipt_id = $1`,
      [answer.receiptId, answer.consistent, answer.levyCollected, answer.answeredAt],
    );
    // A late answer to a push that a re-push replaced is kept, but must not pass for the answer the process awaits.
    if (!row.superseded) {
      await enqueueMessage(tx, row.filing_id, {
        messageName: TAX_ANSWER_MESSAGE,
        variables: {
          taxConsistent: answer.consistent,
          levyCollected: answer.levyCollected,
          taxReceiptId: answer.receiptId,
          [TAX_ANSWER_MARKER]: answer.receiptId,
        },
        marker: { name: TAX_ANSWER_MARKER, value: answer.receiptId },
      });
    }
    return { kind: 'recorded', filingId: row.filing_id, superseded: row.superseded };
  });
}

/** The filing's latest pushed round, with the answer once it came; null before the first push. */
export async function latestTaxHandover(db: Db, filingId: string): Promise<TaxHandover | null> {
  const result = await db.query<{
    round: number;
    receipt_id: string;
    pushed_at: Date;
    consistent: boolean | null;
    levy_collected: string | null;
    answered_at: Date | null;
  }>(
    `select round, receipt_id, pushed_at, consistent, levy_collected, answered_at from tax_handovers
      where filing_id = $1 and receipt_id is not null order by round desc limit 1`,
    [filingId],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    round: row.round,
    receiptId: row.receipt_id,
    pushedAt: row.pushed_at.toISOString(),
    consistent: row.consistent,
    levyCollected: row.levy_collected === null ? null : Number(row.levy_collected),
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}
