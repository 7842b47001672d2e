// PostgreSQL access: the pool, transactions, creating the database when missing, and a clear error when
// the server cannot be reached.
import pg from 'pg';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;

export class DatabaseUnreachable extends Error {
  override name = 'DatabaseUnreachable';
}

function describe(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
}

function unreachable(url: string, cause: unknown, variable = 'DATABASE_URL'): DatabaseUnreachable {
  const reason = cause instanceof Error ? (cause as NodeJS.ErrnoException).code ?? cause.message : String(cause);
  return new DatabaseUnreachable(
    `PostgreSQL unreachable at ${describe(url)} (${reason}): start PostgreSQL ≥ 15 or set ${variable}`,
  );
}

/**
 * Creates the database named in the URL if it does not exist (connecting to the server's `postgres` db).
 * `variable` names the setting the URL came from, for the one-line error when the server cannot be reached.
 */
export async function ensureDatabase(url: string, variable = 'DATABASE_URL'): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`${variable} names an unusual database "${name}"`);
  const client = new pg.Client({ connectionString: databaseUrlNamed(url, 'postgres'), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw unreachable(url, error, variable);
  }
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${name}"`);
      } catch (error) {
        // Two starters racing to create it: the loser finds it made.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** The same server and account as `url`, another database: scratch databases, and `postgres` to administer them. */
export function databaseUrlNamed(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/**
 * Drops the database named in the URL, if it exists, disconnecting whoever is still on it, and its application role
 * (scratch databases).
 */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`refusing to drop an unusual database name "${name}"`);
  const client = new pg.Client({ connectionString: databaseUrlNamed(url, 'postgres'), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    // Its grants went with the database; the role itself is the server's.
    await client.query(`drop role if exists ${pg.escapeIdentifier(appRoleOf(url))}`);
  } finally {
    await client.end();
  }
}

/** A pool connected as the URL's user with its full rights: migrations, and administration in scripts and tests. */
export function createPool(url: string): Db {
  return new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
}

/**
 * The role the application acts as in a database: `<database>_app`, made by db/migrations/020_audit_chain.sql.
 * It may read and write the application's tables, only insert into and read audit_log, and change no table's shape.
 */
export function appRoleOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`DATABASE_URL names an unusual database "${name}"`);
  return `${name}_app`;
}

/**
 * The application's pool: connected as the URL's user, every connection acting as the application's role (above)
 * from its first statement — set at connection start (`-c role=…`), so no statement of ours runs with more, and a
 * `RESET ROLE` keeps it. The database must be migrated first (the role is made there).
 */
export function createAppPool(url: string): Db {
  const target = new URL(url);
  const options = [target.searchParams.get('options'), `-c role=${appRoleOf(url)}`].filter(Boolean).join(' ');
  target.searchParams.set('options', options);
  return createPool(target.toString());
}

/** Verifies the pool can reach its database, turning a connection error into one clear line. */
export async function checkConnection(db: Db, url: string): Promise<void> {
  try {
    await db.query('select 1');
  } catch (error) {
    throw unreachable(url, error);
  }
}

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await db.connect();
  try {
    await tx.query('begin');
    const result = await work(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}
