// `npm run restore-check` (issue 21 point 8) against the run's real databases while the system runs: a filing made
// and reviewed through the API (audit entries, a running process instance in the engine), then both databases dumped,
// restored into scratch databases and compared — equal row counts, an intact audit chain ending at the dumped head,
// the same deployments, definitions and instances, every document row's file in the documents folder. A copy changed after its restore (an audit entry rewritten with
// its trigger off, a deployment slipped in) is reported as such, and the scratch databases are gone afterwards,
// whatever the outcome; a kept copy is usable by the application as its own `<copy>_app` role.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { walkAuditChain } from '../../platform/audit-chain-walk.ts';
import { createAppPool, databaseUrlNamed, dropDatabase } from '../../platform/db.ts';
import { databaseNameOf } from '../../scripts/engine/engine-database-role.ts';
import { restoreCheck, type CheckRow } from '../../scripts/restore/restore-check.ts';
import { fileAndReview } from '../support/filing-steps.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { runNpmScript } from '../support/npm-script.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

// A database of this suite's own beside the run's (named under it, so the run's set-up drops it if a killed run left it):
// the run's database holds other suites' document rows whose files went with their temporary folders.
const applicationUrl = databaseUrlNamed(inject('databaseUrl'), `${databaseNameOf(inject('databaseUrl'))}_rcsource`);
const engineUrl = inject('engineProcess').databaseUrl;
// Under the run's database name: the run's set-up drops them if a killed run left them behind.
const scratchBase = `${databaseNameOf(applicationUrl)}_rc`;
const names = (what: string) => ({ application: `${scratchBase}_${what}_app`, engine: `${scratchBase}_${what}_engine` });

let system: TestSystem;
let emptyFolder: string;

