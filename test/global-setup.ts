// Runs once before the suites: a fresh PostgreSQL database for this run, migrated, its URL handed to the
// tests, dropped afterwards; and the run's real Operaton engine (test/support/engine-under-test.ts). Each run has
// its own database, so runs side by side cannot disturb each other.
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { checkConnection, createPool, databaseUrlNamed, dropDatabase } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import type { EngineConnection } from '../platform/engine-rest.ts';
import { isAlive, startEngineUnderTest, type EngineProcessUnderTest } from './support/engine-under-test.ts';
import { ensureWebBuild } from '../scripts/web/build-web.ts';

const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dpf_review_test';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engine: EngineConnection;
    engineAdminPassword: string;
    engineProcess: EngineProcessUnderTest;
  }
}


async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrlNamed(baseUrl, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = new URL(baseUrl).pathname.slice(1);
  const name = `${base}_${process.pid}`;
  const databaseUrl = databaseUrlNamed(baseUrl, name);

  const adminUrl = databaseUrlNamed(baseUrl, 'postgres');
  const probe = createPool(adminUrl);
  try {
    await checkConnection(probe, adminUrl); // says plainly when PostgreSQL cannot be reached
  } finally {
    await probe.end();
  }
  await withAdmin(async (admin) => {
    // Databases left by runs that were killed before their teardown, and their application roles (`<database>_app`).
    const leftovers = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${base}\\_%`]);
    const roles = await admin.query<{ rolname: string }>('select rolname from pg_roles where rolname like $1', [`${base}\\_%\\_app`]);
    const names = new Set([...leftovers.rows.map((r) => r.datname), ...roles.rows.map((r) => r.rolname.slice(0, -'_app'.length))]);
    for (const datname of names) {
      const pid = Number(datname.slice(base.length + 1));
      if (Number.isInteger(pid) && (pid === process.pid || !isAlive(pid))) {
        await admin.query(`drop database if exists "${datname}" with (force)`);
        await admin.query(`drop role if exists "${datname}_app"`);
      }
    }
    await admin.query(`create database "${name}"`);
  });
  const db = createPool(databaseUrl);
  try {
    await migrate(db);
  } finally {
    await db.end();
  }
  project.provide('databaseUrl', databaseUrl);

  const started = Date.now();
  // The browser tests drive the built pages: built once here when their sources changed.
  await ensureWebBuild((line) => console.log(line));
  const engine = await startEngineUnderTest(baseUrl, databaseUrl);
  console.log(`engine under test: ${engine.connection.baseUrl} up in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${engine.logFile})`);
  project.provide('engine', engine.connection);
  project.provide('engineAdminPassword', engine.adminPassword);
  project.provide('engineProcess', engine.process);

  return async () => {
    await engine.stop();
    await dropDatabase(databaseUrl);
  };
}
