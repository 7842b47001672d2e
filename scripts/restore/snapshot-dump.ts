// A dump and the facts it is checked against, taken in one snapshot. Our transaction (REPEATABLE READ) exports its
// snapshot, pg_dump imports it (`--snapshot`) and dumps exactly what that transaction sees, while the same transaction
// reads the facts (row counts, heads, fingerprints): writes committed meanwhile — the system may keep running — are
// in neither, so a difference after the restore is the restore's, never a race. The transaction stays open until
// pg_dump has finished (an exported snapshot lives only as long as its transaction).
import { chmod } from 'node:fs/promises';
import pg from 'pg';
import { runPgTool } from './pg-tools.ts';

/** A session that no server-side timeout ends while it waits, idle in its transaction, for pg_dump. */
export async function patientClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('set statement_timeout = 0; set idle_in_transaction_session_timeout = 0; set lock_timeout = 0');
  } catch (error) {
    await client.end();
    throw error;
  }
  return client;
}

/** Dumps `url`'s database to `file` (custom format, readable by its owner only); `read` runs in the dump's snapshot. */
export async function dumpInSnapshot<T>(url: string, file: string, read: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await patientClient(url);
  try {
    await client.query('begin isolation level repeatable read read only');
    const exported = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
    const dump = runPgTool('pg_dump', ['--format=custom', `--file=${file}`, `--snapshot=${exported.rows[0]!.snapshot}`], url);
    const [facts, dumped] = await Promise.allSettled([read(client), dump]);
    // Both settled before either error is thrown: pg_dump never outlives the snapshot it reads.
    if (dumped.status === 'rejected') throw dumped.reason;
    if (facts.status === 'rejected') throw facts.reason;
    await client.query('commit');
    await chmod(file, 0o600);
    return facts.value;
  } finally {
    await client.end();
  }
}
