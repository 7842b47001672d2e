// The automatic review's judgement of one filing: every employee-month through the deployed `employee-month`
// decision, each person's weight through `certificate-weight`, the quota and levy through `levy-policy`; then a
// reviewer's decision, where there is one, replaces an employee's months (manual review after a dispute).
// Only arithmetic the national rules fix in shape (sums, ÷ 12, two decimals) is done here; every number and
// condition that policy sets comes from the decisions.
import type { Filing } from '../domain/filing/filing.ts';
import { unitNaturesAllowedFor } from '../domain/identifiers/uscc.ts';
import { cityCodeOf } from '../domain/regions.ts';
import type { DecisionModel } from '../decisions/decision-model.ts';
import { evaluateDecision } from '../decisions/evaluate-decision.ts';
import type { FeelContext, FeelValue } from '../decisions/feel-expression.ts';
import type { RegistrationCheck } from '../workers/check-registration.ts';
import { employeeFactSheets, type DepartmentEvidence, type EmployeeFactSheet } from './employee-month-facts.ts';
import type { ManualDecision } from './manual-review-store.ts';
import {
  MONTH_REASON_CODES,
  type AutomaticEmployeeResult,
  type EmployeeResult,
  type EmployerFinding,
  type LevyEstimate,
  type MonthReasonCode,
  type MonthResult,
  type ReviewResult,
} from './review-result.ts';

/** A deployed decision ready to evaluate: the model of its DMN file and the decision's id in it. */
export interface LoadedDecision {
  model: DecisionModel;
  decisionId: string;
}

export interface ReviewDecisions {
  counting: LoadedDecision;
  weight: LoadedDecision;
  levy: LoadedDecision;
}

/** A decision answered something this review cannot use: the rules, not the filing, need fixing. */
export class RuleOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleOutcomeError';
  }
}

const evaluate = (d: LoadedDecision, variables: FeelContext) => evaluateDecision(d.model, d.decisionId, variables);

function single(d: LoadedDecision, variables: FeelContext): Record<string, FeelValue> | undefined {
  const result = evaluate(d, variables);
  return result[0];
}

const isReason = (value: FeelValue): value is MonthReasonCode => typeof value === 'string' && (MONTH_REASON_CODES as readonly string[]).includes(value);
const byListOrder = (a: MonthReasonCode, b: MonthReasonCode) => MONTH_REASON_CODES.indexOf(a) - MONTH_REASON_CODES.indexOf(b);

/** To two decimals, from hundredths (integers, so 1/12 + … adds up exactly). */
const fromHundredths = (h: number) => h / 100;

function weightOf(decisions: ReviewDecisions, person: EmployeeFactSheet['person']): number {
  const out = single(decisions.weight, person as unknown as FeelContext);
  return typeof out?.weight === 'number' ? out.weight : 0;
}

function judgeAutomatically(sheet: EmployeeFactSheet, decisions: ReviewDecisions): AutomaticEmployeeResult {
  const weight = weightOf(decisions, sheet.person);
  const months = sheet.months.map(({ month, facts }): MonthResult => {
    const result = evaluate(decisions.counting, facts as unknown as FeelContext);
    const reasons = new Set<MonthReasonCode>();
    for (const entry of result) {
      for (const value of Object.values(entry)) {
        if (!isReason(value)) throw new RuleOutcomeError(`决策 ${decisions.counting.decisionId} 给出了未定义的不计入原因：${JSON.stringify(value)}`);
        reasons.add(value);
      }
    }
    const sorted = [...reasons].sort(byListOrder);
    return { month, counted: sorted.length === 0 && weight > 0, reasons: sorted };
  });
  return summarise(weight, months);
}

function summarise(weight: number, months: MonthResult[]): AutomaticEmployeeResult {
  const countedMonths = months.filter((m) => m.counted).length;
  return {
    counted: countedMonths > 0,
    weight,
    countedMonths,
    contribution: fromHundredths(Math.round((weight * countedMonths * 100) / 12)),
    months,
    reasons: [...new Set(months.flatMap((m) => m.reasons))].sort(byListOrder),
  };
}

/** Months outside the declared employment, or a second entry of one person: no reviewer's `count` reaches them. */
const OUTSIDE_EMPLOYMENT: readonly MonthReasonCode[] = ['NOT_EMPLOYED', 'DUPLICATE_EMPLOYEE'];

/** The months a reviewer's decision counts, given what the automatic review found month by month. */
function monthsDecided(manual: ManualDecision, automatic: AutomaticEmployeeResult): Set<string> {
  switch (manual.decision) {
    case 'count':
      return new Set(automatic.months.filter((m) => !m.reasons.some((r) => OUTSIDE_EMPLOYMENT.includes(r))).map((m) => m.month));
    case 'months':
      return new Set(manual.countedMonths);
    case 'not_count':
      return new Set();
  }
}

/**
 * An employee's result with the reviewer's decision in place of the automatic one: the decided months count, with
 * no reasons; the others do not, keeping the automatic reasons. The weight stays the automatic one (policy, not the
 * reviewer, says what a certificate is worth) — except that a certificate the register did not hold has weight 0
 * only for want of a grade, so a decision to count it takes the declared kind and grade through the same decision.
 */
