// The fault suite (`npm run chaos`, and its reduced run in `npm test`): a stack of its own (chaos-stack.ts), a
// fault-free phase, then one phase per fault (chaos-faults.ts), each with its share of the filings submitted by
// their employers while the fault happens. Every filing must reach `awaiting_confirmation` (its automatic result:
// the synthetic declarations have no findings that stop the review) — and every fifth, whose employer confirms the
// result as soon as it is told, `certified` with its certificate — nothing may exist twice (ledger.ts), and no part
// may die of a fault it was not the target of. Answers the table and whether the run is clean.
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { startChaosStack, type ChaosStack } from './chaos-stack.ts';
import { confirmResult, file, signIn } from './chaos-client.ts';
import { FAULTS, type Fault, type FaultContext } from './chaos-faults.ts';
import { DOUBLE_KINDS, readLedger, type DoubleKind, type FilingLedger } from './ledger.ts';

const CLIENTS = 4;
/** Every CONFIRMING-th filing of a phase is confirmed by its employer: certified, with a certificate. */
const CONFIRMING = 5;

/** The state a filing's answers lead to: its automatic result, or certified once its employer confirmed it. */
export function expectedStatus(indexInPhase: number): 'awaiting_confirmation' | 'certified' {
  return indexInPhase % CONFIRMING === CONFIRMING - 1 ? 'certified' : 'awaiting_confirmation';
}
/** A phase stops waiting for its filings once none has reached its result for this long after the fault. */
const STALL_MS = 30_000;

export interface PhaseRow {
  phase: string;
  what: string;
  filings: number;
  lost: number;
  /** Where the lost ones stopped: status → count ("not filed" when never accepted). */
  lostAt: Record<string, number>;
  doubled: Partial<Record<DoubleKind, number>>;
  /** From the fault's end until the phase's last filing had its result; undefined without a fault. */
  recoverS: number | undefined;
  /** The phase's filings reaching their result per second, from its first submission to its last result. */
  perSecond: number;
  incidentsLeft: number;
  deaths: string[];
  error: string | undefined;
}

export interface ChaosReport {
  rows: PhaseRow[];
  clean: boolean;
  table: string;
}

interface PhaseRun {
  fault: Fault | undefined;
  filings: Filing[];
  filed: Set<string>;
  started: number;
  faultEnded: number;
  ended: number;
  incidentsLeft: number;
  error: string | undefined;
  /** Queries each department answered during the phase. */
  served: Record<string, number>;
  /** Filings whose department checks the operator had run again. */
  rerun: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The statuses of the phase's filings by employer, or undefined while PostgreSQL is down. */
async function statuses(stack: ChaosStack, usccs: string[]): Promise<Map<string, { id: string; status: string }> | undefined> {
  try {
    const { rows } = await stack.appDb.query<{ uscc: string; id: string; status: string }>(
      'select employer_uscc as uscc, id, status from filings where employer_uscc = any($1)',
      [usccs],
    );
    return new Map(rows.map((r) => [r.uscc, r]));
  } catch {
    return undefined;
  }
}

async function openIncidents(stack: ChaosStack): Promise<number> {
  try {
    const { rows } = await stack.engineDb.query<{ n: string }>('select count(*) as n from act_ru_incident');
    return Number(rows[0]!.n);
  } catch {
    return -1;
  }
}

async function runPhase(ctx: FaultContext, fault: Fault | undefined, filings: Filing[]): Promise<PhaseRun> {
  const { stack } = ctx;
  const started = Date.now();
  const servedBefore = stack.simulators.faults.servedCounts();
  let rerun = 0;
  const filed = new Set<string>();
  let next = 0;
  let done = 0;
  const submitDeadline = started + 240_000;
  const usccs = filings.map((f) => f.employer.uscc);
  // How many have reached their expected state; meanwhile, the confirming employers confirm what they were told.
  const confirmed = new Set<string>();
  const reached = async (confirm: boolean): Promise<number | undefined> => {
    const now = await statuses(stack, usccs);
    if (!now) return undefined;
    let count = 0;
    for (const [i, uscc] of usccs.entries()) {
      const filing = now.get(uscc);
      if (filing?.status === expectedStatus(i)) count++;
      else if (filing?.status === 'awaiting_confirmation' && !confirmed.has(uscc) && confirm) {
        if (await confirmResult(stack.base, uscc, filing.id)) confirmed.add(uscc);
      }
    }
    return count;
  };
  let confirming = true;
  const confirmer = (async () => {
    while (confirming) {
      await reached(true);
      await sleep(1_000);
    }
  })();
  const submitting = Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < filings.length) {
        const filing = filings[next++]!;
        if (await file(stack.base, filing, submitDeadline)) filed.add(filing.employer.uscc);
        done++;
      }
    }),
  );
  // The fault strikes once a third of the phase's filings are in, the rest filed while it lasts.
  while (done < filings.length / 3) await sleep(50);
  let error: string | undefined;
  if (fault) {
    ctx.log(`  fault: ${fault.what}`);
    await fault.inject(ctx).catch((e: unknown) => {
      error = e instanceof Error ? e.message : String(e);
      ctx.log(`  the fault could not be run as planned: ${error}`);
    });
  }
  const faultEnded = Date.now();
  await submitting;
  let results = 0;
  for (let lastProgress = Date.now(); ; ) {
    const now = await reached(false);
    if (now !== undefined && now > results) [results, lastProgress] = [now, Date.now()];
    if (results >= filings.length || Date.now() - lastProgress > STALL_MS) break;
    if (fault?.operate) rerun += await fault.operate(ctx).catch(() => 0);
    await sleep(1_000);
  }
  confirming = false;
  await confirmer;
  const served = Object.fromEntries(Object.entries(stack.simulators.faults.servedCounts()).map(([d, n]) => [d, n - (servedBefore[d] ?? 0)]));
  return { fault, filings, filed, started, faultEnded, ended: Date.now(), incidentsLeft: await openIncidents(stack), error, served, rerun };
}

