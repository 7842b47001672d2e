// The unit's feedback on a filing and what became of each (GET /api/filings/{id} `feedback`): the page shows a
// feedback the moment it is filed, before the process has recorded it, and then the reviewer's answer. The process
// takes one feedback at a time, so the n-th decision in the filing's history answers the n-th feedback.
import type { Db } from '../platform/db.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import type { StatusEntry } from './filing-store.ts';

export interface FeedbackItem {
  id: string;
  /** As the unit wrote it, personal numbers masked. */
  reason: string;
  filedAt: string;
  /** awaiting: filed, not yet decided; approved: the unit may modify the declaration; rejected: the filing stands. */
  state: 'awaiting' | 'approved' | 'rejected';
  /** The reviewer's note with the decision. */
  reviewNote: string | null;
  decidedAt: string | null;
}

const DECISIONS: Record<string, FeedbackItem['state']> = { 'feedback-approved': 'approved', 'feedback-rejected': 'rejected' };

export interface FiledFeedback {
  id: string;
  reason: string;
  filedAt: Date;
}

/** Each feedback, oldest first, with the decision the history recorded for it, if any. */
export function withDecisions(filed: readonly FiledFeedback[], history: readonly StatusEntry[]): FeedbackItem[] {
  const decisions = history.filter((h) => h.step !== null && h.step in DECISIONS);
  return filed.map((row, n) => {
    const decision = decisions[n];
    return {
      id: row.id,
      reason: maskNumbersInText(row.reason),
      filedAt: row.filedAt.toISOString(),
      state: decision ? DECISIONS[decision.step!]! : 'awaiting',
      reviewNote: decision?.note ?? null,
      decidedAt: decision?.at ?? null,
    };
  });
}

export async function feedbackHistory(db: Db, filingId: string, history: readonly StatusEntry[]): Promise<FeedbackItem[]> {
  const filed = await db.query<FiledFeedback>(
    'select id, reason, filed_at as "filedAt" from feedback where filing_id = $1 order by filed_at, id',
    [filingId],
  );
  return withDecisions(filed.rows, history);
}
