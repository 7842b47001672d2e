// Issue 21, item 7: no single upload freezes the service or exhausts its memory. The API runs alone in a child
// process (test/support/uploads/api-process.ts) with its default limits; hostile employee lists — what a user sent
// (300 000 rows at column XFD; 10 MB of line breaks), and worse (zip bombs, 1 000 000 sparse rows, a sheet declaring
// a million rows, a row A…XFD, XML nested 100 000 deep, a CSV line of 200 000 fields), one by one and then a burst of
// them at once — are each refused with 400/413 naming the limit, while another client (a thread of its own) asks
// GET /api/session every 20 ms: none of its requests waits more than 200 ms, and the API process's peak resident
// memory (VmHWM in /proc/<pid>/status, the whole process: its threads included) stays under 512 MB. Afterwards a
// real list still imports, and a user's 21st import in a minute is answered 429 with Retry-After.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { seededRandom } from '../../domain/synthetic.ts';
import { assertKeepsContract } from '../support/contract-check.ts';
import { employeeCsv } from '../support/employee-csv.ts';
import { syntheticEmployee, syntheticFiling } from '../support/fixtures.ts';
import { rawRequest } from '../support/hostile/http.ts';
import { multipart, multipartType } from '../support/hostile/payloads.ts';
import * as hostile from '../support/uploads/hostile-files.ts';

/** The bound on any other request's wait while hostile files are being refused. */
const MAX_OTHER_LATENCY_MS = 200;
/** The API process's memory budget: peak resident set size. */
const MEMORY_BUDGET_MB = 512;
/** "Quickly": a hostile file is refused well within the reading thread's 30 s limit. */
const QUICK_MS = 10_000;

let child: ChildProcess;
let apiPid: number;
/** What the API process logged: shown with a 5xx. */
let apiStderr = '';
let url: string;
const tokens: Record<string, string> = {};

async function login(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`dev login failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Peak and current resident memory of the API process, in MB. */
function memoryOf(pid: number): { peakMb: number; nowMb: number; threads: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, nowMb: kb('VmRSS') / 1024, threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]) };
}

beforeAll(async () => {
  // node itself (not the tsx wrapper, which would run it in a grandchild): the child's pid is the API's process.
  child = spawn(process.execPath, ['--import', 'tsx', 'test/support/uploads/api-process.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), FILING_SEASON: 'open', SESSION_SECRET: 'a session key for the tests, 32 bytes or more', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (apiStderr += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const found = /listening (\S+)/.exec(stdout);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the API process ended (${code}): ${apiStderr}`)));
  });
  apiPid = child.pid!;
  for (const [name, seed] of [['a', 601], ['b', 602], ['c', 603], ['d', 604], ['e', 605]] as const) {
    tokens[name] = await login({ role: 'employer', uscc: syntheticFiling(seed).employer.uscc });
  }
  tokens.reviewer = await login({ role: 'reviewer', regionCode: '330106' });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** One import as a browser's form sends it, over node:http: a 413 answered before the body is sent is still read. */
async function importFile(bytes: Buffer, name: string, token: string, sendOnly?: number) {
  const body = multipart([{ field: 'file', filename: name, bytes }]);
  const started = performance.now();
  const at = Date.now();
  const res = await rawRequest(url, {
    method: 'POST',
    path: '/api/employee-imports?year=2025',
    headers: { authorization: `Bearer ${token}`, 'content-type': multipartType() },
    body,
    ...(sendOnly !== undefined ? { sendOnly } : {}),
    timeoutMs: 60_000,
  });
  const ms = performance.now() - started;
  if (res.status >= 500 && res.status !== 503) throw new Error(`${name} answered ${res.status} ${res.text}; the API logged:\n${apiStderr}`);
  assertKeepsContract('POST', '/api/employee-imports', res.status, String(res.headers['content-type'] ?? ''), res.body);
  return { status: res.status, retryAfter: Number(res.headers['retry-after']), body: res.body, ms, at };
}

