// `npm run bench:preview [-- --filings N --employees M --threads T]`: how fast the policy impact preview replays a season, on
// this machine, in this process — no engine: the shipped DMN files of processes/ stand for the deployed rules and
// the candidate raises Hangzhou's 2025 tier-1 minimum wage from 2490 to 2700 (as the integration test does).
// A scratch database is created, migrated and filled with N reviewed synthetic filings of one county (M people
// each, their department evidence stored as the verify-* jobs store it), then read back through previewFilings
// and judged and tallied by replayFilings on T worker threads, as POST /api/policy/previews does.
// Prints filings/s, the seconds spent waiting for the database, and a digest of the answer (equal digests: equal
// answers, whatever the threads). The database is dropped afterwards.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDecisionModel } from '../dmn-evaluator/decision-model.ts';
import { syntheticFiling } from '../filings/declaration/synthetic-filing.ts';
import type { Filing } from '../filings/declaration/filing.ts';
import { projectRoot, loadConfig } from '../platform/config.ts';
import { createPool, databaseUrlNamed, dropDatabase, ensureDatabase, type Db } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { seededRandom } from '../domain/synthetic.ts';
import { monthsOf } from '../review/employee-month-facts.ts';
import type { ReviewDecisions } from '../review/judge-filing.ts';
import type { DecisionSources } from '../impact-preview/decision-sources.ts';
import { withCandidates, type PreviewFiling } from '../impact-preview/impact-preview.ts';
import { defaultPreviewThreads } from '../impact-preview/preview-pool.ts';
import { previewFilings } from '../impact-preview/preview-store.ts';
import { replayFilings } from '../impact-preview/replay-filings.ts';
import { DEFAULT_DECISIONS } from '../workers/count-employees.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '500' },
    employees: { type: 'string', default: '10' },
    runs: { type: 'string', default: '2' },
    threads: { type: 'string', default: String(defaultPreviewThreads()) },
  },
});
const [filingCount, employeeCount, runs, threads] = [values.filings, values.employees, values.runs, values.threads].map(Number) as [number, number, number, number];
if (![filingCount, employeeCount, runs, threads].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('bench:preview: --filings, --employees, --runs and --threads are positive integers');
  process.exit(2);
}

const YEAR = 2025;
const COUNTY = '330112'; // Lin'an, Hangzhou: minimum wage tier 1 (2490 from 2025-01)
const MONTHS = monthsOf(YEAR).map((m) => m.month);
const INSERT_BATCH = 250;

/**
 * Department answers for a filing as the verify-* jobs record them: certificates found at the declared grade,
 * insurance paid with the odd gap, and wages around each person's own level — some below the raised minimum.
 */
function evidenceFor(filing: Filing, seed: number): Record<string, object> {
  const rand = seededRandom(seed);
  const people = filing.employees.map((e, index) => ({ e, index, wage: 2300 + Math.floor(rand() * 40) * 100, gap: rand() < 0.1 ? MONTHS[Math.floor(rand() * 12)] : undefined }));
  const paid = (gap: string | undefined) => ({ paidMonths: MONTHS.filter((m) => m !== gap), unpaidMonths: gap ? [gap] : [] });
  return {
    registration: { registration: { registrar: 'samr', found: true, status: 'active', registeredName: filing.employer.name, nameMatches: true, findings: [] } },
    'dpf-certificates': {
      dpfCertificates: people
        .filter(({ e }) => e.certType === 'disability')
        .map(({ e, index }) => ({ index, found: true, nameMatches: true, idMatches: true, category: e.disabilityCategory ?? 4, grade: e.disabilityGrade, validFrom: '2020-01-01', validUntil: '2030-12-31', status: 'valid' })),
    },
    'veteran-certificates': { veteranCertificates: [] },
    pension: { pension: people.map(({ index, gap }) => ({ index, source: 'zhejiang', ...paid(gap) })) },
    medical: { medical: people.map(({ index, gap }) => ({ index, ...paid(gap) })) },
    // A thirteenth-month bonus in December, as payrolls have: the same person is not paid the same every month.
    wages: { wages: people.map(({ index, wage }) => ({ index, months: MONTHS.map((month) => ({ month, amount: month.endsWith('-12') ? wage * 2 : wage })) })) },
  };
}

