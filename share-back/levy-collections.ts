// The levy the tax bureau reports collected per unit and levy year (附件2 §三), stored in levy_collections (migration
// 028): a read of the bureau replaces each unit-year it reports, never adds a second row.
import type { LevyCollection } from '../connectors/tax/schema.ts';
import type { Db } from '../platform/db.ts';

/** Stores one page of the bureau's report, each unit-year replacing what was stored for it. */
export async function replaceLevyCollections(db: Db, items: readonly LevyCollection[]): Promise<void> {
  if (items.length === 0) return;
  // One statement: the page is stored whole or not at all.
  await db.query(
    `insert into levy_collections (uscc, year, amount, collected_on)
     select * from unnest($1::text[], $2::int[], $3::numeric[], $4::date[])
     on conflict (uscc, year) do update
       set amount = excluded.amount, collected_on = excluded.collected_on, reported_at = now()`,
    [items.map((i) => i.uscc), items.map((i) => i.year), items.map((i) => i.amount), items.map((i) => i.collectedOn)],
  );
}
