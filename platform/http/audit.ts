// Writes the audit trail: who read or changed which record, when (保守秘密原则: every access attributable).
import type { Db, Tx } from '../db.ts';
import type { Identity, SystemCaller } from './identity.ts';

export type AuditAction = 'session.start' | 'session.end' | 'session.refused' | 'filing.create' | 'filing.read' | 'filing.reveal_personal_numbers' | 'filing.list' | 'calendar.publish_year' | 'document.upload' | 'document.list' | 'document.read' | 'filing_season.set' | 'deployment.create' | 'employer.update' | 'task.claim' | 'task.unclaim' | 'task.complete' | 'certificate.download' | 'feedback.create' | 'filing.modify_declaration' | 'rating.set' | 'registration.lookup' | 'policy.preview' | 'incident.retry';

/** Who is named when nobody signed in: a refused request without a valid session. */
export interface Anonymous {
  sub: 'anonymous';
  role: 'anonymous';
}

export async function audit(
  db: Db | Tx,
  who: Identity | SystemCaller | Anonymous,
  action: AuditAction,
  subject: { type: string; id: string },
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    'insert into audit_log (actor, actor_role, action, subject_type, subject_id, detail) values ($1, $2, $3, $4, $5, $6)',
    [who.sub, who.role, action, subject.type, subject.id, JSON.stringify(detail)],
  );
}
