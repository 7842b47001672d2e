// The policy impact preview, pure: each filing judged twice from its stored evidence — by the deployed decisions
// and by the candidate ones — and the difference summed up (totals, per county, the employee-months that flip).
// Nothing here reads or writes a database; preview-store.ts loads the filings, preview-routes.ts answers.
import type { Filing } from '../filings/declaration/filing.ts';
import type { Decision, DecisionModel } from '../dmn-evaluator/decision-model.ts';
import type { RegistrationCheck } from '../review/department-facts.ts';
import { employeeFactSheets, type DepartmentEvidence, type EmployeeFactSheet } from '../review/employee-month-facts.ts';
import { judgeFiling, type LoadedDecision, type ReviewDecisions } from '../review/judge-filing.ts';
import type { ManualDecision } from '../review/manual-review-store.ts';
import type { MonthReasonCode, ReviewResult } from '../review/review-result.ts';

/** A stored filing with what the departments said about it: everything a review needs. */
export interface PreviewFiling {
  id: string;
  employerName: string;
  /** The handling (employer's) county. */
  regionCode: string;
  declaration: Filing;
  evidence: DepartmentEvidence;
  registration: RegistrationCheck | undefined;
  manualDecisions: ReadonlyMap<number, ManualDecision>;
}

export interface DecisionSets {
  /** What a fresh review would use now: the latest deployed decisions. */
  before: ReviewDecisions;
  /** The same with the candidate files' decisions in place. */
  after: ReviewDecisions;
}

export interface MonthJudgement {
  counted: boolean;
  reasons: MonthReasonCode[];
}

export interface MonthFlip {
  employeeIndex: number;
  /** YYYY-MM */
  month: string;
  before: MonthJudgement;
  after: MonthJudgement;
}

export interface FilingChange {
  filingId: string;
  employerName: string;
  /** The unit's USCC (registration data, not a person's number): how staff find the filing. */
  employerUscc: string;
  regionCode: string;
  certifiedBefore: number;
  certifiedAfter: number;
  levyBefore: number;
  levyAfter: number;
  flips: MonthFlip[];
  /** More months flipped than `flips` lists. */
  flipsTruncated: boolean;
}

export interface CountyImpact {
  regionCode: string;
  filings: number;
  changed: number;
  certifiedDelta: number;
  levyDelta: number;
}

export interface ImpactPreview {
  filings: number;
  changed: number;
  totals: { certifiedCountBefore: number; certifiedCountAfter: number; levyPayableBefore: number; levyPayableAfter: number };
  byCounty: CountyImpact[];
  changes: FilingChange[];
  /** More filings changed than `changes` lists. */
  changesTruncated: boolean;
}

export const MAX_FLIPS_PER_FILING = 50;
export const MAX_CHANGES = 500;

/** A decision set could not judge a filing: the deployed rules (`before`) or the candidate ones (`after`). */
export class PreviewJudgementError extends Error {
  constructor(
    readonly side: 'before' | 'after',
    readonly filingId: string,
    override readonly cause: Error,
  ) {
    super(`申报 ${filingId}：${side === 'after' ? '拟部署的规则' : '当前部署的规则'}无法完成认定：${cause.message}`);
    this.name = 'PreviewJudgementError';
  }
}

/**
 * The deployed decisions with every decision of the candidate files in place of the deployed decision of the same
 * id — the decision a review calls, or one it requires (a changed `minimum-wage` reaches `employee-month`).
 * Decisions the candidates do not name stay as deployed.
 */
export function withCandidates(deployed: ReviewDecisions, candidates: readonly DecisionModel[]): ReviewDecisions {
  const replacing = new Map<string, Decision>();
  for (const model of candidates) for (const [id, decision] of model.decisions) replacing.set(id, decision);
  const swap = (d: LoadedDecision): LoadedDecision => {
    // A candidate file holding the decision itself brings its whole DRG; otherwise the deployed one is kept.
    const base = candidates.find((m) => m.decisions.has(d.decisionId)) ?? d.model;
    const decisions = new Map(base.decisions);
    for (const [id, decision] of replacing) if (decisions.has(id)) decisions.set(id, decision);
    return { model: { ...base, decisions }, decisionId: d.decisionId };
  };
  return { counting: swap(deployed.counting), weight: swap(deployed.weight), levy: swap(deployed.levy) };
}