/** Runs `work` while a thread of its own times GET /api/session every 20 ms; returns what it measured. */
async function whileMeasuring<T>(work: () => Promise<T>): Promise<{ result: T; latencies: number[]; startedAt: number[]; failures: string[] }> {
  const probe = new Worker(new URL('../support/uploads/latency-probe.mjs', import.meta.url), {
    workerData: { url: `${url}/api/session`, headers: { authorization: `Bearer ${tokens.reviewer}` }, intervalMs: 20 },
  });
  try {
    const result = await work();
    const measured = new Promise<{ latencies: number[]; startedAt: number[]; failures: string[] }>((resolve) => probe.once('message', resolve));
    probe.postMessage('stop');
    return { result, ...(await measured) };
  } finally {
    await probe.terminate();
  }
}

interface HostileCase {
  name: string;
  file: () => Buffer;
  fileName: string;
  status: number;
  /** The limit the answer must name: an error code at /file and its message, or (413) the title. */
  code?: string;
  message: RegExp;
  /** Bytes of the body to send before waiting for the answer (the server refuses by the declared length). */
  sendOnly?: number;
}

const cases: HostileCase[] = [
  { name: "the user's 300 000 rows at column XFD", file: () => hostile.rowsAtXfd(), fileName: '名单.xlsx', status: 400, code: 'COLUMN_LIMIT', message: /第 1 行用到了第 XFD 列.*最多到 AG 列/ },
  { name: '10 MB of line breaks as CSV', file: () => hostile.newlinesCsv(), fileName: '名单.csv', status: 400, code: 'ROW_LIMIT', message: /第 3002 行.*最多到第 3001 行/ },
  { name: '1 000 000 sparse rows', file: () => hostile.sparseRows(), fileName: '名单.xlsx', status: 400, code: 'ROW_LIMIT', message: /第 3002 行/ },
  { name: 'a dimension declaring rows to 1 048 576', file: () => hostile.declaredDeep(), fileName: '名单.xlsx', status: 400, code: 'ROW_LIMIT', message: /第 1048576 行/ },
  { name: 'one row with a cell in every column A…XFD', file: () => hostile.wideRow(), fileName: '名单.xlsx', status: 400, code: 'COLUMN_LIMIT', message: /第 AH 列/ },
  { name: 'sheet1.xml nested 100 000 deep', file: () => hostile.deepXml(), fileName: '名单.xlsx', status: 400, code: 'XML_DEPTH', message: /嵌套超过 32 层/ },
  { name: 'a zip bomb declaring 64 MB', file: () => hostile.zipBomb(), fileName: '名单.xlsx', status: 400, code: 'FILE_TOO_COMPLEX', message: /解压后内容过多/ },
  { name: 'a zip bomb declaring 1 KB of its 64 MB', file: () => hostile.lyingZipBomb(), fileName: '名单.xlsx', status: 400, code: 'FILE_TOO_COMPLEX', message: /解压后内容过多/ },
  { name: 'a CSV line of 200 000 fields', file: () => hostile.wideCsv(), fileName: '名单.csv', status: 400, code: 'COLUMN_LIMIT', message: /第 AH 列/ },
  { name: '11 MB of line breaks (over DOCUMENT_MAX_BYTES)', file: () => hostile.newlinesCsv(11 * 1024 * 1024), fileName: '名单.csv', status: 413, message: /不能超过 10 MB/, sendOnly: 64 * 1024 },
];

function expectRefusal(c: HostileCase, answer: Awaited<ReturnType<typeof importFile>>): void {
  expect(answer.status, `${c.name}: ${JSON.stringify(answer.body)}`).toBe(c.status);
  if (c.code) {
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: '/file', code: c.code })]);
    expect(answer.body.errors[0].message).toMatch(c.message);
  } else expect(answer.body.title).toMatch(c.message);
  expect(answer.ms, `${c.name} answered in ${Math.round(answer.ms)} ms`).toBeLessThan(QUICK_MS);
}

