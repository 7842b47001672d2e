// What a dump is checked by, read the same way in the source (in the dump's snapshot) and in the restored copy:
// every table's row count; the audit trail's head (application); the deployments, process definitions and running
// process instances, each as a count and a digest of their ids (engine: the same count of other ids is no restore).
import type pg from 'pg';
import type { ChainAnchor } from '../../platform/audit-chain.ts';

/** Rows per table, `schema.table`, of every ordinary table outside PostgreSQL's own schemas. */
export async function tableCounts(client: pg.ClientBase): Promise<Map<string, number>> {
  const tables = await client.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
        and n.nspname not like 'pg\\_temp%' order by 1, 2`,
  );
  const counts = new Map<string, number>();
  if (tables.rows.length === 0) return counts;
  const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const union = tables.rows
    .map(({ schema, name }) => `select ${lit(`${schema}.${name}`)} as name, count(*)::text as rows from only ${id(schema)}.${id(name)}`)
    .join(' union all ');
  const result = await client.query<{ name: string; rows: string }>(union);
  for (const row of result.rows) counts.set(row.name, Number(row.rows));
  return counts;
}

/** The last entry of the audit trail, or undefined when it is empty. */
export async function auditHead(client: pg.ClientBase): Promise<ChainAnchor | undefined> {
  const head = await client.query<ChainAnchor>('select seq::text as seq, hash from audit_log order by audit_log.seq desc limit 1');
  return head.rows[0];
}

/** A set of ids as one comparable value: how many, and the MD5 of them in order. */
export interface IdSet {
  count: number;
  digest: string;
}

export interface EngineFacts {
  deployments: IdSet;
  processDefinitions: IdSet;
  runningInstances: IdSet;
}

const ENGINE_SETS: Record<keyof EngineFacts, string> = {
  deployments: 'select id_ as id from act_re_deployment',
  processDefinitions: 'select id_ as id from act_re_procdef',
  // A process instance is the execution that is its own instance.
  runningInstances: 'select id_ as id from act_ru_execution where id_ = proc_inst_id_',
};

export async function engineFacts(client: pg.ClientBase): Promise<EngineFacts> {
  const facts = {} as EngineFacts;
  for (const [name, sql] of Object.entries(ENGINE_SETS) as [keyof EngineFacts, string][]) {
    const result = await client.query<{ count: string; digest: string }>(
      `select count(*)::text as count, coalesce(md5(string_agg(id, ',' order by id)), '') as digest from (${sql}) ids`,
    );
    facts[name] = { count: Number(result.rows[0]!.count), digest: result.rows[0]!.digest };
  }
  return facts;
}

/**
 * What `role` may do to each table and sequence, as one comparable value: the objects it has any privilege on,
 * counted, and the MD5 of `schema.name:privileges` in order. Empty when the role does not exist.
 */
export async function rolePrivileges(client: pg.ClientBase, role: string): Promise<IdSet> {
  const found = await client.query('select 1 from pg_roles where rolname = $1', [role]);
  if (found.rowCount === 0) return { count: 0, digest: '' };
  const result = await client.query<{ count: string; digest: string }>(
    `with objects as (
       select n.nspname || '.' || c.relname || ':' || case when c.relkind = 'S'
                then concat_ws('', case when has_sequence_privilege($1, c.oid, 'usage') then 'U' end,
                                   case when has_sequence_privilege($1, c.oid, 'select') then 'r' end,
                                   case when has_sequence_privilege($1, c.oid, 'update') then 'w' end)
                else concat_ws('', case when has_table_privilege($1, c.oid, 'select') then 'r' end,
                                   case when has_table_privilege($1, c.oid, 'insert') then 'a' end,
                                   case when has_table_privilege($1, c.oid, 'update') then 'w' end,
                                   case when has_table_privilege($1, c.oid, 'delete') then 'd' end,
                                   case when has_table_privilege($1, c.oid, 'truncate') then 'D' end) end as entry
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname not like 'pg\\_%')
     select count(*)::text as count, coalesce(md5(string_agg(entry, ',' order by entry)), '') as digest
       from objects where entry !~ ':$'`,
    [role],
  );
  return { count: Number(result.rows[0]!.count), digest: result.rows[0]!.digest };
}

/** The distinct document contents the rows of `documents` point at: their digest and size. */
export async function documentContents(client: pg.ClientBase): Promise<{ sha256: string; bytes: number }[]> {
  const found = await client.query<{ sha256: string; bytes: string }>('select sha256, max(size_bytes)::text as bytes from documents group by sha256 order by sha256');
  return found.rows.map((row) => ({ sha256: row.sha256, bytes: Number(row.bytes) }));
}