/** Ids of the decisions a review evaluates, with every decision they require. */
export function decisionsInUse(decisions: ReviewDecisions): Set<string> {
  const used = new Set<string>();
  const visit = (model: DecisionModel, id: string) => {
    if (used.has(id)) return;
    used.add(id);
    for (const required of model.decisions.get(id)?.requires ?? []) visit(model, required);
  };
  for (const d of [decisions.counting, decisions.weight, decisions.levy]) visit(d.model, d.decisionId);
  return used;
}

function judged(side: 'before' | 'after', filing: PreviewFiling, decisions: ReviewDecisions, sheets: readonly EmployeeFactSheet[]): ReviewResult {
  try {
    return judgeFiling(filing.declaration, filing.evidence, filing.registration, decisions, filing.manualDecisions, sheets);
  } catch (error) {
    throw new PreviewJudgementError(side, filing.id, error instanceof Error ? error : new Error(String(error)));
  }
}

function factSheetsOf(side: 'before' | 'after', filing: PreviewFiling): EmployeeFactSheet[] {
  try {
    return employeeFactSheets(filing.declaration, filing.evidence);
  } catch (error) {
    throw new PreviewJudgementError(side, filing.id, error instanceof Error ? error : new Error(String(error)));
  }
}

const sameReasons = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r, i) => r === b[i]);

/** Employee-months judged differently: counted or not, or for other reasons. */
function monthFlips(before: ReviewResult, after: ReviewResult): MonthFlip[] {
  const flips: MonthFlip[] = [];
  const afterByIndex = new Map(after.employees.map((e) => [e.index, e]));
  for (const employee of before.employees) {
    const monthsAfter = new Map((afterByIndex.get(employee.index)?.months ?? []).map((m) => [m.month, m]));
    for (const m of employee.months) {
      const a = monthsAfter.get(m.month);
      if (!a || (a.counted === m.counted && sameReasons(a.reasons, m.reasons))) continue;
      flips.push({
        employeeIndex: employee.index,
        month: m.month,
        before: { counted: m.counted, reasons: m.reasons },
        after: { counted: a.counted, reasons: a.reasons },
      });
    }
  }
  return flips;
}

// Sums in hundredths (certified counts, yuan to the fen), so hundreds of filings add up exactly.
const hundredths = (n: number) => Math.round(n * 100);

/**
 * One filing judged both ways, all the tally needs of it: plain data, so a worker thread can judge it and the main
 * thread add it up in the filings' order (preview-pool.ts).
 */
export interface FilingOutcome {
  regionCode: string;
  /** Certified count before and after, in hundredths. */
  certified: [number, number];
  /** Levy payable before and after, in fen. */
  levy: [number, number];
  /** What the preview lists of the filing; null when nothing about it changed. */
  change: FilingChange | null;
}

/** Judges a filing by both decision sets; throws PreviewJudgementError naming the side that could not. */
export function judgeOutcome(filing: PreviewFiling, sets: DecisionSets): FilingOutcome {
  // The facts are the same for both sides: worked out once (a fifth of the work of a judgement).
  const sheets = factSheetsOf('before', filing);
  const before = judged('before', filing, sets.before, sheets);
  const after = judged('after', filing, sets.after, sheets);
  const certified: [number, number] = [hundredths(before.certifiedCount), hundredths(after.certifiedCount)];
  const levy: [number, number] = [hundredths(before.levyEstimate.payable), hundredths(after.levyEstimate.payable)];
  const flips = monthFlips(before, after);
  const isChanged = certified[0] !== certified[1] || levy[0] !== levy[1] || flips.length > 0;
  return {
    regionCode: filing.regionCode,
    certified,
    levy,
    change: isChanged
      ? {
          filingId: filing.id,
          employerName: filing.employerName,
          employerUscc: filing.declaration.employer.uscc,
          regionCode: filing.regionCode,
          certifiedBefore: before.certifiedCount,
          certifiedAfter: after.certifiedCount,
          levyBefore: before.levyEstimate.payable,
          levyAfter: after.levyEstimate.payable,
          flips: flips.slice(0, MAX_FLIPS_PER_FILING),
          flipsTruncated: flips.length > MAX_FLIPS_PER_FILING,
        }
      : null,
  };
}

