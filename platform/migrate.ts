// Applies db/migrations/*.sql in name order, each in its own transaction, once. An applied file that has
// since been edited stops the run: migrations are history, a change needs a new file.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './config.ts';
import { inTransaction, type Db } from './db.ts';

const migrationsDir = path.join(projectRoot, 'db', 'migrations');
// Any fixed number: serialises concurrent starters (npm start and a test run on one database).
const MIGRATION_LOCK = 727_2022_03;

/** `before` stops short of the named file: a database as it was before it (tests of what a migration does to data). */
export async function migrate(db: Db, options: { before?: string } = {}): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql') && (options.before === undefined || f < options.before)).sort();
  const lock = await db.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await lock.query(
      'create table if not exists schema_migrations (name text primary key, sha256 text not null, applied_at timestamptz not null default now())',
    );
    const applied = new Map(
      (await lock.query<{ name: string; sha256: string }>('select name, sha256 from schema_migrations')).rows.map((r) => [
        r.name,
        r.sha256,
      ]),
    );
    const ran: string[] = [];
    for (const file of files) {
      const sql = await readFile(path.join(migrationsDir, file), 'utf8');
      const sha256 = createHash('sha256').update(sql).digest('hex');
      const known = applied.get(file);
      if (known !== undefined) {
        if (known !== sha256) throw new Error(`migration ${file} was changed after it was applied; add a new migration instead`);
        continue;
      }
      await inTransaction(db, async (tx) => {
        await tx.query(sql);
        await tx.query('insert into schema_migrations (name, sha256) values ($1, $2)', [file, sha256]);
      });
      ran.push(file);
    }
    return ran;
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
}
