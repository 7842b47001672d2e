// What every department connector's integration test shares: simulators on a free port over temporary data
// dirs, filings stored in the real PostgreSQL, the fault switches, and the cases every department job meets
// (workers/department-job.ts): an outage fails the job and a retry after it completes; an unknown filing is
// FILING_NOT_FOUND and malformed variables are INVALID_VARIABLES.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { DataFileError } from '../../connectors/simulator-kit/data-files.ts';
import { startSimulators, type RunningSimulators, type SimulatedDepartment } from '../../connectors/simulator-kit/server.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import type { PersonMonthQueryClient } from '../../connectors/person-month-query/client.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createFiling } from '../../filings/filing-store.ts';
import type { Job, JobOutcome } from '../../workers/job-outcome.ts';
import { failureOf } from './failure-of.ts';
import { createdId } from './fixtures.ts';

export const NO_FAULTS = { latencyMs: 0, failureRate: 0, outage: [] };

/**
 * Returns a maker of temporary data dirs, each holding the given files (JSON, or a string as it is), all
 * removed after the file's tests. Call once at the top of the file.
 */
export function useTempDataDirs(prefix: string): (files?: Record<string, unknown>) => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return async (files = {}) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-sim-`));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    return dir;
  };
}

/** The call settings of a client under test against a simulator: one retry, no real back-off. */
export const JOB_CALL_SETTINGS = { departmentTimeoutMs: 5000, departmentRetries: 1, baseDelayMs: 1, maxDelayMs: 5 };

export interface DepartmentEnvironment {
  /** The three are set by the time the file's own beforeAll runs. */
  sim: RunningSimulators;
  db: Db;
  /** The data dir the simulators serve. */
  dataDir: string;
  /** Another temporary data dir, removed after the file's tests. */
  tempDataDir: (files?: Record<string, unknown>) => Promise<string>;
}

/**
 * The simulators of these departments on a free port over a temporary data dir holding `files`, and (unless
 * `database` is false) a pool on the test database; all closed after the file's tests. Call it at the top of
 * the file, before the file's own beforeAll, which can then use them.
 */
export function useDepartmentEnvironment(options: {
  prefix: string;
  departments: SimulatedDepartment[];
  files: Record<string, unknown>;
  database?: boolean;
}): DepartmentEnvironment {
  const env = { tempDataDir: useTempDataDirs(options.prefix) } as DepartmentEnvironment;
  beforeAll(async () => {
    if (options.database !== false) env.db = createPool(inject('databaseUrl'));
    env.dataDir = await env.tempDataDir(options.files);
    env.sim = await startDepartments(env.dataDir, options.departments);
  });
  afterAll(async () => {
    await env.sim?.close();
    await env.db?.end();
  });
  return env;
}

/** A person-month client that records each call, so a test can count them. */
export function recordingQueries<R>(client: PersonMonthQueryClient<R>, calls: { idNumbers: string[]; key: string }[]): PersonMonthQueryClient<R> {
  return {
    query(query, key) {
      calls.push({ idNumbers: query.idNumbers, key });
      return client.query(query, key);
    },
  };
}

/** The simulators of these departments on a free port, without faults. */
export function startDepartments(dataDir: string, departments: SimulatedDepartment[]): Promise<RunningSimulators> {
  return startSimulators({ port: 0, dataDir, departments, faultDefaults: NO_FAULTS });
}

/** Asserts that these departments refuse to start on `dataDir`, with a DataFileError saying `message`. */
export async function expectStartRefused(dataDir: string, departments: SimulatedDepartment[], message: string): Promise<Error> {
  const error = await failureOf(startDepartments(dataDir, departments));
  expect(error).toBeInstanceOf(DataFileError);
  expect((error as Error).message).toContain(message);
  return error as Error;
}

/** Runs `use` against these departments serving the shipped seed data (connectors/seed-data). */
export async function withSeedData(departments: SimulatedDepartment[], use: (url: string) => Promise<void>): Promise<void> {
  const seeded = await startDepartments(path.resolve(import.meta.dirname, '../../connectors/seed-data'), departments);
  try {
    await use(seeded.url);
  } finally {
    await seeded.close();
  }
}

/** A JSON request to a simulator; a string body is sent as it is. */
export function sendJson(url: string, body: unknown, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(url, {
    method: options.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Switches a department's outage on or off through the simulators' admin endpoint. */
export function setOutage(sim: RunningSimulators, department: string, outage: boolean): Promise<Response> {
  return sendJson(`${sim.url}/_admin/faults/${department}`, { latencyMs: 0, failureRate: 0, outage }, { method: 'PUT' });
}

/**
 * Stores the filing as its employer (with this USCC, when given) and returns its id. A unit files once a year, so an
 * earlier filing of the same unit and year made by another case of the file is withdrawn first.
 */
export async function storeFiling(db: Db, filing: Filing, sub: string, uscc = filing.employer.uscc): Promise<string> {
  const stored = { ...filing, employer: { ...filing.employer, uscc } };
  await db.query(`update filings set status = 'withdrawn' where employer_uscc = $1 and year = $2 and status <> 'returned'`, [uscc, filing.year]);
  return createdId(await createFiling(db, { sub, role: 'employer', uscc }, stored, undefined));
}

type Handler = (job: Job) => Promise<JobOutcome<object>>;

export interface DepartmentJobContract {
  /** The fault switch whose outage the job must survive, e.g. "dpf". */
  department: string;
  /** Read when a test runs: both are made in the file's beforeAll. */
  simulators: () => RunningSimulators;
  handler: () => Handler;
  jobKey: string;
  outage: {
    /** The variables of a job the department can answer. */
    variables: () => Promise<unknown>;
    /** The fail message while the department is down. */
    failMessage: string;
    /** Asserts the outcome once it is back; `run` runs the job again. */
    recovered: (outcome: JobOutcome<object>, run: () => Promise<JobOutcome<object>>) => void | Promise<void>;
  };
  /** For a job about one filing. */
  filingErrors?: {
    /** Valid variables naming this filing, which does not exist. */
    notFound: (filingId: string) => unknown;
    /** Malformed variables, and the exact message where one is asserted. */
    invalid: () => Promise<{ variables: unknown; message?: string }[]>;
    /** The department calls made so far, when the file records them: neither case may make one. */
    departmentCalls?: () => readonly unknown[];
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What an operator reads on the incident or manual check: the department and what to do in Chinese, then
 * ` / {job type}: ` and the technical detail, exactly.
 */
export function departmentMessage(detail: string): unknown {
  return expect.stringMatching(new RegExp(`^[^/]*[\\u4e00-\\u9fff][^/]* / [a-z-]+: ${escapeRegExp(detail)}$`));
}

/** Registers the shared cases inside the caller's describe. */
export function departmentJobContract(contract: DepartmentJobContract): void {
  const { department, outage, filingErrors } = contract;
  const run = (variables: unknown) => contract.handler()({ key: contract.jobKey, variables, retries: 3 });
  const faults = async () => ((await (await fetch(`${contract.simulators().url}/_admin/faults`)).json()) as Record<string, unknown>)[department];

  it(`fails the job during a ${department} outage and completes once it is back (an incident retry)`, async () => {
    const variables = await outage.variables();
    expect((await setOutage(contract.simulators(), department, true)).status).toBe(200);
    try {
      expect(await faults()).toEqual({ latencyMs: 0, failureRate: 0, outage: true });
      expect(await run(variables)).toEqual({ kind: 'fail', message: departmentMessage(outage.failMessage) });
    } finally {
      expect((await setOutage(contract.simulators(), department, false)).status).toBe(200);
    }
    expect(await faults()).toEqual({ latencyMs: 0, failureRate: 0, outage: false });
    await outage.recovered(await run(variables), () => run(variables));
  });

  if (filingErrors) {
    it('raises FILING_NOT_FOUND for an unknown filing and INVALID_VARIABLES for malformed variables, asking no department', async () => {
      const callsBefore = filingErrors.departmentCalls?.().length;
      expect(await run(filingErrors.notFound(crypto.randomUUID()))).toMatchObject({ kind: 'bpmnError', errorCode: 'FILING_NOT_FOUND' });
      const invalid = await filingErrors.invalid();
      expect(invalid.length).toBeGreaterThan(0);
      for (const { variables, message } of invalid) {
        const expected = { kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' };
        if (message === undefined) expect(await run(variables)).toMatchObject(expected);
        else expect(await run(variables)).toEqual({ ...expected, message });
      }
      if (filingErrors.departmentCalls) expect(filingErrors.departmentCalls().length).toBe(callsBefore);
    });
  }
}
