// Walks a database's audit trail in seq order through platform/audit-chain.ts's ChainWalk, a page at a time: the one
// walk `npm run audit:verify` runs against DATABASE_URL and `npm run restore-check` against a restored copy. The
// caller holds the transaction (one snapshot for the whole walk).
import type pg from 'pg';
import { chainedAtSql, ChainWalk, type ChainAnchor, type ChainBreak, type StoredEntry } from './audit-chain.ts';

const PAGE = 1000;

export interface ChainVerdict {
  /** The first break, if any. */
  broken?: ChainBreak;
  /** Entries checked before the break (all of them when none). */
  checked: number;
  /** The last entry checked: `0` and the genesis hash for an empty trail. */
  head: ChainAnchor;
}

export async function walkAuditChain(client: pg.ClientBase, anchor?: ChainAnchor): Promise<ChainVerdict> {
  const walk = new ChainWalk(anchor);
  const verdict = (broken?: ChainBreak): ChainVerdict => ({ ...(broken ? { broken } : {}), checked: walk.checked, head: walk.head });
  let after = '0';
  for (;;) {
    const page = await client.query<StoredEntry>(
      `select seq::text as seq, ${chainedAtSql('at')} as at, actor, actor_role as "actorRole", action, subject_type as "subjectType",
              subject_id as "subjectId", detail::text as detail, prev_hash as "prevHash", hash
         from audit_log where seq > $1 order by audit_log.seq limit ${PAGE}`,
      [after],
    );
    for (const entry of page.rows) {
      const broken = walk.check(entry);
      if (broken) return verdict(broken);
    }
    if (page.rows.length < PAGE) return verdict(walk.finish());
    after = page.rows[page.rows.length - 1]!.seq;
  }
}
