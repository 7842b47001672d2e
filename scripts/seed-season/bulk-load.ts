// Loading many rows fast: the loaded tables' secondary indexes and foreign keys are set aside during the load and
// made again after it from their own definitions (pg_get_indexdef / pg_get_constraintdef), so each is built once
// in bulk instead of row by row, and the foreign keys are checked once, over the whole tables.
import type pg from 'pg';

export interface SetAside {
  /** Statements that make the dropped objects again, in order. */
  restore: string[];
}

export async function setAsideIndexes(client: pg.PoolClient, tables: readonly string[]): Promise<SetAside> {
  const fks = await client.query<{ table: string; name: string; def: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
       from pg_constraint
      where contype = 'f' and (conrelid::regclass::text = any($1) or confrelid::regclass::text = any($1))`,
    [tables],
  );
  // Plain indexes, and the indexes of unique constraints; primary keys stay (the foreign keys need them).
  const indexes = await client.query<{ table: string; name: string; def: string; constraint: string | null; condef: string | null }>(
    `select i.indrelid::regclass::text as table, c.relname as name, pg_get_indexdef(i.indexrelid) as def,
            con.conname as constraint, pg_get_constraintdef(con.oid) as condef
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       left join pg_constraint con on con.conindid = i.indexrelid and con.contype in ('p', 'u')
      where i.indrelid::regclass::text = any($1) and not i.indisprimary`,
    [tables],
  );
  for (const fk of fks.rows) await client.query(`alter table ${fk.table} drop constraint "${fk.name}"`);
  for (const ix of indexes.rows) {
    await client.query(ix.constraint ? `alter table ${ix.table} drop constraint "${ix.constraint}"` : `drop index "${ix.name}"`);
  }
  return {
    restore: [
      ...indexes.rows.map((ix) => (ix.constraint ? `alter table ${ix.table} add constraint "${ix.constraint}" ${ix.condef}` : ix.def)),
      ...fks.rows.map((fk) => `alter table ${fk.table} add constraint "${fk.name}" ${fk.def}`),
    ],
  };
}

export async function restoreIndexes(client: pg.PoolClient, aside: SetAside, log: (line: string) => void): Promise<void> {
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const statement of aside.restore) {
    const t = performance.now();
    await client.query(statement);
    log(`  ${statement.slice(0, 110)}${statement.length > 110 ? '…' : ''} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
}