describe('hostile employee lists', () => {
  it('refuses each, naming the limit, while no other request waits over 200 ms and the API stays within 512 MB', async () => {
    // Made before measuring: building them is the test's work, not the server's.
    const files = cases.map((c) => ({ c, bytes: c.file() }));
    expect(Math.max(...files.filter((f) => f.c.status === 400).map((f) => f.bytes.length))).toBeLessThan(10_000_000 + 1);
    const before = memoryOf(apiPid);

    const { result: answers, latencies, startedAt, failures } = await whileMeasuring(async () => {
      const oneByOne = [];
      for (const { c, bytes } of files) oneByOne.push({ c, answer: await importFile(bytes, c.fileName, tokens.a!, c.sendOnly) });
      // Then all at once, from three users: a bounded pool and queue, not a thread each.
      const burst = await Promise.all(
        files.flatMap(({ c, bytes }, i) => (c.status === 400 && i < 9 ? [{ c, answer: importFile(bytes, c.fileName, tokens[['b', 'c', 'd'][i % 3]!]!) }] : [])).map(async ({ c, answer }) => ({ c, answer: await answer })),
      );
      return { oneByOne, burst };
    });

    const after = memoryOf(apiPid);
    // Each of the slowest other requests, with the uploads it met (in flight when it began).
    const met = (i: number) => answers.oneByOne.concat(answers.burst).filter(({ answer }) => answer.at <= startedAt[i]! + latencies[i]! && answer.at + answer.ms >= startedAt[i]!).map(({ c }) => c.name);
    const slowest = latencies.map((ms, i) => ({ ms, i })).sort((x, y) => y.ms - x.ms).slice(0, 5).map(({ ms, i }) => `${Math.round(ms)} (${met(i).join(' + ') || 'no upload'})`);
    console.log(
      `hostile uploads: ${latencies.length} probe requests, slowest ${slowest.join(', ')} ms; API process VmHWM ${Math.round(before.peakMb)} → ${Math.round(after.peakMb)} MB, ` +
        `VmRSS ${Math.round(after.nowMb)} MB, threads ${before.threads} → ${after.threads}; ` +
        answers.oneByOne.map(({ c, answer }) => `${c.name}: ${answer.status} in ${Math.round(answer.ms)} ms`).join('; '),
    );
    for (const { c, answer } of answers.oneByOne) expectRefusal(c, answer);
    for (const { c, answer } of answers.burst) {
      if (answer.status === 503) {
        expect(answer.body.code).toBe('IMPORT_BUSY');
        expect(answer.retryAfter).toBeGreaterThan(0);
      } else expectRefusal(c, answer);
    }
    expect(failures).toEqual([]);
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies), `the slowest other requests: ${slowest.join(', ')} ms`).toBeLessThan(MAX_OTHER_LATENCY_MS);
    expect(after.peakMb).toBeLessThan(MEMORY_BUDGET_MB);
  }, 300_000);

  it('still imports a real list afterwards', async () => {
    const rand = seededRandom(71);
    const employees = [syntheticEmployee(rand, 2025), syntheticEmployee(rand, 2025)];
    const answer = await importFile(Buffer.from(employeeCsv(employees)), '名单.csv', tokens.e!);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([]);
    expect(answer.body.employees.map((e: { idNumber: string }) => e.idNumber)).toEqual(employees.map((e) => e.idNumber));
  });

  it("answers a user's 21st import in a minute with 429, Retry-After and the limit in Chinese", async () => {
    const tiny = Buffer.from('姓名\r\n');
    const token = tokens.e!; // one import already, above
    for (let n = 2; n <= 20; n++) expect((await importFile(tiny, 'a.csv', token)).status).toBe(400);
    const refused = await importFile(tiny, 'a.csv', token);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ title: '导入过于频繁，请稍后再试', code: 'TOO_MANY_IMPORTS' });
    expect(refused.body.detail).toMatch(/每分钟最多导入 20 次/);
    expect(refused.retryAfter).toBeGreaterThan(0);
    // Another user is not held up by it.
    expect((await importFile(tiny, 'a.csv', tokens.a!)).status).not.toBe(429);
  });
});
