// `npm run restore-check`'s work: a backup of both databases (the application's and the engine's) restored into
// scratch databases and compared with what was dumped. Each dump is taken in one snapshot with the facts it is
// compared with (snapshot-dump.ts), so the system may keep running. Checked in each copy: every table's row count;
// in the application's, the audit chain walked whole and ending at the head that was dumped (the head is the anchor,
// as `npm run audit:verify -- --anchor=` takes one) and its application role's grants; in the engine's, the same
// deployments, process definitions and running process instances (ids, not only counts). The scratch databases are
// dropped afterwards, whatever happened, unless kept.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { ChainAnchor } from '../../platform/audit-chain.ts';
import { walkAuditChain } from '../../platform/audit-chain-walk.ts';
import { appRoleOf } from '../../platform/db.ts';
import { documentFilePath } from '../../documents/document-store.ts';
import { databaseNameOf } from '../engine/engine-database-role.ts';
import { auditHead, documentContents, engineFacts, rolePrivileges, tableCounts, type EngineFacts, type IdSet } from './database-facts.ts';
import { createScratchDatabase, dropScratch, grantLikeSource, restoreDump, type Scratch } from './scratch-database.ts';
import { dumpInSnapshot, patientClient } from './snapshot-dump.ts';

export interface RestoreCheckOptions {
  /** DATABASE_URL: the application's database, as its owner. */
  applicationUrl: string;
  /** ENGINE_DATABASE_URL: the engine's database, as a role that may read all of it. */
  engineUrl: string;
  /** Keep the restored copies (their URLs are in the report). */
  keep?: boolean;
  /** Write the dumps here and keep them (the backup itself); otherwise a temporary folder, removed afterwards. */
  dumpDir?: string;
  /**
   * The documents folder to hold the application's dump against (DOCUMENT_DIR, or the copy kept with a backup): every
   * document row in the dump must find its file there, of its size. Not checked when unset.
   */
  documentDir?: string;
  /** The scratch databases' names; by default `<source>_restore_check_<pid>`. */
  scratchNames?: { application: string; engine: string };
  /** Runs on the restored copies before they are checked (the tests change a copy here to see the check notice). */
  afterRestore?: (copies: { application: string; engine: string }) => Promise<void>;
  log?: (line: string) => void;
}

/** One line of the report: what was compared, its value in the dump's snapshot and in the restored copy. */
export interface CheckRow {
  database: string;
  check: string;
  source: string;
  restored: string;
  ok: boolean;
}

export interface RestoreCheckReport {
  ok: boolean;
  rows: CheckRow[];
  /** The dump files (removed afterwards unless `dumpDir` was given). */
  dumps: { file: string; bytes: number }[];
  /** The restored copies' URLs, when kept. */
  kept: string[];
  /** The application's audit head in its dump: the anchor to keep with the backup. */
  auditHead?: ChainAnchor;
}

/** A file-name-safe UTC time: 20260301T080000Z. */
export const backupStamp = (now = new Date()): string => now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The folder the dumps go to: `dumpDir` (made owner-only when missing), or a temporary one. */
export async function dumpFolder(dumpDir: string | undefined): Promise<{ dir: string; temporary: boolean }> {
  if (dumpDir) {
    await mkdir(dumpDir, { recursive: true, mode: 0o700 });
    return { dir: path.resolve(dumpDir), temporary: false };
  }
  return { dir: await mkdtemp(path.join(os.tmpdir(), 'restore-check-')), temporary: true };
}

interface ApplicationFacts {
  tables: Map<string, number>;
  head?: ChainAnchor;
  privileges: IdSet;
  documents: { sha256: string; bytes: number }[];
}

interface EngineSide {
  tables: Map<string, number>;
  engine: EngineFacts;
}

export const readApplicationFacts = async (client: pg.ClientBase, role: string): Promise<ApplicationFacts> => ({
  tables: await tableCounts(client),
  head: await auditHead(client),
  privileges: await rolePrivileges(client, role),
  documents: await documentContents(client),
});

const readEngineFacts = async (client: pg.ClientBase): Promise<EngineSide> => ({ tables: await tableCounts(client), engine: await engineFacts(client) });

function tableRows(database: string, source: Map<string, number>, restored: Map<string, number>): CheckRow[] {
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const summary = (counts: Map<string, number>) => `${counts.size} tables, ${total(counts)} rows`;
  const differing = [...new Set([...source.keys(), ...restored.keys()])]
    .sort()
    .filter((name) => source.get(name) !== restored.get(name))
    .map((name) => ({
      database,
      check: `rows in ${name}`,
      source: String(source.get(name) ?? 'no table'),
      restored: String(restored.get(name) ?? 'no table'),
      ok: false,
    }));
  return [{ database, check: 'rows per table', source: summary(source), restored: summary(restored), ok: differing.length === 0 }, ...differing];
}

function idSetRow(database: string, check: string, source: IdSet, restored: IdSet): CheckRow {
  const same = source.count === restored.count && source.digest === restored.digest;
  const otherIds = source.count === restored.count && !same ? ' (other ids)' : '';
  return { database, check, source: String(source.count), restored: `${restored.count}${otherIds}`, ok: same };
}

