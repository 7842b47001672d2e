// The registrars' changes that reached a filing while it was under way (db/migrations/029, written by the feed's
// pull: workers/register-change-effects.ts): the unit deregistered, listed abnormal or as a 非正常户. Shown to the
// staff beside the filing, never to the employer; the county's decision is the filing's task and status history.
import type { Db } from '../platform/db.ts';

export interface RegisterChangeFinding {
  registrar: 'samr' | 'civil' | 'org';
  changeType: string;
  /** The unit's register status after the change: deregistered | abnormal | irregular. */
  status: string;
  effectiveOn: string;
  /** When the feed's record reached the filing. */
  recordedAt: string;
}

export async function registerChangeFindingsOf(db: Db, filingId: string): Promise<RegisterChangeFinding[]> {
  const { rows } = await db.query<{ registrar: RegisterChangeFinding['registrar']; change_type: string; status_after: string; effective_on: string; created_at: Date }>(
    `select registrar, change_type, status_after, to_char(effective_on, 'YYYY-MM-DD') as effective_on, created_at
     from register_change_findings where filing_id = $1 order by id`,
    [filingId],
  );
  return rows.map((r) => ({ registrar: r.registrar, changeType: r.change_type, status: r.status_after, effectiveOn: r.effective_on, recordedAt: r.created_at.toISOString() }));
}
