// What every refused request must look like (issue 9, item 9): a 4xx, never a 5xx; application/problem+json with
// a title and the status; field problems as errors[] with the JSON pointer of the field and a stable code; nothing
// of the server's inside (stack frames, SQL, driver or library names); and not one row written anywhere.
import { readdir } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Db } from '../../../platform/db.ts';
import type { RawResponse } from './http.ts';

/** One expected field problem: the exact pointer, and the code (or one of several codes) when it is known. */
export interface FieldExpectation {
  path: string;
  code?: string | readonly string[];
}

export interface Refusal {
  /** The exact status; a list when more than one is acceptable (404 or 405 for a wrong method). Any 4xx when absent. */
  status?: number | readonly number[];
  /** Field problems that must all be among errors[]. */
  errors?: readonly FieldExpectation[];
  /** Kinds of leak (names from LEAKS) this answer may show, where the text is about the client's own document. */
  tolerate?: readonly string[];
}

// Anything that tells an attacker how the server is built: stack frames, source files, error class names, SQL and
// PostgreSQL's messages, the driver, the parser's own sentences, the local file system, a file read through XXE.
const LEAKS: readonly [string, RegExp][] = [
  ['stack frame', /\bat (?:async )?[\w$.<>\[\] ]*\(?(?:file:|node:|\/)/],
  ['source file', /\.(?:ts|js|mjs|cjs):\d+/],
  ['node_modules', /node_modules/],
  ['local path', /\/(?:work|home|usr|tmp|etc)\//],
  ['error class', /\b(?:Type|Range|Syntax|Reference|URI|Aggregate)?Error:/],
  ['SQL', /\b(?:select\b[\s\S]*\bfrom|insert\s+into|update\s+\w+\s+set|delete\s+from)\b/i],
  ['PostgreSQL message', /violates|duplicate key|constraint|relation "|column "|syntax error at|SQLSTATE|invalid input syntax|unsupported Unicode escape/i],
  ['driver', /\bpg\b|postgres|node-postgres|ajv|busboy|body-parser|exceljs|express/i],
  ['parser message', /Unexpected token|JSON at position|Unexpected end of JSON|is not valid JSON/],
  ['file read through XXE', /root:x?:0:0/],
];

export function leaksIn(text: string): string[] {
  return LEAKS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

const CODE = /^[A-Z][A-Z0-9_]*$/;

function short(res: RawResponse): string {
  const text = res.text.length > 400 ? `${res.text.slice(0, 400)}…` : res.text;
  return `${res.status} ${String(res.headers['content-type'] ?? '(no content-type)')} ${text}`;
}

/** Asserts everything a refusal must be; soft assertions, so one test lists every way its answer falls short. */
export function expectRefusal(res: RawResponse, want: Refusal = {}): void {
  const seen = short(res);
  expect.soft(res.status < 500, `a 5xx answer: ${seen}`).toBe(true);
  expect.soft(res.status >= 400 && res.status < 500, `not a 4xx answer: ${seen}`).toBe(true);
  if (typeof want.status === 'number') expect.soft(res.status, `status: ${seen}`).toBe(want.status);
  else if (want.status) expect.soft(want.status, `status: ${seen}`).toContain(res.status);

  expect.soft(String(res.headers['content-type'] ?? ''), `content type: ${seen}`).toMatch(/^application\/problem\+json\b/);
  const problem = res.body as Record<string, unknown> | undefined;
  expect.soft(typeof problem === 'object' && problem !== null && !Array.isArray(problem), `not a problem object: ${seen}`).toBe(true);
  if (problem && typeof problem === 'object') {
    expect.soft(typeof problem.title === 'string' && problem.title.length > 0, `problem without a title: ${seen}`).toBe(true);
    expect.soft(problem.status, `problem.status differs from the HTTP status: ${seen}`).toBe(res.status);
    if (problem.errors !== undefined) {
      expect.soft(Array.isArray(problem.errors), `errors is not a list: ${seen}`).toBe(true);
      for (const e of Array.isArray(problem.errors) ? (problem.errors as Record<string, unknown>[]) : []) {
        const ok = typeof e.path === 'string' && (e.path === '/' || e.path.startsWith('/')) && typeof e.code === 'string' && CODE.test(e.code) && typeof e.message === 'string' && e.message.length > 0;
        expect.soft(ok, `malformed error entry ${JSON.stringify(e)}: ${seen}`).toBe(true);
      }
    }
  }
  expect.soft(leaksIn(res.text).filter((kind) => !want.tolerate?.includes(kind)), `internals in the answer: ${seen}`).toEqual([]);

  for (const field of want.errors ?? []) {
    const errors = (Array.isArray(problem?.errors) ? problem.errors : []) as { path?: unknown; code?: unknown }[];
    const atPath = errors.filter((e) => e.path === field.path);
    const codes = field.code === undefined ? undefined : typeof field.code === 'string' ? [field.code] : field.code;
    const found = atPath.some((e) => codes === undefined || codes.includes(String(e.code)));
    const wanted = `${field.path}${codes ? ` ${codes.join('|')}` : ''}`;
    const got = errors.map((e) => `${String(e.path)} ${String(e.code)}`).join(', ') || '(no errors[])';
    expect.soft(found, `expected error ${wanted}; got ${got} — ${seen}`).toBe(true);
  }
}

/** Row counts of every base table of the application's schema (schema_migrations aside), audit_log included. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'
      order by table_name`,
  );
  if (tables.rows.length === 0) throw new Error('no application tables found');
  // A refusal is itself recorded: the session a probe signed in with, and the refused request in the audit trail.
  // Those are the only rows a refused request may leave.
  const counted = tables.rows.filter((t) => t.table_name !== 'sessions');
  const union = counted
    .map((t, i) => `select $${i + 1}::text as t, count(*)::int as n from "${t.table_name.replace(/"/g, '""')}"${t.table_name === 'audit_log' ? ` where action not like 'session.%' and action not like 'request.%'` : ''}`)
    .join(' union all ');
  const rows = await db.query<{ t: string; n: number }>(union, counted.map((t) => t.table_name));
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.n]));
}

/** Every file under a folder (the document store, its temp files included). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => `${e.parentPath}/${e.name}`).sort();
}

/**
 * Runs one hostile request and checks the refusal, and that it wrote nothing: the same row count in every table
 * (and, when given, the same files in the document folder) before and after — but for the one audit entry a 401 or
 * 403 leaves (`request.refused`, issue 20).
 */
export async function expectRefused(
  db: Db,
  send: () => Promise<RawResponse>,
  want: Refusal = {},
  opts: { documentDir?: string } = {},
): Promise<RawResponse> {
  const before = await rowCounts(db);
  const refusalsBefore = (await db.query<{ seq: string }>('select coalesce(max(seq), 0)::text as seq from audit_log')).rows[0]!.seq;
  const filesBefore = opts.documentDir ? await filesUnder(opts.documentDir) : [];
  const res = await send();
  expectRefusal(res, want);
  // Rows written by an accepted request are committed before its answer; nothing runs later on behalf of a refusal.
  expect.soft(await rowCounts(db), `rows written by a refused request (${res.status})`).toEqual(before);
  if (res.status === 401 || res.status === 403) {
    // The refusal itself is in the audit trail, once.
    const entries = await db.query<{ status: number }>("select (detail->>'status')::int as status from audit_log where action = 'request.refused' and seq > $1", [refusalsBefore]);
    expect.soft(entries.rows, `the refusal's audit entry (${res.status})`).toEqual([{ status: res.status }]);
  }
  if (opts.documentDir) expect.soft(await filesUnder(opts.documentDir), `files left by a refused request (${res.status})`).toEqual(filesBefore);
  return res;
}
