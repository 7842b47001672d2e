// `npm run bench:review [-- --filings N --employees M --concurrency C --latency-ms L]`: the whole automatic review
// on this machine. `npm start` on scratch databases, with the department simulators (run by this script) answering in about L ms and
// holding records for every declared person (so every check and every rule has real work to do); N online
// filings of M employees submitted from C concurrent clients, timed from the first submission until every one
// has its result (status awaiting_confirmation): filings/s and external tasks per filing. Then, at half that
// load, submission-to-result latency (p50/p95). Last, the bare engine's ceiling for the same number of external
// tasks per instance, measured in the same run (scripts/bench/engine-ceiling.ts), and the ratio of the two.
// Scratch databases and data are removed afterwards. Nothing here is a pass/fail.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { simulatedDepartments, simulatorSettings } from '../connectors/simulated-departments.ts';
import { startSimulators } from '../connectors/simulator-kit/server.ts';
import type { Filing } from '../filings/declaration/filing.ts';
import { syntheticFiling } from '../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../platform/config.ts';
import { freePort } from '../platform/free-port.ts';
import { pensionSourceOf } from '../workers/verify-pension.ts';
import { coresBetween, sampleCpu, type CpuSample } from './bench/cpu.ts';
import { measureEngineCeiling } from './bench/engine-ceiling.ts';
import { spawnScratchSystem } from './bench/scratch-system.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '200' },
    employees: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'latency-ms': { type: 'string', default: '50' },
  },
});
const [filings, employees, concurrency, latencyMs] = [values.filings, values.employees, values.concurrency, values['latency-ms']].map(Number) as [number, number, number, number];
if (![filings, employees, concurrency].every((n) => Number.isInteger(n) && n > 0) || !(latencyMs >= 0)) {
  console.error('bench:review: --filings, --employees and --concurrency are positive integers, --latency-ms ≥ 0');
  process.exit(2);
}

const YEAR = 2025;
// The same fetch size for the system's workers and the ceiling's, so the two differ only in the work done.
const MAX_TASKS = 32;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Department records for every declared person: found, valid, insured and paid all year. */
async function writeSimulatorData(dir: string, all: Filing[]): Promise<void> {
  const read = async (file: string) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as unknown[];
  const files = Object.fromEntries(
    await Promise.all(
      ['registrations.json', 'dpf-certificates.json', 'veteran-certificates.json', 'pension.json', 'national-pension.json', 'medical.json', 'wages.json'].map(
        async (f) => [f, await read(f)] as const,
      ),
    ),
  );
  for (const filing of all) {
    const { uscc, name } = filing.employer;
    files['registrations.json']!.push({ uscc, name, registrar: 'samr', status: 'active', changedAt: '2015-03-01' });
    for (const e of filing.employees) {
      if (e.certType === 'disability') {
        files['dpf-certificates.json']!.push({ certNumber: e.certNumber, idNumber: e.idNumber, name: e.name, category: e.disabilityCategory ?? 4, grade: e.disabilityGrade, validFrom: '2020-01-01', validUntil: '2030-12-31', status: 'valid' });
      } else {
        files['veteran-certificates.json']!.push({ certNumber: e.certNumber, idNumber: e.idNumber, name: e.name, kind: e.certType, grade: e.disabilityGrade, validFrom: '2020-01-01', validUntil: '2030-12-31' });
      }
      const pension = pensionSourceOf(e) === 'national' ? 'national-pension.json' : 'pension.json';
      for (const month of MONTHS) {
        files[pension]!.push({ idNumber: e.idNumber, uscc, month, paid: true });
        files['medical.json']!.push({ idNumber: e.idNumber, uscc, month, paid: true });
        files['wages.json']!.push({ idNumber: e.idNumber, uscc, month, amount: 5000 });
      }
    }
  }
  // Synthetic people of different seeds can coincide; a register holds each certificate once.
  for (const f of ['dpf-certificates.json', 'veteran-certificates.json']) {
    const seen = new Set<string>();
    files[f] = files[f]!.filter((r) => {
      const key = (r as { certNumber: string }).certNumber;
      return !seen.has(key) && seen.add(key);
    });
  }
  await Promise.all(Object.entries(files).map(([f, records]) => writeFile(path.join(dir, f), JSON.stringify(records))));
}

/** Where the CPU went, in milliseconds per filing (or instance), from average cores over the run. */
function cpuLine(cores: CpuSample, perSecond: number, names: { other: string; own: number; ownName: string }): string {
  const ms = (c: number) => `${((c / perSecond) * 1000).toFixed(0)} ms`;
  const parts = [`engine JVM ${ms(cores.jvm)}`, `PostgreSQL ${ms(cores.postgres)}`, `${names.other} ${ms(cores.otherInTree)}`];
  if (names.ownName) parts.push(`${names.ownName} ${ms(names.own)}`);
  return `${ms(cores.machineBusy)} (machine ${cores.machineBusy.toFixed(2)} of ${os.cpus().length} cores busy): ${parts.join(', ')}`;
}

const saturation = Array.from({ length: filings }, (_, i) => syntheticFiling(300_000 + i, { employees, regionCode: '330106', year: YEAR }));
// The half-load phase: enough filings for a stable p95 at half the rate, prepared up front with their data.
const halfLoad = Array.from({ length: Math.max(60, Math.round(filings / 2)) }, (_, i) => syntheticFiling(600_000 + i, { employees, regionCode: '330106', year: YEAR }));

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-review-'));
await cp(path.join(projectRoot, 'connectors', 'seed-data'), dataDir, { recursive: true });
await writeSimulatorData(dataDir, [...saturation, ...halfLoad]);

