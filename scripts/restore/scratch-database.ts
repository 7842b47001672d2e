// The scratch databases a dump is restored into, and the application's role in them. Only what this module created
// is ever dropped: a scratch database or role that already exists is refused, never reused or removed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrlNamed } from '../../platform/db.ts';
import { runPgTool } from './pg-tools.ts';

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** What was made for one restore, for dropping afterwards. */
export interface Scratch {
  url: string;
  database: string;
  /** The application's role made for the copy, `<database>_app`, when one was. */
  role?: string;
}

async function withServer<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrlNamed(url, 'postgres'), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Creates the empty database `name` on `sourceUrl`'s server, as its user; refuses a name that exists. */
export async function createScratchDatabase(sourceUrl: string, name: string): Promise<Scratch> {
  if (!NAME.test(name)) throw new Error(`scratch database name "${name}" is not a plain lower-case identifier of at most 63 bytes`);
  await withServer(sourceUrl, async (admin) => {
    try {
      await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') throw new Error(`database "${name}" exists already and is not this check's: drop it or choose another name`);
      throw error;
    }
    // A copy of personal data: open to its owner and the superusers only — not to the engine's role, say, as the
    // application's own database is not (scripts/engine/engine-database-role.ts).
    await admin.query(`revoke connect on database ${pg.escapeIdentifier(name)} from public`);
  });
  return { url: databaseUrlNamed(sourceUrl, name), database: name };
}

/** Drops what `createScratchDatabase` and `grantLikeSource` made. */
export async function dropScratch(scratch: Scratch): Promise<void> {
  await withServer(scratch.url, async (admin) => {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(scratch.database)} with (force)`);
    if (scratch.role) await admin.query(`drop role if exists ${pg.escapeIdentifier(scratch.role)}`);
  });
}

/**
 * Restores a custom-format dump into the empty scratch database: every object owned by the restoring user (as the
 * migrations made them), no grants — the roles they name are the source's (see grantLikeSource).
 */
export async function restoreDump(file: string, scratch: Scratch): Promise<void> {
  await runPgTool('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', file], scratch.url);
}

/**
 * Gives the copy an application role of its own, `<copy>_app` (platform/db.ts appRoleOf), with exactly the grants the
 * source's role has in the dump — its own, because a role is the server's and the source's must not reach the copy,
 * and the application run against the copy acts as `<copy>_app`. The dump's grants (its ACL entries, default
 * privileges included) are restored with the source role's name replaced by the copy's: statements naming roles and
 * objects only, no data.
 */
export async function grantLikeSource(file: string, scratch: Scratch, sourceRole: string): Promise<void> {
  const role = `${scratch.database}_app`;
  if (Buffer.byteLength(role) > 63) throw new Error(`the copy's application role "${role}" is longer than 63 bytes: choose a shorter scratch name`);
  const list = (await runPgTool('pg_restore', ['--list', file])).split('\n').filter((line) => /^\d+; \d+ \d+ (DEFAULT )?ACL /.test(line));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'restore-acl-'));
  let sql: string;
  try {
    const listFile = path.join(dir, 'acl.list');
    await writeFile(listFile, `${list.join('\n')}\n`);
    sql = list.length ? await runPgTool('pg_restore', [`--use-list=${listFile}`, '--file=-', file]) : '';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const quoted = pg.escapeIdentifier(sourceRole);
  const bare = NAME.test(sourceRole) ? `|(?<![A-Za-z0-9_$"])${sourceRole}(?![A-Za-z0-9_$"])` : '';
  // psql's meta-commands in pg_restore's text (`\restrict …`, `\unrestrict …`) are not SQL: left out.
  const statements = sql.split('\n').filter((line) => !line.startsWith('\\')).join('\n');
  const renamed = statements.replace(new RegExp(`${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${bare}`, 'g'), pg.escapeIdentifier(role));

  await withServer(scratch.url, async (admin) => {
    try {
      await admin.query(`create role ${pg.escapeIdentifier(role)} nologin`);
    } catch (error) {
      if ((error as { code?: string }).code === '42710') throw new Error(`role "${role}" exists already and is not this check's: drop it or choose another scratch name`);
      throw error;
    }
    scratch.role = role;
    // As db/migrations/020_audit_chain.sql: the owner acts as the role; a superuser may already.
    const me = await admin.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = current_user');
    if (!me.rows[0]?.superuser) await admin.query(`grant ${pg.escapeIdentifier(role)} to current_user`);
  });
  if (!renamed) return;
  const copy = new pg.Client({ connectionString: scratch.url, connectionTimeoutMillis: 5000 });
  await copy.connect();
  try {
    await copy.query(renamed);
  } finally {
    await copy.end();
  }
}
