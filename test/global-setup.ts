// Runs once before the suites: a fresh PostgreSQL database for tests, migrated, its URL handed to the tests.
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createPool, ensureDatabase } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';

const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dpf_review_test';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const admin = new URL(testDatabaseUrl);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  await ensureDatabase(testDatabaseUrl);
  // Start from nothing, so each run proves the migrations build the schema on a fresh machine.
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const db = createPool(testDatabaseUrl);
  try {
    await migrate(db);
  } finally {
    await db.end();
  }
  project.provide('databaseUrl', testDatabaseUrl);
}
