// The tamper-evident audit trail (issue 20 point 5) against the real PostgreSQL: entries written by real requests and
// by audit() form one chain that `npm run audit:verify` (run as a child process, as an operator runs it) passes; an
// entry changed, removed or inserted directly in the database — by someone with the owner's rights, who first turns
// the trigger off — makes it fail naming the entry; the application's own role cannot change the trail at all; and
// the entries written before the chain existed are chained by the migration exactly as the application chains.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appRoleOf, createAppPool, createPool, databaseUrlNamed, dropDatabase, type Db } from '../../platform/db.ts';
import { audit, refusalAudit } from '../../platform/http/audit.ts';
import { migrate } from '../../platform/migrate.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { runNpmScript, type ScriptRun } from '../support/npm-script.ts';
import { syntheticFiling } from '../support/fixtures.ts';

const databaseUrl = inject('databaseUrl');
const adminUrl = databaseUrlNamed(databaseUrl, 'postgres');
const scratch: string[] = [];
const pools: Db[] = [];

/** `npm run audit:verify` against a database, as a child process. */
function verify(url: string, ...args: string[]): Promise<ScriptRun> {
  return runNpmScript('audit:verify', args, { DATABASE_URL: url });
}

/** A database of this file's own, migrated (or only up to `before`), dropped with its role after the file. */
async function scratchDatabase(suffix: string, before?: string): Promise<{ url: string; owner: Db }> {
  const name = `${new URL(databaseUrl).pathname.slice(1)}_${suffix}`;
  const url = databaseUrlNamed(databaseUrl, name);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  scratch.push(url);
  const owner = createPool(url);
  pools.push(owner);
  await migrate(owner, before ? { before } : {});
  return { url, owner };
}

function appPool(url: string): Db {
  const pool = createAppPool(url);
  pools.push(pool);
  return pool;
}

/** What someone with the owner's rights can do: turn the trigger off, change the trail, turn it on again. */
async function tamper(owner: Db, sql: string, params: unknown[] = []): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('begin');
    await client.query('alter table audit_log disable trigger audit_log_no_update_or_delete');
    await client.query(sql, params);
    await client.query('alter table audit_log enable trigger audit_log_no_update_or_delete');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

const clerk = { sub: 'dev-clerk-330106', role: 'clerk' as const, regionCode: '330106' };

/** Ends the pools made so far: the server's connections are shared with the engine and other runs. */
async function endPools(): Promise<void> {
  for (const pool of pools.splice(0)) await pool.end();
}

afterAll(async () => {
  await endPools();
  for (const url of scratch) await dropDatabase(url);
});