// The department simulators run here, in the load generator's process, not in the system's: the system's CPU is
// then its own, as it would be against real departments.
const simulatorPort = await freePort();
const simulators = await startSimulators({
  port: simulatorPort,
  dataDir,
  departments: simulatedDepartments,
  faultDefaults: { latencyMs, failureRate: 0, outage: [] },
});
const system = await spawnScratchSystem('review_bench', { ...simulatorSettings(simulatorPort), SIM_PORT: '0', WORKER_MAX_TASKS: String(MAX_TASKS) });
const { base, server, engine } = system;
const db = new pg.Pool({ connectionString: system.databaseUrl, max: 2 });
const rows: [string, string][] = [];

async function submit(filing: Filing): Promise<string> {
  const login = await fetch(`${base}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'employer', uscc: filing.employer.uscc }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${base}/api/filings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(filing),
  });
  if (res.status !== 201) throw new Error(`POST /api/filings answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Waits until every filing has its result; fails fast on an incident, which would stall the run. */
async function waitForResults(ids: string[]): Promise<void> {
  for (const deadline = Date.now() + 900_000; ; ) {
    const { rows: [row] } = await db.query<{ n: string }>(`select count(*) as n from filings where id = any($1) and status = 'awaiting_confirmation'`, [ids]);
    if (Number(row!.n) >= ids.length) return;
    const { count: incidents } = await engine.get<{ count: number }>('/incident/count');
    if (incidents > 0 || Date.now() > deadline) throw new Error(`${row!.n} of ${ids.length} filings have their result; ${incidents} incidents`);
    await sleep(50);
  }
}

try {
  await system.ready();

  // 1. Saturation: every filing submitted as fast as C clients can, timed until the last result.
  const ids: string[] = [];
  let next = 0;
  const started = performance.now();
  // The server is spawned through tsx: its tree holds the system's Node process and the engine's JVM.
  const cpuBefore = sampleCpu(server.pid!);
  const ownBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < saturation.length) ids.push(await submit(saturation[next++]!));
  }));
  await waitForResults(ids);
  const saturatedS = (performance.now() - started) / 1000;
  const cores = coresBetween(cpuBefore, sampleCpu(server.pid!), saturatedS);
  const own = process.cpuUsage(ownBefore);
  const ownCores = (own.user + own.system) / 1e6 / saturatedS;
  const filingsPerS = filings / saturatedS;
  const { count: taskCount } = await engine.get<{ count: number }>('/history/external-task-log/count', { successLog: true, processDefinitionKey: 'annual-review' });
  const tasksPerFiling = taskCount / filings;
  const health = (await (await fetch(`${base}/api/health`)).json()) as { checks: { name: string; detail?: string }[] };
  const workerCounts = /since start (.*)$/.exec(health.checks.find((c) => c.name === 'workers')?.detail ?? '')?.[1] ?? '?';

  // 2. Half that load, open loop: one submission every 2/filingsPerS seconds; latency from submission to result.
  const intervalMs = 2000 / filingsPerS;
  const halfIds: string[] = [];
  const t0 = performance.now();
  const sends = halfLoad.map(async (filing, i) => {
    await sleep(Math.max(0, t0 + i * intervalMs - performance.now()));
    halfIds.push(await submit(filing));
  });
  await Promise.all(sends);
  await waitForResults(halfIds);
  const latency = await db.query<{ ms: number }>(
    `select extract(epoch from (h.at - f.created_at)) * 1000 as ms
       from filings f join filing_status_history h on h.filing_id = f.id and h.status = 'awaiting_confirmation'
      where f.id = any($1) order by 1`,
    [halfIds],
  );
  const latencies = latency.rows.map((r) => Number(r.ms));
  await db.end();
  await system.stop();

  // 3. The bare engine, same number of external tasks per instance, same number of instances.
  const steps = Math.round(tasksPerFiling);
  const ceiling = await measureEngineCeiling({ instances: filings, steps, clients: concurrency, nodes: 1, maxTasks: MAX_TASKS, asyncSteps: false });

  rows.push(
    ['machine', `${os.cpus().length} cores, node ${process.version}`],
    ['setting', `${filings} online filings × ${employees} employees (${employees * 12} employee-months each), ${concurrency} clients, departments answering in ~${latencyMs} ms`],
    ['automatic review, saturated', `${filingsPerS.toFixed(2)} filings/s (${filings} results in ${saturatedS.toFixed(1)} s)`],
    ['CPU per filing, saturated', cpuLine(cores, filingsPerS, { other: 'API + workers', own: ownCores, ownName: 'simulators + load' })],
    ['worker outcomes', workerCounts],
    ['external tasks per filing', `${tasksPerFiling.toFixed(2)} (${(filingsPerS * tasksPerFiling).toFixed(1)} external tasks/s)`],
    ['submission → result at half load', `${(filingsPerS / 2).toFixed(2)} filings/s, ${halfLoad.length} filings: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms`],
    ['bare engine ceiling, same run', `${ceiling.instancesPerS.toFixed(2)} instances/s of ${steps} no-op external tasks (${ceiling.externalTasksPerS.toFixed(1)} external tasks/s)`],
    ['CPU per instance, ceiling', cpuLine(ceiling.cores, ceiling.instancesPerS, { other: 'worker', own: 0, ownName: '' })],
    ['ratio review / ceiling', `${((filingsPerS / ceiling.instancesPerS) * 100).toFixed(0)} %`],
  );
  console.log(`bench:review on ${new Date().toISOString()}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(36)} ${value}`);
} finally {
  await db.end().catch(() => undefined); // already ended after a complete run
  await system.stop();
  await simulators.close();
  await rm(dataDir, { recursive: true, force: true });
}