function applyManualDecision(
  sheet: EmployeeFactSheet,
  declaredGrade: number | undefined,
  automatic: AutomaticEmployeeResult,
  manual: ManualDecision,
  decisions: ReviewDecisions,
): Omit<EmployeeResult, 'index'> {
  const decided = monthsDecided(manual, automatic);
  const registerHadNoGrade = automatic.weight === 0 && sheet.person.certGrade === null && declaredGrade !== undefined;
  const weight = registerHadNoGrade && decided.size > 0 ? weightOf(decisions, { ...sheet.person, certGrade: declaredGrade }) : automatic.weight;
  const months = automatic.months.map((m): MonthResult => (decided.has(m.month) && weight > 0 ? { month: m.month, counted: true, reasons: [] } : { ...m, counted: false }));
  return {
    ...summarise(weight, months),
    manualReview: {
      decision: manual.decision,
      months: automatic.months.map((m) => m.month).filter((month) => decided.has(month)),
      reason: manual.reason,
      reviewer: manual.reviewer,
      decidedAt: manual.decidedAt,
    },
    automatic,
  };
}

function judgeEmployees(
  filing: Filing,
  sheets: readonly EmployeeFactSheet[],
  decisions: ReviewDecisions,
  manualDecisions: ReadonlyMap<number, ManualDecision>,
): { employees: EmployeeResult[]; weightedMonths: number } {
  let weightedMonths = 0;
  const employees = sheets.map((sheet): EmployeeResult => {
    const automatic = judgeAutomatically(sheet, decisions);
    const manual = manualDecisions.get(sheet.index);
    const judged = manual ? applyManualDecision(sheet, filing.employees[sheet.index]?.disabilityGrade, automatic, manual, decisions) : automatic;
    weightedMonths += judged.weight * judged.countedMonths;
    return { index: sheet.index, ...judged };
  });
  return { employees, weightedMonths };
}

function employerFindings(filing: Filing, registration: RegistrationCheck | undefined): EmployerFinding[] {
  const findings: EmployerFinding[] = (registration?.findings ?? []).map((f) => ({ code: f.code, source: f.source }));
  const { uscc, unitNature } = filing.employer;
  if (!unitNaturesAllowedFor(uscc).includes(unitNature)) findings.push({ code: 'EMPLOYER_NATURE_MISMATCH', source: registration?.registrar ?? null });
  return findings;
}

const numberOr = (value: FeelValue | undefined, what: string, decisionId: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RuleOutcomeError(`决策 ${decisionId} 没有给出${what}（请检查该年度、地区是否已配置）`);
  return value;
};

function levyEstimate(filing: Filing, certifiedHundredths: number, decisions: ReviewDecisions): { levy: LevyEstimate; requiredHundredths: number; shortfallHundredths: number } {
  const { averageStaffCount: staff, averageAnnualWage, unitNature, regionCode } = filing.employer;
  const actualRatio = certifiedHundredths / (staff * 100);
  const out = single(decisions.levy, { year: filing.year, unitNature, averageStaffCount: staff, actualRatio, cityCode: cityCodeOf(regionCode) });
  const id = decisions.levy.decisionId;
  if (!out) throw new RuleOutcomeError(`决策 ${id} 没有命中任何规则`);
  const quotaRatio = numberOr(out.quotaRatio, '安排比例', id);
  const reductionRate = numberOr(out.reductionRate, '减征比例', id);
  const wageBaseCap = numberOr(out.wageBaseCap, '工资基数上限', id);
  const exempt = out.exempt === true;

  const requiredHundredths = Math.round((staff * Math.round(quotaRatio * 1e6)) / 1e4);
  const shortfallHundredths = Math.max(0, requiredHundredths - certifiedHundredths);
  const wageBase = Math.min(averageAnnualWage, wageBaseCap);
  const baseFen = Math.round((shortfallHundredths * Math.round(wageBase * 100)) / 100);
  const payableFen = exempt ? 0 : Math.round((baseFen * (1000 - Math.round(reductionRate * 1000))) / 1000);
  return {
    levy: {
      base: baseFen / 100,
      reductionRate,
      payable: payableFen / 100,
      exempt,
      wageBase,
      wageBaseCap,
      quotaRatio,
      actualRatio: Math.round(actualRatio * 1e6) / 1e6,
    },
    requiredHundredths,
    shortfallHundredths,
  };
}

export function judgeFiling(
  filing: Filing,
  evidence: DepartmentEvidence,
  registration: RegistrationCheck | undefined,
  decisions: ReviewDecisions,
  /** The reviewers' decisions in force, by employee index (review/manual-review-store.ts). */
  manualDecisions: ReadonlyMap<number, ManualDecision> = new Map(),
  /** The facts of `filing` and `evidence`, when the caller already has them (a preview judges a filing twice). */
  sheets: readonly EmployeeFactSheet[] = employeeFactSheets(filing, evidence),
): ReviewResult {
  const { employees, weightedMonths } = judgeEmployees(filing, sheets, decisions, manualDecisions);
  // Σ weights of counted months ÷ 12, to two decimals: 100/12 never ends in a half, so rounding is unambiguous.
  const certifiedHundredths = Math.round((weightedMonths * 100) / 12);
  const { levy, requiredHundredths, shortfallHundredths } = levyEstimate(filing, certifiedHundredths, decisions);
  return {
    year: filing.year,
    certifiedCount: fromHundredths(certifiedHundredths),
    requiredCount: fromHundredths(requiredHundredths),
    shortfall: fromHundredths(shortfallHundredths),
    levyEstimate: levy,
    employerFindings: employerFindings(filing, registration),
    employees,
  };
}
