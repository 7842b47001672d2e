// Least privilege underneath the run's real engine (test/support/engine-under-test.ts): it connects to PostgreSQL
// as a role of its own that is no superuser, owns the engine's database and cannot reach the application's; and
// its process received only the environment variables on the allow-list, none of the rest of Node's.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseNameOf, urlWithRole } from '../../scripts/engine/engine-database-role.ts';
import { engineEnvironmentAllowList, javaEnvironmentPassThrough } from '../../scripts/engine/engine-process.ts';

const engine = inject('engineProcess');
const engineDatabase = databaseNameOf(engine.databaseUrl);
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: engine.databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
});

describe("the engine's database role", () => {
  it("is the role of every connection the engine holds to its database", async () => {
    const { rows } = await admin.query<{ usename: string; connections: number }>(
      `select usename, count(*)::int as connections from pg_stat_activity
        where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid() group by usename`,
      [engineDatabase],
    );
    expect(rows).toEqual([{ usename: engine.role, connections: expect.any(Number) }]);
    expect(engine.role).toBe(`${engineDatabase}_owner`);
  });

  it('is no superuser, may create nothing, and is a member of no other role', async () => {
    const { rows } = await admin.query(
      `select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin,
              (select count(*)::int from pg_auth_members where member = r.oid) as memberships
         from pg_roles r where rolname = $1`,
      [engine.role],
    );
    expect(rows).toEqual([
      { rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false, rolcanlogin: true, memberships: 0 },
    ]);
  });

  it("owns the engine's database, its public schema and every table, sequence and view in it", async () => {
    const owner = await admin.query(
      `select pg_get_userbyid(d.datdba) as database, (select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public') as schema
         from pg_database d where datname = $1`,
      [engineDatabase],
    );
    expect(owner.rows).toEqual([{ database: engine.role, schema: engine.role }]);
    const relations = await admin.query<{ owner: string; count: number }>(
      `select pg_get_userbyid(c.relowner) as owner, count(*)::int as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') group by 1`,
    );
    // Operaton's own tables, made by the engine itself over this role.
    expect(relations.rows).toEqual([{ owner: engine.role, count: expect.any(Number) }]);
    expect(relations.rows[0]!.count).toBeGreaterThan(40);
  });

  it("cannot connect to the application's database: permission denied", async () => {
    // Trust authentication here: the password does not matter, the database's CONNECT privilege does.
    const asEngine = (url: string) => new pg.Client({ connectionString: urlWithRole(url, engine.role, 'unused'), connectionTimeoutMillis: 5000 });
    const own = asEngine(engine.databaseUrl);
    await own.connect(); // its own database it may reach: the refusal below is about the application's
    await own.end();
    const application = asEngine(inject('databaseUrl'));
    const error = await application.connect().then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string },
    );
    await application.end().catch(() => undefined);
    expect(error?.code).toBe('42501');
    expect(error?.message).toMatch(/^permission denied for database/);
  });
});

describe("the engine's environment", () => {
  const environ = () =>
    new Map(
      readFileSync(`/proc/${engine.pid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const),
    );

  it('holds only allow-listed names', () => {
    const allowed = new Set<string>([...engineEnvironmentAllowList, ...javaEnvironmentPassThrough]);
    const names = [...environ().keys()];
    expect(names.filter((name) => !allowed.has(name))).toEqual([]);
    expect(environ().get('ENGINE_JDBC_USER')).toBe(engine.role);
  });

  it("holds nothing of a variable set in Node's environment", () => {
    expect(process.env[engine.sentinel.name]).toBe(engine.sentinel.value); // the sentinel is there to be passed on
    const raw = readFileSync(`/proc/${engine.pid}/environ`, 'utf8');
    expect(raw).not.toContain(engine.sentinel.name);
    expect(raw).not.toContain(engine.sentinel.value);
    expect(environ().has('DATABASE_URL')).toBe(false);
    expect(environ().has('PATH')).toBe(false);
  });
});