async function onServer<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrlNamed(applicationUrl, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** The scratch databases and roles of this file still on the server (the CLI's default names included). */
function leftovers(): Promise<string[]> {
  return onServer(async (admin) => {
    const found = await admin.query<{ name: string }>(
      `select datname as name from pg_database where datname like $1 or datname like $2 or datname like $3
       union all select rolname from pg_roles where rolname like $1 or rolname like $2`,
      [`${scratchBase}\\_%`, `${databaseNameOf(applicationUrl)}\\_restore\\_check\\_%`, `${databaseNameOf(engineUrl)}\\_restore\\_check\\_%`],
    );
    return found.rows.map((r) => r.name).sort();
  });
}

async function onCopy(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const row = (rows: CheckRow[], database: string, check: string) => {
  const found = rows.find((r) => r.database === database && r.check === check);
  if (!found) throw new Error(`no row "${check}" for ${database} in ${JSON.stringify(rows)}`);
  return found;
};

beforeAll(async () => {
  emptyFolder = await mkdtemp(path.join(os.tmpdir(), 'restore-check-test-'));
  system = await startTestSystem({ DATABASE_URL: applicationUrl });
  // A filing reviewed through the API: audit entries, rows in most tables, a process instance waiting for the employer.
  const { id, employer } = await fileAndReview(system, syntheticFiling(21_801, { year: 2025 }));
  // And a document: its row in the dump, its file in DOCUMENT_DIR.
  const body = new FormData();
  body.append('kind', 'evidence');
  body.append('file', new Blob([new TextEncoder().encode(`%PDF-1.4\n% restore check ${Date.now()}\n%%EOF\n`)], { type: 'application/pdf' }), 'evidence.pdf');
  const uploaded = await fetch(`${system.apiUrl}/api/filings/${id}/documents`, { method: 'POST', headers: { authorization: `Bearer ${employer}` }, body });
  expect(uploaded.status, await uploaded.clone().text()).toBe(201);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  await dropDatabase(applicationUrl);
  if (emptyFolder) await rm(emptyFolder, { recursive: true, force: true });
});

describe('npm run restore-check', () => {
  it('restores both databases, dumped while the system runs, with equal counts and an intact chain, and exits 0', async () => {
    const run = await runNpmScript('restore-check', [], { DATABASE_URL: applicationUrl, ENGINE_DATABASE_URL: engineUrl });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('restore check passed');
    expect(run.stdout).toMatch(/audit chain\s+head \d+:[0-9a-f]{12}…\s+intact, \d+ entries, head \d+:[0-9a-f]{12}…\s+ok/);
    expect(run.stdout).not.toContain('MISMATCH');
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('reports equal counts, the chain, the deployments and the running instances, and keeps a usable copy', async () => {
    const report = await restoreCheck({ applicationUrl, engineUrl, keep: true, scratchNames: names('kept'), documentDir: system.config.documentDir });
    try {
      expect(report.rows.filter((r) => !r.ok)).toEqual([]);
      expect(report.ok).toBe(true);
      const application = databaseNameOf(applicationUrl);
      const engine = databaseNameOf(engineUrl);
      const tables = row(report.rows, application, 'rows per table');
      expect(tables.restored).toBe(tables.source);
      expect(Number(/(\d+) rows/.exec(tables.source)?.[1])).toBeGreaterThan(0);
      expect(row(report.rows, application, 'audit chain').restored).toMatch(/^intact, [1-9]\d* entries/);
      expect(Number(row(report.rows, engine, 'deployments').source)).toBeGreaterThan(0);
      expect(Number(row(report.rows, engine, 'process definitions').source)).toBeGreaterThan(0);
      expect(Number(row(report.rows, engine, 'running process instances').source)).toBeGreaterThan(0);
      expect(report.auditHead?.seq).toMatch(/^[1-9]\d*$/);
      const documents = row(report.rows, application, `document files in ${system.config.documentDir}`);
      expect(documents.restored).toBe(documents.source.replace('referenced', 'present'));
      expect(documents.source).toMatch(/^[1-9]\d* referenced$/);

      // The kept copy: the application acts as the copy's own role, which may read but not rewrite the trail.
      const [copyUrl] = report.kept;
      expect(report.kept.map(databaseNameOf)).toEqual([names('kept').application, names('kept').engine]);
      // A copy of personal data the engine's role may not open, like the application's own database.
      const open = await onServer((admin) =>
        admin.query<{ open: boolean }>(`select has_database_privilege($1, $2, 'connect') as open`, [inject('engineProcess').role, names('kept').application]),
      );
      expect(open.rows[0]!.open).toBe(false);
      const app = createAppPool(copyUrl!);
      try {
        const filings = await app.query<{ n: string }>('select count(*) as n from filings');
        expect(Number(filings.rows[0]!.n)).toBeGreaterThan(0);
        await expect(app.query("update audit_log set actor = 'x' where seq = 1")).rejects.toThrow(/permission denied/);
        const client = await app.connect();
        try {
          const chain = await walkAuditChain(client, report.auditHead);
          expect(chain.broken).toBeUndefined();
          expect(chain.head).toEqual(report.auditHead);
        } finally {
          client.release();
        }
      } finally {
        await app.end();
      }
    } finally {
      await dropDatabase(report.kept[0] ?? databaseUrlNamed(applicationUrl, names('kept').application));
      await onServer((admin) => admin.query(`drop database if exists ${pg.escapeIdentifier(names('kept').engine)} with (force)`));
    }
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('reports an audit entry changed and a deployment added in the restored copy, and drops the copies', async () => {
    const report = await restoreCheck({
      applicationUrl,
      engineUrl,
      scratchNames: names('tampered'),
      // A documents folder without the files: the backup of the databases alone is incomplete.
      documentDir: emptyFolder,
      afterRestore: async (copies) => {
        // With the owner's rights, the trigger turned off first: the one way past it, which the chain must show.
        await onCopy(
          copies.application,
          `alter table audit_log disable trigger audit_log_no_update_or_delete;
           update audit_log set actor = 'someone-else' where seq = 1;
           alter table audit_log enable trigger audit_log_no_update_or_delete;`,
        );
        await onCopy(copies.engine, `insert into act_re_deployment (id_, name_, deploy_time_) values ('forged-deployment', 'forged', now())`);
      },
    });
    expect(report.ok).toBe(false);
    const application = databaseNameOf(applicationUrl);
    const engine = databaseNameOf(engineUrl);
    const chain = row(report.rows, application, 'audit chain');
    expect(chain.ok).toBe(false);
    expect(chain.restored).toMatch(/^broken at entry 1: entry 1 does not match its hash/);
    expect(row(report.rows, application, 'rows per table').ok).toBe(true);
    const deployments = row(report.rows, engine, 'deployments');
    expect(deployments.ok).toBe(false);
    expect(Number(deployments.restored)).toBe(Number(deployments.source) + 1);
    const table = row(report.rows, engine, 'rows in public.act_re_deployment');
    expect(Number(table.restored)).toBe(Number(table.source) + 1);
    expect(row(report.rows, engine, 'running process instances').ok).toBe(true);
    expect(row(report.rows, application, `document files in ${emptyFolder}`).restored).toMatch(/^[1-9]\d* missing$/);
    expect(report.kept).toEqual([]);
    expect(await leftovers()).toEqual([]);
  }, 120_000);
});
