// Modifying a certified filing's declaration after approved feedback: the declaration as it stood is kept as a
// version, the new one takes its place, and the manual review's decisions on the old one are cleared — one
// transaction, so the re-review never sees half of it.
import type { Filing } from './declaration/filing.ts';
import { inTransaction, type Db } from '../platform/db.ts';
import { clearManualReview } from '../review/manual-review-store.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';

export interface ModifiedDeclaration {
  /** How many times the declaration has been modified: the number of versions kept. */
  version: number;
  /** False when the body equalled the current declaration: nothing was written (a repeated PUT). */
  changed: boolean;
  declaration: Filing;
  updatedAt: string;
}

/**
 * How and where the filing was made is its history, not something a modification changes: the channel, the office
 * that received it and the window's intake stay as they were.
 */
export function keepingIntake(original: Filing, modified: Filing): Filing {
  const { receivingRegionCode: _r, windowIntake: _w, ...rest } = modified;
  return {
    ...rest,
    channel: original.channel,
    ...(original.receivingRegionCode !== undefined ? { receivingRegionCode: original.receivingRegionCode } : {}),
    ...(original.windowIntake !== undefined ? { windowIntake: original.windowIntake } : {}),
  };
}

export async function modifyDeclaration(
  db: Db,
  who: Identity,
  filingId: string,
  declaration: Filing,
  notices: FieldIssue[],
): Promise<ModifiedDeclaration> {
  return inTransaction(db, async (tx) => {
    const current = await tx.query<{ same: boolean; updated_at: Date; versions: number }>(
      `select f.declaration = $2::jsonb as same, f.updated_at,
              (select count(*)::int from declaration_versions v where v.filing_id = f.id) as versions
         from filings f where f.id = $1 for update`,
      [filingId, JSON.stringify(declaration)],
    );
    const row = current.rows[0];
    if (!row) throw new Error(`filing ${filingId} vanished while its declaration was modified`);
    // The same body sent again (a retried PUT) is not another modification.
    if (row.same) return { version: row.versions, changed: false, declaration, updatedAt: row.updated_at.toISOString() };

    const version = row.versions + 1;
    await tx.query(
      `insert into declaration_versions (filing_id, version, declaration, replaced_by)
       select id, $2, declaration, $3 from filings where id = $1`,
      [filingId, version, who.sub],
    );
    const updated = await tx.query<{ updated_at: Date }>(
      'update filings set declaration = $2, intake_notices = $3, updated_at = now() where id = $1 returning updated_at',
      [filingId, JSON.stringify(declaration), JSON.stringify(notices)],
    );
    // The decisions name employees by their position in the old declaration: they no longer name anyone.
    await clearManualReview(tx, filingId);
    await audit(tx, who, 'filing.modify_declaration', { type: 'filing', id: filingId }, { version, employees: declaration.employees.length });
    return { version, changed: true, declaration, updatedAt: (updated.rows[0] as { updated_at: Date }).updated_at.toISOString() };
  });
}
