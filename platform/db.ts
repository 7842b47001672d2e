// PostgreSQL access: the pool, transactions, creating the database when missing, and a clear error when
// the server cannot be reached.
import { partLog, type Log } from './log.ts';
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
  client.on('error', () => undefined); // a lost connection fails the query in flight; it must not throw besides
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
  client.on('error', () => undefined); // a lost connection fails the query in flight; it must not throw besides
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    // Its grants went with the database; the role itself is the server's.
    await client.query(`drop role if exists ${pg.escapeIdentifier(appRoleOf(url))}`);
  } finally {
    await client.end();
  }
}

export interface PoolOptions {
  /** Longest one statement may run (PostgreSQL's statement_timeout); unset = no limit (migrations, administration). */
  statementTimeoutMs?: number;
  /** A connection idle inside a transaction this long is ended by the server (idle_in_transaction_session_timeout). */
  idleInTransactionTimeoutMs?: number;
  /** Told when a connection is lost; the pool itself opens a new one at the next query. */
  log?: Log;
}

/** The application's defaults (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS). */
export const APP_POOL_TIMEOUTS = { statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 } as const;

/**
 * A pool connected as the URL's user with its full rights: migrations, and administration in scripts and tests.
 * A lost connection (PostgreSQL restarted, a backend terminated) never ends the process: pg re-emits an idle
 * client's error on the pool, and a checked-out client's on itself — both are listened to here; the query in flight
 * fails (answered 503 by the API, retried by the loops) and the pool connects anew at the next one.
 */
export function createPool(url: string, options: PoolOptions = {}): Db {
  const log = options.log ?? partLog('api');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // A server that vanished without closing the socket (a fail-over, a cable) is noticed, not waited on for ever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
  });
  pool.on('error', (error) => log(`database: an idle connection was lost (${reasonOf(error)}); a new one is opened when needed`, { level: 'warn' }));
  // Checked out, the pool's own listener is off: the query in flight carries the error, this only keeps it from throwing.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
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
export function createAppPool(url: string, options: PoolOptions = APP_POOL_TIMEOUTS): Db {
  const target = new URL(url);
  const settings = [target.searchParams.get('options'), `-c role=${appRoleOf(url)}`].filter(Boolean).join(' ');
  target.searchParams.set('options', settings);
  return createPool(target.toString(), options);
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

// SQLSTATE of a server that is going away, restarting or refusing connections; class 08 is added below.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the backend was terminated (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57014', // query_canceled: statement_timeout reached — the database is too busy to answer in time
  '53300', // too_many_connections
  '53000', // insufficient_resources
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'is not currently accepting connections',
];

/**
 * Whether an error means the database cannot be reached or cannot answer now (not that the statement was wrong):
 * worth answering 503 with Retry-After and trying again, never a 500. Follows `cause` a few steps.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseUnreachable) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    if (UNAVAILABLE_MESSAGES.some((m) => e instanceof Error && e.message.includes(m))) return true;
  }
  return false;
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