/**
 * Department queries beyond one per filing and check: each department's answers per filing in the fault-free
 * phase are what one review asks; a filing whose checks the operator ran again asks every department but the
 * registrar and the garbled one once more.
 */
function extraQueries(run: PhaseRun, perFiling: Record<string, number>): number {
  let extra = 0;
  for (const [department, rate] of Object.entries(perFiling)) {
    const rerunHere = department !== 'registration' && department !== run.fault?.department ? run.rerun : 0;
    extra += Math.max(0, (run.served[department] ?? 0) - Math.round(rate * (run.filings.length + rerunHere)));
  }
  return extra;
}

function phaseRow(run: PhaseRun, ledger: Map<string, FilingLedger>, stack: ChaosStack, perFiling: Record<string, number>): PhaseRow {
  const mine = run.filings.map((f, i) => ({ expected: expectedStatus(i), entry: ledger.get(f.employer.uscc) }));
  const lostAt: Record<string, number> = {};
  let lastResult = run.started;
  const doubled: Partial<Record<DoubleKind, number>> = {};
  let reached = 0;
  for (const { expected, entry } of mine) {
    const at = entry?.reachedAt[expected];
    if (at !== undefined) lastResult = Math.max(lastResult, at);
    if (entry?.status === expected) reached++;
    else {
      const where = entry ? entry.status : 'not filed';
      lostAt[where] = (lostAt[where] ?? 0) + 1;
    }
    for (const [kind, extra] of Object.entries(entry?.doubled ?? {}) as [DoubleKind, number][]) doubled[kind] = (doubled[kind] ?? 0) + extra;
  }
  const queries = extraQueries(run, perFiling);
  if (queries > 0) doubled['department queries'] = queries;
  return {
    phase: run.fault?.name ?? 'fault-free',
    what: run.fault?.what ?? 'no fault: the same stack, the same load',
    filings: run.filings.length,
    lost: run.filings.length - reached,
    lostAt,
    doubled,
    recoverS: run.fault ? Math.max(0, lastResult - run.faultEnded) / 1000 : undefined,
    perSecond: reached / Math.max(0.001, (lastResult - run.started) / 1000),
    incidentsLeft: run.incidentsLeft,
    deaths: stack.unexpectedExits.filter((d) => d.at >= run.started && d.at <= run.ended).map((d) => `${d.part} (${d.how})`),
    error: run.error,
  };
}

export function formatTable(rows: PhaseRow[]): string {
  const header = ['phase', 'filings', 'lost', 'doubled', 'recover s', 'filings/s', 'incidents left', 'died unexpectedly'];
  const body = rows.map((r) => [
    r.phase,
    String(r.filings),
    r.lost ? `${r.lost} (${Object.entries(r.lostAt).map(([s, n]) => `${n} ${s}`).join(', ')})` : '0',
    Object.keys(r.doubled).length ? Object.entries(r.doubled).map(([k, n]) => `${n} ${k}`).join(', ') : '0',
    r.recoverS === undefined ? '—' : r.recoverS.toFixed(1),
    r.perSecond.toFixed(2),
    r.incidentsLeft < 0 ? '?' : String(r.incidentsLeft),
    r.deaths.length ? r.deaths.join(', ') : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const legend = rows.map((r) => `  ${r.phase}: ${r.what}${r.error ? ` — NOT RUN AS PLANNED: ${r.error}` : ''}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', ...legend, `  doubled counts: ${DOUBLE_KINDS.join(', ')}`].join('\n');
}

export interface ChaosOptions {
  filings: number;
  log?: (line: string) => void;
  /** Employees per filing. */
  employees?: number;
}

export async function runChaos({ filings: total, log = console.log, employees = 2 }: ChaosOptions): Promise<ChaosReport> {
  const phases: (Fault | undefined)[] = [undefined, ...FAULTS];
  const perPhase = Math.max(1, Math.floor(total / phases.length));
  const all = Array.from({ length: perPhase * phases.length }, (_, i) => syntheticFiling(700_000 + i, { employees, regionCode: '330106', year: 2025 }));
  const stack = await startChaosStack(log);
  let clean = false;
  try {
    let operator: string | undefined;
    const ctx: FaultContext = {
      stack,
      log,
      async operator() {
        operator ??= await signIn(stack.base, { role: 'operator' }, Date.now() + 60_000);
        return operator;
      },
    };
    const runs: PhaseRun[] = [];
    for (const [i, fault] of phases.entries()) {
      log(`phase ${i + 1}/${phases.length}: ${fault?.name ?? 'fault-free'} — ${perPhase} filings`);
      runs.push(await runPhase(ctx, fault, all.slice(i * perPhase, (i + 1) * perPhase)));
      operator = undefined; // a new session per phase: a fault may have ended the last one
    }
    const ledger = new Map((await readLedger(stack.appDb, stack.engineDb, all.map((f) => f.employer.uscc))).map((e) => [e.uscc, e]));
    const baseline = runs[0]!;
    const perFiling = Object.fromEntries(Object.entries(baseline.served).map(([d, n]) => [d, n / baseline.filings.length]));
    const rows = runs.map((run) => phaseRow(run, ledger, stack, perFiling));
    clean = rows.every((r) => r.lost === 0 && Object.keys(r.doubled).length === 0 && r.deaths.length === 0 && !r.error);
    return { rows, clean, table: formatTable(rows) };
  } finally {
    if (!clean) log(`logs of the stack's parts kept in ${stack.logDir}`);
    await stack.stop(!clean);
  }
}
