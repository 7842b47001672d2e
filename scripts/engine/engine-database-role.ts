// The PostgreSQL role the engine connects as. Why a role of its own: a diagram or decision that slips past every
// check runs inside the engine, with the engine's database connection. As a superuser (postgres, which
// ENGINE_DATABASE_URL names by default) that connection reaches every database on the server — the application's
// personal data of disabled people included — and the server's files and programs (COPY … TO PROGRAM). As the
// owner of its own database and nothing else, it reaches the engine's tables and no more.
//
// `npm start` and the tests call this with the administrative connection they already use (ENGINE_DATABASE_URL's
// user). When that user is a superuser, the role `<engine database>_owner` is created (or brought back in line):
// LOGIN and nothing else, a password from .data/engine-credentials.json (per run in the tests), owner of the engine
// database, of its public schema and of every table, sequence and view in it (an existing installation's objects,
// made when the engine connected as postgres, are handed over), a member of no other role; the application's
// database on the same server is closed to PUBLIC, so the role cannot connect to it. When ENGINE_DATABASE_URL names
// a role that is not a superuser — a production installation whose DBA made it (docs/engine.md) — it is used as it
// is and nothing is created.
import pg from 'pg';
import { databaseUrlNamed, ensureDatabase } from '../../platform/db.ts';
import { EngineStartError } from './engine-start-error.ts';

/** PostgreSQL's longest identifier (NAMEDATALEN - 1 bytes). */
const MAX_IDENTIFIER_BYTES = 63;
const SUFFIX = '_owner';

/** The role's name: the engine database's, with `_owner` — `dpf_engine` → `dpf_engine_owner`. */
export function engineRoleName(engineDatabaseName: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(engineDatabaseName)) {
    throw new EngineStartError(`ENGINE_DATABASE_URL names an unusual database "${engineDatabaseName}"`);
  }
  const name = `${engineDatabaseName}${SUFFIX}`;
  if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new EngineStartError(
      `the engine database's name "${engineDatabaseName}" is too long for its role "${name}" (${MAX_IDENTIFIER_BYTES} bytes at most): choose a shorter name in ENGINE_DATABASE_URL`,
    );
  }
  return name;
}

/** The database a postgres:// URL names. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Whether two postgres:// URLs name the same server (host and port; localhost and 127.0.0.1 are one). */
export function sameServer(a: string, b: string): boolean {
  const key = (url: string) => {
    const u = new URL(url);
    const host = u.hostname === 'localhost' || u.hostname === '[::1]' ? '127.0.0.1' : u.hostname;
    return `${host}:${u.port || '5432'}`;
  };
  return key(a) === key(b);
}

/** The same URL with another user and password. */
export function urlWithRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export interface EngineDatabaseRole {
  /** ENGINE_DATABASE_URL as the engine is to use it: the engine's role and its password. */
  databaseUrl: string;
  role: string;
  /** false: ENGINE_DATABASE_URL's own role, used as it is (a DBA made it). */
  managed: boolean;
}

export interface EngineDatabaseRoleOptions {
  /** ENGINE_DATABASE_URL: the engine's database (which exists), with the administrative role. */
  engineDatabaseUrl: string;
  /** The application's database(s) (DATABASE_URL): closed to the engine's role when on the same server. */
  applicationDatabaseUrls: string[];
  /** The password the role gets (set again on every start). */
  password: string | undefined;
}

const quote = (name: string) => pg.escapeIdentifier(name);