/** The same ids on every run: the changed filings are listed by id, so equal answers have equal digests. */
function idOf(seed: number): string {
  const h = createHash('sha256').update(`bench-preview:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function seed(db: Db): Promise<void> {
  const usccs = new Set<string>();
  const rows: { id: string; filing: Filing; seed: number }[] = [];
  for (let s = 700_000; rows.length < filingCount; s++) {
    const filing = syntheticFiling(s, { year: YEAR, regionCode: COUNTY, employees: employeeCount });
    if (usccs.has(filing.employer.uscc)) continue; // one filing per unit and year
    usccs.add(filing.employer.uscc);
    filing.employer.averageStaffCount = 100 + (s % 400);
    filing.employees = filing.employees.map((e, i) => ({ ...e, disabilityGrade: 1 + ((s + i) % 4) }));
    rows.push({ id: idOf(s), filing, seed: s });
  }
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    await db.query(
      `insert into employers (uscc, name, region_code, unit_nature)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) on conflict (uscc) do nothing`,
      [batch.map((r) => r.filing.employer.uscc), batch.map((r) => r.filing.employer.name), batch.map(() => COUNTY), batch.map((r) => r.filing.employer.unitNature)],
    );
    await db.query(
      `insert into filings (id, year, channel, employer_uscc, receiving_region_code, handling_region_code, status, declaration, created_by)
       select id, $2, 'online', uscc, $3, $3, 'awaiting_confirmation', declaration, 'bench:preview'
         from unnest($1::uuid[], $4::text[], $5::jsonb[]) as t(id, uscc, declaration)`,
      [batch.map((r) => r.id), YEAR, COUNTY, batch.map((r) => r.filing.employer.uscc), batch.map((r) => JSON.stringify(r.filing))],
    );
    const evidence = batch.flatMap((r) => Object.entries(evidenceFor(r.filing, r.seed)).map(([source, facts]) => [r.id, source, JSON.stringify(facts)] as const));
    await db.query(
      `insert into review_evidence (filing_id, source, facts) select * from unnest($1::uuid[], $2::text[], $3::jsonb[])`,
      [evidence.map((e) => e[0]), evidence.map((e) => e[1]), evidence.map((e) => e[2])],
    );
    // The preview reads only that a review exists; its stored result is not replayed.
    await db.query(`insert into filing_reviews (filing_id, result, rules) select id, '{}', '{}' from unnest($1::uuid[]) as t(id)`, [batch.map((r) => r.id)]);
  }
}

async function decisionSets() {
  const read = (file: string) => readFile(path.join(projectRoot, 'processes', file), 'utf8');
  const [countingXml, levyXml] = await Promise.all([read('employee-counting.dmn'), read('levy-estimate.dmn')]);
  const [counting, levy] = await Promise.all([readDecisionModel(countingXml), readDecisionModel(levyXml)]);
  const before: ReviewDecisions = {
    counting: { model: counting, decisionId: DEFAULT_DECISIONS.counting },
    weight: { model: counting, decisionId: DEFAULT_DECISIONS.weight },
    levy: { model: levy, decisionId: DEFAULT_DECISIONS.levy },
  };
  const rule = /(<outputEntry id="minimum-wage-rule-1-out-1"><text>)2490(<\/text>)/;
  if (!rule.test(countingXml)) throw new Error('processes/employee-counting.dmn no longer has the 2490 tier-1 minimum wage this bench raises');
  const candidateXml = countingXml.replace(rule, '$12700$2');
  const candidate = await readDecisionModel(candidateXml);
  const sources: DecisionSources = {
    deployed: {
      counting: { xml: countingXml, decisionId: DEFAULT_DECISIONS.counting },
      weight: { xml: countingXml, decisionId: DEFAULT_DECISIONS.weight },
      levy: { xml: levyXml, decisionId: DEFAULT_DECISIONS.levy },
    },
    candidates: [candidateXml],
  };
  return { sets: { before, after: withCandidates(before, [candidate]) }, sources };
}

/** The batches as they come, adding the time spent waiting for each to `waited.ms`. */
async function* timed(batches: AsyncGenerator<PreviewFiling[]>, waited: { ms: number }): AsyncGenerator<PreviewFiling[]> {
  for (;;) {
    const asked = performance.now();
    const next = await batches.next();
    waited.ms += performance.now() - asked;
    if (next.done) return;
    yield next.value;
  }
}

/**
 * CPU seconds of each of this process's threads while `work` runs (Linux /proc; empty elsewhere), busiest first. On
 * a busy machine the wall time says little; the busiest thread's CPU is about what the preview takes on free cores.
 * Sampled every 100 ms, since worker threads are gone by the end: a thread's last 100 ms may be missed.
 */
async function threadCpuDuring<T>(work: () => Promise<T>): Promise<{ result: T; threadSeconds: number[] }> {
  const ticks = (): Map<string, number> => {
    const seen = new Map<string, number>();
    try {
      for (const tid of readdirSync('/proc/self/task')) {
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        seen.set(tid, Number(fields[11]) + Number(fields[12])); // utime + stime, fields 14 and 15 of stat
      }
    } catch {
      // no /proc, or a thread ended while being read: the next sample has it or not
    }
    return seen;
  };
  const start = ticks();
  const last = new Map(start);
  const sample = () => {
    for (const [tid, t] of ticks()) last.set(tid, t);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    const threadSeconds = [...last].map(([tid, t]) => (t - (start.get(tid) ?? 0)) / 100).filter((s) => s >= 0.05).sort((a, b) => b - a);
    return { result, threadSeconds };
  } finally {
    clearInterval(timer);
  }
}

const base = databaseUrlNamed(loadConfig().databaseUrl, `dpf_bench_preview_${process.pid}`);
await ensureDatabase(base);
const db = createPool(base);
try {
  await migrate(db);
  const seedStart = performance.now();
  await seed(db);
  const seededS = (performance.now() - seedStart) / 1000;

  const lines: [string, string][] = [
    ['machine', `${os.cpus().length} cores (${os.availableParallelism()} available), node ${process.version}; ${threads} worker thread${threads === 1 ? '' : 's'}`],
    ['setting', `${filingCount} reviewed filings of county ${COUNTY} × ${employeeCount} employees (${filingCount * employeeCount * 12} employee-months), seeded in ${seededS.toFixed(1)} s`],
  ];
  // Every run parses the DMN afresh, as each preview request does: nothing learnt in one run helps the next.
  for (let run = 1; run <= runs; run++) {
    const { sources } = await decisionSets();
    const reading = { ms: 0 };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { result: preview, threadSeconds } = await threadCpuDuring(() =>
      replayFilings(timed(previewFilings(db, { year: YEAR, regionCode: COUNTY, limit: filingCount }), reading), { sources, threads, timeoutMs: 3_600_000 }),
    );
    const totalS = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // The machine may be shared: this process's CPU time (all its threads) says what the preview costs when wall
    // time is inflated.
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const digest = createHash('sha256').update(JSON.stringify(preview)).digest('hex').slice(0, 16);
    lines.push([
      `run ${run}`,
      `${(preview.filings / totalS).toFixed(0)} filings/s, ${totalS.toFixed(2)} s (waiting for the database ${(reading.ms / 1000).toFixed(2)} s; ` +
        `${cpuS.toFixed(2)} s CPU in this process, busiest threads ${threadSeconds.slice(0, 4).map((t) => t.toFixed(1)).join(' + ')} s, load average ${os.loadavg()[0]!.toFixed(1)}); ` +
        `${preview.changed} of ${preview.filings} changed, levy ${preview.totals.levyPayableBefore.toFixed(2)} → ${preview.totals.levyPayableAfter.toFixed(2)}, digest ${digest}`,
    ]);
  }
  console.log(`bench:preview on ${new Date().toISOString()}`);
  for (const [label, value] of lines) console.log(`  ${label.padEnd(10)} ${value}`);
} finally {
  await db.end();
  await dropDatabase(base);
}