/** The documents the dump's rows point at, looked for in `dir`: a backup of the databases without its files is none. */
async function documentRow(database: string, dir: string, documents: ApplicationFacts['documents']): Promise<CheckRow> {
  let missing = 0;
  let otherSize = 0;
  for (const { sha256, bytes } of documents) {
    const found = await stat(documentFilePath(dir, sha256)).catch(() => undefined);
    if (!found) missing += 1;
    else if (found.size !== bytes) otherSize += 1;
  }
  const problems = [missing ? `${missing} missing` : '', otherSize ? `${otherSize} of another size` : ''].filter(Boolean).join(', ');
  return {
    database,
    check: `document files in ${dir}`,
    source: `${documents.length} referenced`,
    restored: problems || `${documents.length} present`,
    ok: !problems,
  };
}

const shortHead = (head: ChainAnchor | undefined) => (head ? `head ${head.seq}:${head.hash.slice(0, 12)}…` : 'empty');

async function checkApplicationCopy(database: string, copy: Scratch, source: ApplicationFacts): Promise<CheckRow[]> {
  const client = await patientClient(copy.url);
  try {
    const restored = await readApplicationFacts(client, copy.role ?? '');
    const chain = await walkAuditChain(client, source.head);
    // Walked to its end: the restored head must be the dumped one (the anchor tells only one cut short or rewritten).
    const sameHead = chain.head.seq === (source.head?.seq ?? '0') && (!source.head || chain.head.hash === source.head.hash);
    const chainRow: CheckRow = {
      database,
      check: 'audit chain',
      source: shortHead(source.head),
      restored: chain.broken
        ? `broken at entry ${chain.broken.seq}: ${chain.broken.message}`
        : `intact, ${chain.checked} entries, ${shortHead(chain.checked ? chain.head : undefined)}`,
      ok: !chain.broken && sameHead,
    };
    return [
      ...tableRows(database, source.tables, restored.tables),
      chainRow,
      idSetRow(database, "tables and sequences the application's role may use", source.privileges, restored.privileges),
    ];
  } finally {
    await client.end();
  }
}

async function checkEngineCopy(database: string, copy: Scratch, source: EngineSide): Promise<CheckRow[]> {
  const client = await patientClient(copy.url);
  try {
    const restored = await readEngineFacts(client);
    return [
      ...tableRows(database, source.tables, restored.tables),
      idSetRow(database, 'deployments', source.engine.deployments, restored.engine.deployments),
      idSetRow(database, 'process definitions', source.engine.processDefinitions, restored.engine.processDefinitions),
      idSetRow(database, 'running process instances', source.engine.runningInstances, restored.engine.runningInstances),
    ];
  } finally {
    await client.end();
  }
}

export async function restoreCheck(options: RestoreCheckOptions): Promise<RestoreCheckReport> {
  const log = options.log ?? (() => undefined);
  const applicationName = databaseNameOf(options.applicationUrl);
  const engineName = databaseNameOf(options.engineUrl);
  const sourceRole = appRoleOf(options.applicationUrl);
  const names = options.scratchNames ?? {
    application: `${applicationName}_restore_check_${process.pid}`,
    engine: `${engineName}_restore_check_${process.pid}`,
  };
  const { dir, temporary } = await dumpFolder(options.dumpDir);
  const stamp = backupStamp();
  const files = { application: path.join(dir, `${applicationName}-${stamp}.dump`), engine: path.join(dir, `${engineName}-${stamp}.dump`) };
  const copies: Scratch[] = [];
  try {
    log(`dumping ${applicationName} and ${engineName} to ${dir}`);
    const applicationSource = await dumpInSnapshot(options.applicationUrl, files.application, (client) => readApplicationFacts(client, sourceRole));
    const engineSource = await dumpInSnapshot(options.engineUrl, files.engine, readEngineFacts);
    const dumps = await Promise.all(Object.values(files).map(async (file) => ({ file, bytes: (await stat(file)).size })));

    log(`restoring into ${names.application} and ${names.engine}`);
    const application = await createScratchDatabase(options.applicationUrl, names.application);
    copies.push(application);
    await restoreDump(files.application, application);
    await grantLikeSource(files.application, application, sourceRole);
    const engine = await createScratchDatabase(options.engineUrl, names.engine);
    copies.push(engine);
    await restoreDump(files.engine, engine);
    await options.afterRestore?.({ application: application.url, engine: engine.url });

    log('comparing');
    const rows = [
      ...(await checkApplicationCopy(applicationName, application, applicationSource)),
      ...(options.documentDir ? [await documentRow(applicationName, options.documentDir, applicationSource.documents)] : []),
      ...(await checkEngineCopy(engineName, engine, engineSource)),
    ];
    return {
      ok: rows.every((row) => row.ok),
      rows,
      dumps: temporary ? [] : dumps,
      kept: options.keep ? copies.map((copy) => copy.url) : [],
      ...(applicationSource.head ? { auditHead: applicationSource.head } : {}),
    };
  } finally {
    if (!options.keep) for (const copy of copies.reverse()) await dropScratch(copy);
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}

/** The report as a table of plain text lines. */
export function formatReport(rows: CheckRow[]): string[] {
  const header: CheckRow = { database: 'database', check: 'check', source: 'dumped', restored: 'restored', ok: true };
  const cells = (row: CheckRow) => [row.database, row.check, row.source, row.restored, row === header ? 'result' : row.ok ? 'ok' : 'MISMATCH'];
  const all = [header, ...rows].map(cells);
  const widths = all[0]!.map((_, i) => Math.max(...all.map((line) => line[i]!.length)));
  return all.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}