/** Filings judged in order, up to the first that could not be (then `failure`, and nothing after it). */
export interface JudgedFilings {
  outcomes: FilingOutcome[];
  failure?: PreviewJudgementError;
}

/** Judges filings in order, stopping at the first that cannot be judged: the error a one-by-one tally would meet. */
export function judgeFilings(filings: Iterable<PreviewFiling>, sets: DecisionSets): JudgedFilings {
  const outcomes: FilingOutcome[] = [];
  for (const filing of filings) {
    try {
      outcomes.push(judgeOutcome(filing, sets));
    } catch (error) {
      if (error instanceof PreviewJudgementError) return { outcomes, failure: error };
      throw error;
    }
  }
  return { outcomes };
}

interface CountyTally {
  filings: number;
  changed: number;
  certifiedDelta: number;
  levyDelta: number;
}

/**
 * Adds filings one at a time, keeping only the sums and the first changes: a season fits in memory. The outcomes
 * must come in the filings' order — the first MAX_CHANGES changes are the ones listed.
 */
export class ImpactTally {
  private filings = 0;
  private changed = 0;
  private certifiedBefore = 0;
  private certifiedAfter = 0;
  private levyBefore = 0;
  private levyAfter = 0;
  private readonly counties = new Map<string, CountyTally>();
  private readonly changes: FilingChange[] = [];
  private changesTruncated = false;

  /** `sets` judge the filings given to add(); record() takes filings judged elsewhere. */
  constructor(private readonly sets?: DecisionSets) {}

  add(filing: PreviewFiling): void {
    if (!this.sets) throw new Error('ImpactTally.add needs the decision sets');
    this.record(judgeOutcome(filing, this.sets));
  }

  record(outcome: FilingOutcome): void {
    const { certified, levy, change } = outcome;
    this.filings += 1;
    this.certifiedBefore += certified[0];
    this.certifiedAfter += certified[1];
    this.levyBefore += levy[0];
    this.levyAfter += levy[1];
    const county = this.counties.get(outcome.regionCode) ?? { filings: 0, changed: 0, certifiedDelta: 0, levyDelta: 0 };
    county.filings += 1;
    county.certifiedDelta += certified[1] - certified[0];
    county.levyDelta += levy[1] - levy[0];
    this.counties.set(outcome.regionCode, county);
    if (!change) return;

    this.changed += 1;
    county.changed += 1;
    if (this.changes.length >= MAX_CHANGES) {
      this.changesTruncated = true;
      return;
    }
    this.changes.push(change);
  }

  result(): ImpactPreview {
    return {
      filings: this.filings,
      changed: this.changed,
      totals: {
        certifiedCountBefore: this.certifiedBefore / 100,
        certifiedCountAfter: this.certifiedAfter / 100,
        levyPayableBefore: this.levyBefore / 100,
        levyPayableAfter: this.levyAfter / 100,
      },
      byCounty: [...this.counties]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([regionCode, c]) => ({ regionCode, filings: c.filings, changed: c.changed, certifiedDelta: c.certifiedDelta / 100, levyDelta: c.levyDelta / 100 })),
      changes: this.changes,
      changesTruncated: this.changesTruncated,
    };
  }
}

/** The whole preview of a set of filings already in memory. */
export function previewImpact(filings: Iterable<PreviewFiling>, sets: DecisionSets): ImpactPreview {
  const tally = new ImpactTally(sets);
  for (const filing of filings) tally.add(filing);
  return tally.result();
}