describe('the chain the application writes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('audits real requests and every refusal (401, 403), not an unknown path, and verifies', async () => {
    const filing = syntheticFiling(2001);
    const employer = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    const created = await api.request('POST', '/api/filings', { token: employer, body: filing });
    expect(created.status).toBe(201);
    expect((await api.request('GET', `/api/filings/${created.body.id}`, { token: employer })).status).toBe(200);
    const last = async () => (await api.db.query<{ seq: string }>('select max(seq)::text as seq from audit_log')).rows[0]!.seq;

    const beforeRefusals = await last();
    expect((await api.request('GET', '/api/filings?probe=anonymous')).status).toBe(401);
    expect((await api.request('POST', '/api/deployments', { token: employer, body: { note: '越权', resources: [] } })).status).toBe(403);
    expect((await api.request('GET', '/api/no-such-thing', { token: employer })).status).toBe(404);
    const refusals = await api.db.query('select actor, actor_role, action, subject_type, subject_id, detail from audit_log where seq > $1 order by seq', [beforeRefusals]);
    expect(refusals.rows).toEqual([
      { actor: 'anonymous', actor_role: 'anonymous', action: 'request.refused', subject_type: 'request', subject_id: '/api/filings', detail: { method: 'GET', status: 401, address: expect.any(String) } },
      {
        actor: `dev-employer-${filing.employer.uscc}`,
        actor_role: 'employer',
        action: 'request.refused',
        subject_type: 'request',
        subject_id: '/api/deployments',
        detail: { method: 'POST', status: 403, address: expect.any(String) },
      },
    ]);

    const run = await verify(databaseUrl);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^audit chain intact: \d+ entries, head \d+:[0-9a-f]{64}\n$/);
    expect(run.code).toBe(0);
  });

  it('keeps one chain when many write at once, in transactions and from the pool', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? audit(api.db, clerk, 'filing.read', { type: 'filing', id: `concurrent-${i}` })
          : (async () => {
              const client = await api.db.connect();
              try {
                await client.query('begin');
                await audit(client, clerk, 'filing.read', { type: 'filing', id: `concurrent-${i}` }, { n: i });
                await audit(client, clerk, 'filing.list', { type: 'filing', id: '*' }, { n: i });
                // One in three rolled back: its entries never were, and the chain has no hole.
                await client.query(i % 3 === 1 ? 'commit' : 'rollback');
              } finally {
                client.release();
              }
            })(),
      ),
    );
    const run = await verify(databaseUrl);
    expect(run.code, run.stderr).toBe(0);
  });

  it("throttles one address's refusals past the limit to one entry saying so", async () => {
    const refused = refusalAudit(api.db, { perMinute: 2 });
    const before = (await api.db.query<{ seq: string }>('select max(seq)::text as seq from audit_log')).rows[0]!.seq;
    const probe = { identity: undefined, method: 'GET', path: '/api/filings', address: '203.0.113.9', status: 401 as const };
    for (let i = 0; i < 6; i++) await refused(probe);
    const written = await api.db.query("select detail from audit_log where seq > $1 and detail->>'address' = '203.0.113.9' order by seq", [before]);
    expect(written.rows.map((r) => r.detail.throttled ?? false)).toEqual([false, false, true]);
  });
});

