// The engine's database role as scripts/engine/engine-database-role.ts makes it, on scratch databases of this file:
// an existing installation whose engine database postgres owns is handed over, a role someone widened is brought
// back in line, a DBA's role is used as it is, and what cannot be done is one line.
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrlNamed } from '../../platform/db.ts';
import { dropEngineDatabase, ensureEngineDatabaseRole, urlWithRole } from '../../scripts/engine/engine-database-role.ts';
import { EngineStartError } from '../../scripts/engine/engine-start-error.ts';

const adminUrl = databaseUrlNamed(inject('databaseUrl'), 'postgres');
const tag = `${process.pid}_${Date.now() % 100000}`;
const made = { databases: [] as string[], roles: [] as string[] };

async function sql(query: string, params: unknown[] = [], url = adminUrl) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(query, params);
  } finally {
    await client.end();
  }
}

async function database(name: string): Promise<string> {
  made.databases.push(name);
  await sql(`create database "${name}"`);
  return databaseUrlNamed(adminUrl, name);
}

async function role(name: string, attributes: string): Promise<void> {
  made.roles.push(name);
  await sql(`create role "${name}" ${attributes}`);
}

afterAll(async () => {
  for (const name of made.databases) await sql(`drop database if exists "${name}" with (force)`);
  for (const name of made.roles) await sql(`drop role if exists "${name}"`);
});

describe("making the engine's database role", () => {
  it("hands an existing installation's engine database over, and closes the application's database to it", async () => {
    const engineUrl = await database(`dpf_engine_r1_${tag}`);
    const appUrl = await database(`dpf_review_r1_${tag}`);
    const roleName = `dpf_engine_r1_${tag}_owner`;
    made.roles.push(roleName);
    // As Operaton left it when it connected as postgres: tables (a serial one), a view, a sequence of its own.
    await sql(
      `create table act_ge_property (name varchar primary key, value varchar);
       create table act_numbered (id serial primary key);
       create view act_view as select name from act_ge_property;
       create sequence act_seq;`,
      [],
      engineUrl,
    );

    const result = await ensureEngineDatabaseRole({ engineDatabaseUrl: engineUrl, applicationDatabaseUrls: [appUrl], password: 'role-password' });
    expect(result).toEqual({ databaseUrl: urlWithRole(engineUrl, roleName, 'role-password'), role: roleName, managed: true });

    const owners = await sql(
      `select c.relname as name, pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' order by 1`,
      [],
      engineUrl,
    );
    expect(owners.rows.map((r) => r.name)).toEqual(['act_ge_property', 'act_ge_property_pkey', 'act_numbered', 'act_numbered_id_seq', 'act_numbered_pkey', 'act_seq', 'act_view']);
    expect(new Set(owners.rows.map((r) => r.owner))).toEqual(new Set([roleName]));
    const privileges = await sql(
      `select pg_get_userbyid(datdba) as owner, has_database_privilege($1, $2, 'connect') as app,
              (select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public') as schema, r.rolsuper, r.rolcreatedb
         from pg_database, pg_roles r where datname = $3 and r.rolname = $1`,
      [roleName, `dpf_review_r1_${tag}`, `dpf_engine_r1_${tag}`],
      engineUrl,
    );
    expect(privileges.rows).toEqual([{ owner: roleName, app: false, schema: roleName, rolsuper: false, rolcreatedb: false }]);

    // As the engine: its tables are its own to change (Operaton's schema updates), the application's database shut.
    await sql('alter table act_ge_property add column rev integer; insert into act_numbered default values', [], result.databaseUrl);
    await expect(sql('select 1', [], urlWithRole(appUrl, roleName, 'role-password'))).rejects.toMatchObject({ code: '42501' });

    // A second start changes nothing and fails on nothing.
    await expect(ensureEngineDatabaseRole({ engineDatabaseUrl: engineUrl, applicationDatabaseUrls: [appUrl], password: 'role-password' })).resolves.toEqual(result);

    await dropEngineDatabase(engineUrl);
    expect((await sql('select count(*)::int as n from pg_roles where rolname = $1', [roleName])).rows[0].n).toBe(0);
    expect((await sql('select count(*)::int as n from pg_database where datname = $1', [`dpf_engine_r1_${tag}`])).rows[0].n).toBe(0);
  });

  it('brings a role someone widened back in line', async () => {
    const engineUrl = await database(`dpf_engine_r2_${tag}`);
    const roleName = `dpf_engine_r2_${tag}_owner`;
    await role(roleName, 'login createdb createrole bypassrls in role pg_read_all_data');
    await ensureEngineDatabaseRole({ engineDatabaseUrl: engineUrl, applicationDatabaseUrls: [], password: 'pw' });
    const { rows } = await sql(
      `select rolcreatedb, rolcreaterole, rolbypassrls, (select count(*)::int from pg_auth_members where member = r.oid) as memberships
         from pg_roles r where rolname = $1`,
      [roleName],
    );
    expect(rows).toEqual([{ rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, memberships: 0 }]);
  });

  it("uses ENGINE_DATABASE_URL's role as it is when it is no superuser (a DBA made it), and creates nothing", async () => {
    const dba = `dpf_engine_dba_${tag}`;
    await role(dba, 'login nosuperuser');
    const name = `dpf_engine_r3_${tag}`;
    await database(name);
    await sql(`alter database "${name}" owner to "${dba}"`);
    const engineUrl = urlWithRole(databaseUrlNamed(adminUrl, name), dba, 'dba-password');
    const result = await ensureEngineDatabaseRole({ engineDatabaseUrl: engineUrl, applicationDatabaseUrls: [inject('databaseUrl')], password: 'unused' });
    expect(result).toEqual({ databaseUrl: engineUrl, role: dba, managed: false });
    expect((await sql('select count(*)::int as n from pg_roles where rolname = $1', [`${name}_owner`])).rows[0].n).toBe(0);
  });

  it('stops with one line when the role cannot be made', async () => {
    const engineUrl = await database(`dpf_engine_r4_${tag}`);
    await role(`dpf_engine_r4_${tag}_owner`, 'superuser');
    const error = await ensureEngineDatabaseRole({ engineDatabaseUrl: engineUrl, applicationDatabaseUrls: [], password: 'pw' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineStartError);
    expect((error as Error).message).toBe(
      `engine database role: role "dpf_engine_r4_${tag}_owner" exists and is a superuser; have a DBA create the engine's role and name it in ENGINE_DATABASE_URL (docs/engine.md)`,
    );
    const same = await ensureEngineDatabaseRole({ engineDatabaseUrl: engineUrl, applicationDatabaseUrls: [engineUrl], password: 'pw' }).catch((e: unknown) => e);
    expect((same as Error).message).toBe(`DATABASE_URL and ENGINE_DATABASE_URL name the same database "dpf_engine_r4_${tag}": the engine needs a database of its own`);
  });
});
