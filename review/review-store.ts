// The automatic review in PostgreSQL: each department's answer about a filing (evidence) and the review's result.
// Writes are keyed by filing (and source), so a task handed out again after a worker died overwrites its own row.
import type { Db, Tx } from '../platform/db.ts';
import type { ReviewResult, RuleVersions } from './review-result.ts';

export const EVIDENCE_SOURCES = ['registration', 'dpf-certificates', 'veteran-certificates', 'pension', 'medical', 'wages'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export async function saveEvidence(db: Db, filingId: string, source: EvidenceSource, facts: object, externalTaskId: string): Promise<void> {
  await db.query(
    `insert into review_evidence (filing_id, source, facts, external_task_id) values ($1, $2, $3, $4)
     on conflict (filing_id, source) do update set facts = excluded.facts, external_task_id = excluded.external_task_id, recorded_at = now()`,
    [filingId, source, JSON.stringify(facts), externalTaskId],
  );
}

/**
 * The answer already kept for this filing and source by this very external task (`externalTaskId`): the task handed
 * out again after its worker or the engine died once it was kept, whose question need not be asked again.
 */
export async function evidenceOfTask(db: Db, filingId: string, source: EvidenceSource, externalTaskId: string): Promise<object | undefined> {
  const result = await db.query<{ facts: object }>('select facts from review_evidence where filing_id = $1 and source = $2 and external_task_id = $3', [
    filingId,
    source,
    externalTaskId,
  ]);
  return result.rows[0]?.facts;
}

/** The evidence recorded for a filing, by source; a source not (yet) heard from is absent. */
export async function loadEvidence(db: Db, filingId: string): Promise<Partial<Record<EvidenceSource, unknown>>> {
  const result = await db.query<{ source: EvidenceSource; facts: unknown }>('select source, facts from review_evidence where filing_id = $1', [filingId]);
  return Object.fromEntries(result.rows.map((row) => [row.source, row.facts]));
}

export interface StoredReview {
  result: ReviewResult;
  rules: RuleVersions;
  reviewedAt: string;
}

export async function findReview(db: Db, filingId: string): Promise<StoredReview | undefined> {
  const result = await db.query<{ result: ReviewResult; rules: RuleVersions; reviewed_at: Date }>(
    'select result, rules, reviewed_at from filing_reviews where filing_id = $1',
    [filingId],
  );
  const row = result.rows[0];
  return row && { result: row.result, rules: row.rules, reviewedAt: row.reviewed_at.toISOString() };
}

/** Keeps the review's result; the rule versions of an earlier run of the same filing are never replaced. */
export async function saveReview(db: Db | Tx, filingId: string, result: ReviewResult, rules: RuleVersions, externalTaskId: string): Promise<void> {
  await db.query(
    `insert into filing_reviews (filing_id, result, rules, external_task_id) values ($1, $2, $3, $4)
     on conflict (filing_id) do update set result = excluded.result, external_task_id = excluded.external_task_id, reviewed_at = now()`,
    [filingId, JSON.stringify(result), JSON.stringify(rules), externalTaskId],
  );
}

/** The counts a filing was certified with: its stored review's, the one source every step reports (certificate, tax, national platform). */
export async function certifiedResultOf(db: Db, filingId: string): Promise<{ certifiedCount: number; requiredCount: number } | undefined> {
  const review = await findReview(db, filingId);
  return review && { certifiedCount: review.result.certifiedCount, requiredCount: review.result.requiredCount };
}