/** Makes the engine's role (see the head of this file) and returns the URL the engine connects with. */
export async function ensureEngineDatabaseRole(options: EngineDatabaseRoleOptions): Promise<EngineDatabaseRole> {
  const { engineDatabaseUrl } = options;
  const database = databaseNameOf(engineDatabaseUrl);
  for (const url of options.applicationDatabaseUrls) {
    if (sameServer(url, engineDatabaseUrl) && databaseNameOf(url) === database) {
      throw new EngineStartError(`DATABASE_URL and ENGINE_DATABASE_URL name the same database "${database}": the engine needs a database of its own`);
    }
  }
  const admin = new pg.Client({ connectionString: engineDatabaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    const user = decodeURIComponent(new URL(engineDatabaseUrl).username || 'postgres');
    throw new EngineStartError(`cannot connect to the engine's database "${database}" as ${user} (ENGINE_DATABASE_URL): ${(error as Error).message}`);
  }
  try {
    const me = await admin.query<{ name: string; superuser: boolean }>('select rolname as name, rolsuper as superuser from pg_roles where rolname = current_user');
    const current = me.rows[0]!;
    if (!current.superuser) return { databaseUrl: engineDatabaseUrl, role: current.name, managed: false };

    const role = engineRoleName(database);
    const refuse = (why: string) =>
      new EngineStartError(`engine database role: ${why}; have a DBA create the engine's role and name it in ENGINE_DATABASE_URL (docs/engine.md)`);
    if (!options.password) throw refuse(`no password for role "${role}"`);
    if (role === current.name) throw refuse(`ENGINE_DATABASE_URL's superuser "${role}" has the name the engine's own role would have`);
    const existing = await admin.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = $1', [role]);
    if (existing.rows[0]?.superuser) throw refuse(`role "${role}" exists and is a superuser`);

    const attributes = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit password ${admin.escapeLiteral(options.password)}`;
    try {
      if (existing.rowCount === 0) {
        try {
          await admin.query(`create role ${quote(role)} ${attributes}`);
        } catch (error) {
          // Another starter made it meanwhile: brought in line below like any existing role.
          if ((error as { code?: string }).code !== '42710') throw error;
          await admin.query(`alter role ${quote(role)} ${attributes}`);
        }
      } else {
        await admin.query(`alter role ${quote(role)} ${attributes}`);
      }
      // A member of no other role: no privileges through a group.
      const groups = await admin.query<{ name: string }>(
        'select g.rolname as name from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member where r.rolname = $1',
        [role],
      );
      for (const { name } of groups.rows) await admin.query(`revoke ${quote(name)} from ${quote(role)}`);

      await admin.query(`alter database ${quote(database)} owner to ${quote(role)}`);
      await admin.query(`alter schema public owner to ${quote(role)}`);
      await handOverRelations(admin, role);

      for (const url of options.applicationDatabaseUrls) {
        if (!sameServer(url, engineDatabaseUrl)) continue;
        // Created here when missing (the system would create it a moment later), so that it is never open to the
        // engine's role, not even for that moment.
        await ensureDatabase(url);
        const appDatabase = quote(databaseNameOf(url));
        // The application's own role keeps its way in when it had it only through PUBLIC.
        const appUser = decodeURIComponent(new URL(url).username || 'postgres');
        const app = await admin.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = $1', [appUser]);
        if (app.rows[0] && !app.rows[0].superuser && appUser !== role) await admin.query(`grant connect on database ${appDatabase} to ${quote(appUser)}`);
        await admin.query(`revoke connect on database ${appDatabase} from public`);
      }
    } catch (error) {
      if (error instanceof EngineStartError) throw error;
      throw refuse(`cannot set up role "${role}" as ${current.name}: ${(error as Error).message}`);
    }
    return { databaseUrl: urlWithRole(engineDatabaseUrl, role, options.password), role, managed: true };
  } finally {
    await admin.end();
  }
}

/**
 * Tables (their indexes, their serial sequences and row types move with them) first, then views, materialized
 * views and the remaining sequences of the public schema: every one owned by the engine's role.
 */
async function handOverRelations(admin: pg.Client, role: string): Promise<void> {
  const kinds: [string[], (kind: string) => string][] = [
    [['r', 'p', 'f'], (kind) => (kind === 'f' ? 'foreign table' : 'table')],
    [['v', 'm', 'S'], (kind) => (kind === 'v' ? 'view' : kind === 'm' ? 'materialized view' : 'sequence')],
  ];
  for (const [relkinds, statement] of kinds) {
    const others = await admin.query<{ name: string; kind: string }>(
      `select c.relname as name, c.relkind as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = any($1) and c.relowner <> (select oid from pg_roles where rolname = $2)
        order by c.relname`,
      [relkinds, role],
    );
    for (const { name, kind } of others.rows) await admin.query(`alter ${statement(kind)} public.${quote(name)} owner to ${quote(role)}`);
  }
}

/**
 * Drops the engine database named in the URL and the role made for it (scratch databases of the tests and the
 * benchmarks). The role is dropped only when it is the one this module makes, and not a superuser.
 */
export async function dropEngineDatabase(engineDatabaseUrl: string): Promise<void> {
  const database = databaseNameOf(engineDatabaseUrl);
  const role = engineRoleName(database);
  const admin = new pg.Client({ connectionString: databaseUrlNamed(engineDatabaseUrl, 'postgres'), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${quote(database)} with (force)`);
    const found = await admin.query<{ superuser: boolean; me: boolean }>(
      'select rolsuper as superuser, rolname = current_user as me from pg_roles where rolname = $1',
      [role],
    );
    const row = found.rows[0];
    if (row && !row.superuser && !row.me) await admin.query(`drop role if exists ${quote(role)}`);
  } finally {
    await admin.end();
  }
}