describe("the application's role", () => {
  let app: Db;
  let owner: Db;
  beforeAll(() => {
    app = appPool(databaseUrl);
    owner = createPool(databaseUrl);
    pools.push(owner);
  });
  afterAll(endPools);

  it('acts as <database>_app from the first statement, and a RESET ROLE keeps it', async () => {
    const role = appRoleOf(databaseUrl);
    expect((await app.query('select current_user as who')).rows[0].who).toBe(role);
    expect((await app.query('reset role; select current_user as who') as unknown as pg.QueryResult[])[1]!.rows[0].who).toBe(role);
  });

  it('may insert into and read the trail, and never update, delete or truncate it, nor turn its trigger off', async () => {
    await audit(app, clerk, 'filing.read', { type: 'filing', id: 'role-probe' });
    expect((await app.query("select count(*)::int as n from audit_log where subject_id = 'role-probe'")).rows[0].n).toBe(1);
    for (const sql of [
      "update audit_log set actor = 'someone else' where subject_id = 'role-probe'",
      "delete from audit_log where subject_id = 'role-probe'",
      'truncate audit_log',
      'alter table audit_log disable trigger all',
    ]) {
      await expect(app.query(sql), sql).rejects.toMatchObject({ code: '42501' });
    }
    expect((await app.query("select count(*)::int as n from audit_log where subject_id = 'role-probe' and actor = $1", [clerk.sub])).rows[0].n).toBe(1);
  });

  it('is refused by the trigger even as the owner, unless the trigger is turned off first', async () => {
    for (const sql of ["update audit_log set actor = 'x' where subject_id = 'role-probe'", "delete from audit_log where subject_id = 'role-probe'", 'truncate audit_log']) {
      await expect(owner.query(sql), sql).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
    }
  });

  it("may use every other table of the application, and change no table's shape", async () => {
    const role = appRoleOf(databaseUrl);
    const privileges = await owner.query<{ table_name: string; s: boolean; i: boolean; u: boolean; d: boolean; t: boolean }>(
      `select table_name, has_table_privilege($1, format('public.%I', table_name), 'select') as s,
              has_table_privilege($1, format('public.%I', table_name), 'insert') as i, has_table_privilege($1, format('public.%I', table_name), 'update') as u,
              has_table_privilege($1, format('public.%I', table_name), 'delete') as d, has_table_privilege($1, format('public.%I', table_name), 'truncate') as t
         from information_schema.tables where table_schema = 'public' order by table_name`,
      [role],
    );
    // The key of the exits' person hash is the owner's alone (migration 023): the application hashes through a function.
    const expected = (name: string) =>
      name === 'audit_log' ? { s: true, i: true, u: false, d: false, t: false }
      : name === 'schema_migrations' ? { s: true, i: false, u: false, d: false, t: false }
      : name === 'supervision_hash_key' ? { s: false, i: false, u: false, d: false, t: false }
      : { s: true, i: true, u: true, d: true, t: false };
    expect(privileges.rows.length).toBeGreaterThan(10);
    for (const row of privileges.rows) expect({ s: row.s, i: row.i, u: row.u, d: row.d, t: row.t }, row.table_name).toEqual(expected(row.table_name));
    const sequences = await owner.query<{ name: string; usable: boolean }>(
      "select sequence_name as name, has_sequence_privilege($1, format('public.%I', sequence_name), 'usage') as usable from information_schema.sequences where sequence_schema = 'public'",
      [role],
    );
    for (const s of sequences.rows) expect(s.usable, s.name).toBe(true);
    await expect(app.query('create table shadow_log (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(app.query('alter table filings add column shadow text')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('tampering directly in PostgreSQL', () => {
  let url: string;
  let owner: Db;
  const hashes: string[] = [];
  const entries: { seq: string; action: string; at: string }[] = [];

  beforeAll(async () => {
    ({ url, owner } = await scratchDatabase('tamper'));
    const app = createAppPool(url);
    const actions = ['filing.create', 'filing.read', 'task.read', 'task.claim.intent', 'task.claim', 'filing.list'] as const;
    try {
      for (const [i, action] of actions.entries()) await audit(app, clerk, action, { type: 'filing', id: `f${i + 1}` }, { i, note: `第 ${i + 1} 条` });
    } finally {
      await app.end();
    }
    const rows = await owner.query<{ seq: string; action: string; at: string; hash: string }>(
      `select seq::text, action, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, hash from audit_log order by audit_log.seq`,
    );
    for (const r of rows.rows) {
      entries.push({ seq: r.seq, action: r.action, at: r.at });
      hashes.push(r.hash);
    }
    expect(entries.map((e) => e.seq)).toEqual(['1', '2', '3', '4', '5', '6']);
  });
  afterAll(endPools);

  it('verifies while untouched, printing the head', async () => {
    const run = await verify(url);
    expect(run).toEqual({ code: 0, stdout: `audit chain intact: 6 entries, head 6:${hashes[5]}\n`, stderr: '' });
  });

  it('fails at an entry changed, naming it, and passes again once it is put back', async () => {
    const original = (await owner.query("select detail from audit_log where seq = 3")).rows[0].detail;
    await tamper(owner, `update audit_log set detail = jsonb_set(detail, '{note}', '"改过的"') where seq = 3`);
    const run = await verify(url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`audit chain broken at entry 3 (task.read, ${entries[2]!.at}): entry 3 does not match its hash: changed after it was written\n`);
    await tamper(owner, 'update audit_log set detail = $1 where seq = 3', [original]);
    expect((await verify(url)).code).toBe(0);
  });

  it('fails at an entry removed from the middle, naming the gap and the entry after it', async () => {
    const removed = (await owner.query('select * from audit_log where seq = 4')).rows[0];
    await tamper(owner, 'delete from audit_log where seq = 4');
    const run = await verify(url);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`audit chain broken at entry 5 (task.claim, ${entries[4]!.at}): entry 4 is missing before entry 5: removed\n`);
    const columns = Object.keys(removed);
    await tamper(owner, `insert into audit_log (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, columns.map((c) => removed[c]));
    expect((await verify(url)).code).toBe(0);
  });

  it('fails at an entry inserted out of order, even with a hash of its own made right', async () => {
    // A forged entry after entry 6 that links to entry 5, as if slipped in between them.
    const forged = { seq: '7', at: entries[5]!.at, actor: 'dev-clerk-330106', actorRole: 'clerk', action: 'filing.read', subjectType: 'filing', subjectId: 'forged', detail: '{}', prevHash: hashes[4]! };
    const { entryHash } = await import('../../platform/audit-chain.ts');
    await owner.query(
      `insert into audit_log (seq, at, actor, actor_role, action, subject_type, subject_id, detail, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [forged.seq, forged.at, forged.actor, forged.actorRole, forged.action, forged.subjectType, forged.subjectId, forged.detail, forged.prevHash, entryHash(forged)],
    );
    const run = await verify(url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^audit chain broken at entry 7 \\(filing.read, ${forged.at.replace(/\./g, '\\.')}\\): entry 7 does not name the hash of entry 6`));
    await tamper(owner, 'delete from audit_log where seq = 7');
    expect((await verify(url)).code).toBe(0);
  });

  it('with a head recorded earlier, tells entries cut off the end', async () => {
    const anchor = `--anchor=6:${hashes[5]}`;
    expect((await verify(url, anchor)).stdout).toBe(`audit chain intact: 6 entries, head 6:${hashes[5]}, anchor 6 found\n`);
    await tamper(owner, 'delete from audit_log where seq = 6');
    // The chain alone cannot tell its last entry is gone; the anchor can.
    expect((await verify(url)).code).toBe(0);
    const run = await verify(url, anchor);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`audit chain broken at entry 5 (task.claim, ${entries[4]!.at}): the chain ends at entry 5, but entry 6 was recorded: entries removed from its end\n`);
  });
});

describe('the migration that made the chain', () => {
  it('chains the entries written before it exactly as the application chains its own', async () => {
    const { url, owner } = await scratchDatabase('premigration', '020_audit_chain.sql');
    // Entries as the application wrote them before: at from now() with microseconds, details of every JSON shape.
    const details = [
      {},
      { note: '引号 " 反斜杠 \\ 换行\n制表\t控制\u0001 行分隔\u2028 表情😀', employees: 12 },
      { nested: { b: [1, 2.5, -0, 1e21, 0.1, true, false, null], a: { 'ключ': 'значение', 中文键: '值' } }, zeta: 1, aa: 2 },
      { long: 'x'.repeat(5000), returned: ['a', 'b'] },
    ];
    for (const [i, detail] of details.entries()) {
      await owner.query(
        'insert into audit_log (actor, actor_role, action, subject_type, subject_id, detail) values ($1, $2, $3, $4, $5, $6)',
        [i === 1 ? '张三 "x"' : 'dev-city-330100', 'city', 'employer.update', 'employer', `91330100MA${i}`, JSON.stringify(detail)],
      );
    }
    await owner.query("update audit_log set at = at + interval '0.000123 seconds'");
    await migrate(owner);
    const app = createAppPool(url);
    await audit(app, clerk, 'filing.read', { type: 'filing', id: 'after-the-migration' }, { after: true }).finally(() => app.end());
    const run = await verify(url);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^audit chain intact: 5 entries, head 5:[0-9a-f]{64}\n$/);
    expect(run.code).toBe(0);
    const first = (await owner.query("select seq, prev_hash from audit_log order by seq limit 1")).rows[0];
    expect(first).toEqual({ seq: '1', prev_hash: '0'.repeat(64) });
  });
});
