// Disputes and manual-review decisions in PostgreSQL. Both are history (a row per dispute, per decision); the
// count applies the latest decision per employee that has not been cleared. Writes are keyed by the engine's
// external task, so a task handed out again after a worker died writes nothing the second time.
import type { Db, Tx } from '../platform/db.ts';
import type { ManualDecisionKind } from './review-result.ts';

export interface NewDispute {
  filingId: string;
  /** Positions in the declaration's employees (0-based), distinct and ascending. */
  employeeIndexes: number[];
  reason: string;
  filedBy: string;
  sourceTaskId: string;
}

export interface NewManualDecision {
  filingId: string;
  employeeIndex: number;
  decision: ManualDecisionKind;
  /** YYYY-MM; only a `months` decision names any. */
  countedMonths: string[];
  reason: string;
  reviewer: string;
  sourceTaskId: string;
}

/** A reviewer's decision about one employee, as the count applies it and the review shows it. */
export interface ManualDecision {
  employeeIndex: number;
  decision: ManualDecisionKind;
  countedMonths: string[];
  reason: string;
  reviewer: string;
  decidedAt: string;
}

/** Stores the dispute; false when this task had already stored it. */
export async function saveDispute(db: Db | Tx, dispute: NewDispute): Promise<boolean> {
  const result = await db.query(
    `insert into disputes (filing_id, employee_indexes, reason, filed_by, source_task_id) values ($1, $2, $3, $4, $5)
     on conflict (source_task_id) do nothing`,
    [dispute.filingId, dispute.employeeIndexes, dispute.reason, dispute.filedBy, dispute.sourceTaskId],
  );
  return result.rowCount === 1;
}

/** Stores the decision; false when this task had already stored it. */
export async function saveManualDecision(db: Db | Tx, decision: NewManualDecision): Promise<boolean> {
  const result = await db.query(
    `insert into manual_review_decisions (filing_id, employee_index, decision, counted_months, reason, reviewer, source_task_id)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (source_task_id) do nothing`,
    [decision.filingId, decision.employeeIndex, decision.decision, decision.countedMonths, decision.reason, decision.reviewer, decision.sourceTaskId],
  );
  return result.rowCount === 1;
}

/** The decision in force for each employee of the filing that has one: the latest not cleared. */
export async function decisionsInForce(db: Db | Tx, filingId: string): Promise<Map<number, ManualDecision>> {
  return (await decisionsInForceOf(db, [filingId])).get(filingId) ?? new Map();
}

/** The same for many filings at once (the policy preview reads a season in batches), by filing id. */
export async function decisionsInForceOf(db: Db | Tx, filingIds: string[]): Promise<Map<string, Map<number, ManualDecision>>> {
  const result = await db.query<{ filing_id: string; employee_index: number; decision: ManualDecisionKind; counted_months: string[]; reason: string; reviewer: string; decided_at: Date }>(
    `select distinct on (filing_id, employee_index) filing_id, employee_index, decision, counted_months, reason, reviewer, decided_at
       from manual_review_decisions
      where filing_id = any($1::uuid[]) and cleared_at is null
      order by filing_id, employee_index, decided_at desc, id desc`,
    [filingIds],
  );
  const byFiling = new Map<string, Map<number, ManualDecision>>();
  for (const r of result.rows) {
    const decisions = byFiling.get(r.filing_id) ?? new Map<number, ManualDecision>();
    decisions.set(r.employee_index, {
      employeeIndex: r.employee_index,
      decision: r.decision,
      countedMonths: r.counted_months,
      reason: r.reason,
      reviewer: r.reviewer,
      decidedAt: r.decided_at.toISOString(),
    });
    byFiling.set(r.filing_id, decisions);
  }
  return byFiling;
}

/**
 * Takes every decision of the filing out of force: called when the declaration is modified after feedback, since
 * the decisions name employees by their position in the old declaration. The rows stay, as history.
 */
export async function clearManualReview(db: Db | Tx, filingId: string): Promise<void> {
  await db.query('update manual_review_decisions set cleared_at = now() where filing_id = $1 and cleared_at is null', [filingId]);
}

/** The 0-based positions of employees that have at least one uploaded evidence document, among those asked about. */
export async function employeesWithEvidence(db: Db | Tx, filingId: string, indexes: readonly number[]): Promise<Set<number>> {
  if (indexes.length === 0) return new Set();
  const result = await db.query<{ employee_index: number }>(
    `select distinct employee_index from documents where filing_id = $1 and kind = 'evidence' and employee_index = any($2::int[])`,
    [filingId, [...indexes]],
  );
  return new Set(result.rows.map((r) => r.employee_index));
}
