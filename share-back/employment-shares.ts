// The yearly share-back of the units' employment to market regulation (附件2 §二, docs/share-back.md), as stored:
// table employment_shares (migration 031), one row per unit and year. Which units a batch takes, the batch written
// before it is sent, the department's answers stored on it. A unit whose row holds an answer is never taken again;
// a batch sent without its answer stored is sent again as it was, under its own key; a rejection is taken again only
// once `resend` is set, when its incident was raised (the operator's retry then sends it).
import { createHash } from 'node:crypto';
import type { EmploymentReport, EmploymentReportResult } from '../connectors/market-share/schema.ts';
import { inTransaction, type Db } from '../platform/db.ts';

/** The units market regulation registered (USCC prefix 9, docs/domain.md §6): theirs is the share-back. */
const MARKET_REGULATED = '9%';

export interface ShareBatch {
  year: number;
  /** The Idempotency-Key of this batch: the same units at the same attempts give the same key. */
  key: string;
  reports: EmploymentReport[];
}

export interface ShareCounts {
  /** Certified units of the year still without a stored answer, or rejected and due to be sent again. */
  remaining: number;
  accepted: number;
  /** Rejected and not (yet) due to be sent again. */
  rejected: number;
}

export interface Rejection {
  uscc: string;
  reason: string;
}

interface Row {
  uscc: string;
  figures: Omit<EmploymentReport, 'uscc' | 'year'>;
  attempt: number;
}

const reportOf = (year: number, row: Row): EmploymentReport => ({ uscc: row.uscc, year, ...row.figures });

function batchKey(year: number, rows: readonly Row[]): string {
  const units = rows.map((r) => `${r.uscc}:${r.attempt}`).sort().join(',');
  return `employment-share:${year}:${createHash('sha256').update(units).digest('hex').slice(0, 32)}`;
}

// The certified units of a year (supervision's facts: certified filings, their certificate's or review's counts) with
// the staff count they declared. One active filing per unit and year, so one row per unit.
const CERTIFIED_UNITS = `
  select f.uscc, f.filing_id,
         jsonb_build_object(
           'staffCount', coalesce((fl.declaration #>> '{employer,averageStaffCount}')::integer, 0),
           'disabledEmployees', f.certified_employees,
           'certifiedCount', f.certified_count::float8,
           'requiredCount', f.required_count::float8) as figures
    from supervision_filing_facts f
    join filings fl on fl.id = f.filing_id
   where f.year = $1 and f.certified and f.uscc like '${MARKET_REGULATED}'`;

/**
 * The next batch to send, written as sent (its key on its rows) in one transaction, or null when nothing is left to
 * send: first a batch sent before whose answer was never stored (the same units, the same key), then rejections due
 * again (a new attempt), then certified units not yet shared.
 */
export async function nextShareBatch(db: Db, year: number, size: number): Promise<ShareBatch | null> {
  return inTransaction(db, async (tx) => {
    // One batch is chosen at a time for a year, whoever else runs the same step.
    await tx.query(`select pg_advisory_xact_lock(hashtext('employment-share'), $1)`, [year]);
    const unanswered = await tx.query<Row & { batch_key: string }>(
      `select uscc, figures, attempt, batch_key from employment_shares
        where year = $1 and outcome is null and batch_key = (
          select batch_key from employment_shares where year = $1 and outcome is null and batch_key is not null order by sent_at, uscc limit 1)
        order by uscc`,
      [year],
    );
    if (unanswered.rows.length > 0) {
      return { year, key: unanswered.rows[0]!.batch_key, reports: unanswered.rows.map((r) => reportOf(year, r)) };
    }

    let rows = (
      await tx.query<Row>(
        `update employment_shares set attempt = attempt + 1, resend = false, outcome = null, receipt_number = null, reject_reason = null, answered_at = null
          where (uscc, year) in (select uscc, year from employment_shares where year = $1 and resend order by uscc limit $2)
          returning uscc, figures, attempt`,
        [year, size],
      )
    ).rows;
    if (rows.length === 0) {
      rows = (
        await tx.query<Row>(
          `insert into employment_shares (uscc, year, figures, filing_id)
           select c.uscc, $1, c.figures, c.filing_id from (${CERTIFIED_UNITS}) c
            where not exists (select 1 from employment_shares s where s.uscc = c.uscc and s.year = $1)
            order by c.uscc limit $2
           returning uscc, figures, attempt`,
          [year, size],
        )
      ).rows;
    }
    if (rows.length === 0) return null;
    rows.sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
    const key = batchKey(year, rows);
    await tx.query(`update employment_shares set batch_key = $3, sent_at = now() where year = $1 and uscc = any($2)`, [
      year,
      rows.map((r) => r.uscc),
      key,
    ]);
    return { year, key, reports: rows.map((r) => reportOf(year, r)) };
  });
}

/** Stores the department's answer to a batch on its rows (only those still sent under this key). */
export async function storeShareAnswers(db: Db, batch: ShareBatch, results: readonly EmploymentReportResult[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const result of results) {
      await tx.query(
        `update employment_shares set outcome = $4, receipt_number = $5, reject_reason = $6, answered_at = now()
          where uscc = $1 and year = $2 and batch_key = $3 and outcome is null`,
        [
          result.uscc,
          batch.year,
          batch.key,
          result.outcome,
          result.outcome === 'accepted' ? result.receiptNumber : null,
          result.outcome === 'rejected' ? result.reason : null,
        ],
      );
    }
  });
}

/** Where the year's share-back stands. */
export async function shareCounts(db: Db, year: number): Promise<ShareCounts> {
  const { rows } = await db.query<ShareCounts>(
    `select (select count(*) from supervision_filing_facts c
              where c.year = $1 and c.certified and c.uscc like '${MARKET_REGULATED}'
                and not exists (select 1 from employment_shares s where s.uscc = c.uscc and s.year = $1))::int
            + count(*) filter (where outcome is null or resend)::int as remaining,
            count(*) filter (where outcome = 'accepted')::int as accepted,
            count(*) filter (where outcome = 'rejected' and not resend)::int as rejected
       from employment_shares where year = $1`,
    [year],
  );
  return rows[0]!;
}

/**
 * The year's rejections not yet due again, now marked to be sent again when the operator retries the incident they
 * raise. Returns them (the incident names a few).
 */
export async function markRejectionsForResend(db: Db, year: number): Promise<Rejection[]> {
  const { rows } = await db.query<Rejection>(
    `update employment_shares set resend = true where year = $1 and outcome = 'rejected' and not resend
     returning uscc, reject_reason as reason`,
    [year],
  );
  return rows.sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
}

/** Every year's share-back in figures, newest first (the operations page). */
export async function shareBackStates(db: Db): Promise<Array<{ year: number; accepted: number; rejected: number; awaitingAnswer: number }>> {
  const { rows } = await db.query<{ year: number; accepted: number; rejected: number; awaiting_answer: number }>(
    `select year, count(*) filter (where outcome = 'accepted')::int as accepted,
            count(*) filter (where outcome = 'rejected')::int as rejected,
            count(*) filter (where outcome is null)::int as awaiting_answer
       from employment_shares group by year order by year desc`,
  );
  return rows.map((r) => ({ year: r.year, accepted: r.accepted, rejected: r.rejected, awaitingAnswer: r.awaiting_answer }));
}
