// The automatic review's judgement of one filing: every employee-month through the deployed `employee-month`
// decision, each person's weight through `certificate-weight`, the quota and levy through `levy-policy`; then a
// reviewer's decision, where there is one, replaces an employee's months (manual review after a dispute).
// Only arithmetic the national rules fix in shape (sums, ÷ 12, two decimals) is done here; every number and
// condition that policy sets comes from the decisions.
import type { Filing } from '../filings/declaration/filing.ts';
import { unitNaturesAllowedFor } from '../domain/identifiers/uscc.ts';
import { cityCodeOf } from '../domain/regions.ts';
import type { DecisionModel } from '../dmn-evaluator/decision-model.ts';
import { evaluateDecision } from '../dmn-evaluator/evaluate-decision.ts';
import type { FeelContext, FeelValue } from '../dmn-evaluator/feel-value.ts';
import type { RegistrationCheck } from './department-facts.ts';
import { quotaStaffWithDispatch } from './dispatch-staff.ts';
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

/**
 * A decision answered something this review cannot use: the rules, not the filing, need fixing. The message names
 * the decision, its rule and output — never a value: a value comes from a person's facts (a wage, a grade), and
 * the message reaches logs, incidents and the policy preview's answer.
 */
export class RuleOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleOutcomeError';
  }
}

/** What the review reads of a decision's output: a reason code of docs/contracts.md §2, a number or a boolean. */
export type OutputShape = 'reason' | 'number' | 'boolean';

/**
 * The outputs the review reads of each decision it evaluates, with their shape (`*`: every output). The lint rule
 * deployment/policy/decision-output-shape.ts refuses a file whose outputs cannot have this shape; the judgement below
 * fails on a value of another shape.
 */
export const DECISION_OUTPUTS: Record<keyof ReviewDecisions, Record<string, OutputShape>> = {
  counting: { '*': 'reason' },
  weight: { weight: 'number' },
  levy: { exempt: 'boolean', reductionRate: 'number', quotaRatio: 'number', wageBaseCap: 'number', requiredCountRounded: 'boolean' },
};

const SHAPE_TEXT: Record<OutputShape, string> = { reason: '约定的不计入原因代码', number: '数值', boolean: '布尔值（true/false）' };

/**
 * The rules of `d` that matched these variables, found by evaluating once more with a match listener: only when an
 * output is wrong, so the remembered results of the usual path stay as they are. A literal expression has no rule.
 */
function matchedRules(d: LoadedDecision, variables: FeelContext): string[] {
  const matched: string[] = [];
  try {
    evaluateDecision(d.model, d.decisionId, variables, (decisionId, ruleIds) => {
      if (decisionId === d.decisionId) matched.push(...ruleIds);
    });
  } catch {
    // It evaluated a moment ago; should it not now, the error names the decision alone.
  }
  const logic = d.model.decisions.get(d.decisionId)?.logic;
  return logic?.kind === 'table' && logic.hitPolicy === 'FIRST' ? matched.slice(0, 1) : matched;
}

/** The error for an output of the wrong shape: decision, rule(s) and output named, the value never. */
function wrongShape(d: LoadedDecision, variables: FeelContext, output: string, shape: OutputShape): RuleOutcomeError {
  const rules = matchedRules(d, variables);
  const where = rules.length ? `规则 ${rules.join('、')} ` : d.model.decisions.get(d.decisionId)?.logic.kind === 'literal' ? '字面表达式' : '';
  return new RuleOutcomeError(`决策 ${d.decisionId} ${where}的输出 ${output} 不是${SHAPE_TEXT[shape]}`);
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
  const variables = person as unknown as FeelContext;
  const out = single(decisions.weight, variables);
  const weight = out?.weight ?? null;
  // No rule, or null: the certificate does not count. Anything but a number: the rules are wrong.
  if (weight !== null && (typeof weight !== 'number' || !Number.isFinite(weight))) throw wrongShape(decisions.weight, variables, 'weight', 'number');
  return weight ?? 0;
}

function judgeAutomatically(sheet: EmployeeFactSheet, decisions: ReviewDecisions): AutomaticEmployeeResult {
  const weight = weightOf(decisions, sheet.person);
  const months = sheet.months.map(({ month, facts }): MonthResult => {
    const variables = facts as unknown as FeelContext;
    const result = evaluate(decisions.counting, variables);
    const reasons = new Set<MonthReasonCode>();
    for (const entry of result) {
      for (const [output, value] of Object.entries(entry)) {
        if (!isReason(value)) throw wrongShape(decisions.counting, variables, output, 'reason');
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

/**
 * A dispatched person's month that counts in the other unit (by the agreement, or held by the other unit's filing):
 * no reviewer's decision reaches it, `count` or a list of months — counting it here would count the person twice
 * (财税〔2015〕72号 art. 8). A wrong agreement side is corrected in the declaration, not by the reviewer.
 */
const COUNTED_ELSEWHERE: MonthReasonCode = 'DISPATCH_COUNTED_ELSEWHERE';

/** The months a reviewer's decision counts, given what the automatic review found month by month. */
function monthsDecided(manual: ManualDecision, automatic: AutomaticEmployeeResult): Set<string> {
  const elsewhere = new Set(automatic.months.filter((m) => m.reasons.includes(COUNTED_ELSEWHERE)).map((m) => m.month));
  switch (manual.decision) {
    case 'count':
      return new Set(automatic.months.filter((m) => !m.reasons.some((r) => OUTSIDE_EMPLOYMENT.includes(r) || r === COUNTED_ELSEWHERE)).map((m) => m.month));
    case 'months':
      return new Set(manual.countedMonths.filter((month) => !elsewhere.has(month)));
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


/**
 * The staff number the quota is taken of: the declared average, with dispatched workers moved to the unit their
 * agreement counts them in (review/dispatch-staff.ts). May carry hundredths.
 */
function quotaStaffCount(filing: Filing, employees: readonly EmployeeResult[]): number {
  return quotaStaffWithDispatch(filing, employees);
}

/** n ÷ d rounded half up, for n ≥ 0 and d > 0. */
const divideRounded = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

const PERSON_E8 = 100_000_000n; // counts in hundred-millionths of a person: staff (hundredths) × ratio (millionths)
const HUNDREDTHS_E8 = 1_000_000n; // one hundredth of a person in those units

/**
 * The quota and the levy estimate (财税〔2015〕72号 art. 8): (staff × ratio − certified) × wage base, then the reduction.
 * Exact: staff in hundredths, the ratio in millionths, the certified count in hundredths and the wage in fen are
 * integers, their products BigInts, and the one rounding is the payable's fen (half up). The required count is
 * taken unrounded unless `levy-policy` says `requiredCountRounded` (switch `required-count-rounded`); the result
 * shows required count and shortfall to two decimals. The tier is judged on the ratio `tier-ratio` picks: the
 * certified count's (`actualRatio`) or the unrounded Σ weight × months ÷ 12's (`exactRatio`) — each one integer
 * division, so a ratio of exactly 1 % is the same double as the table's 0.01.
 */
function levyEstimate(
  filing: Filing,
  staff: number,
  weightedMonths: number,
  certifiedHundredths: number,
  decisions: ReviewDecisions,
): { levy: Omit<LevyEstimate, 'provisional'>; requiredHundredths: number; shortfallHundredths: number } {
  const { averageAnnualWage, unitNature, regionCode } = filing.employer;
  const staffHundredths = Math.round(staff * 100);
  // An agency whose only staff is a worker counted at the host has no staff left for the quota: no ratio, nothing owed.
  const actualRatio = staffHundredths === 0 ? 0 : certifiedHundredths / staffHundredths;
  const exactRatio = staffHundredths === 0 ? 0 : (weightedMonths * 100) / (12 * staffHundredths);
  const variables = { year: filing.year, unitNature, averageStaffCount: staff, actualRatio, exactRatio, cityCode: cityCodeOf(regionCode) };
  const out = single(decisions.levy, variables);
  const id = decisions.levy.decisionId;
  if (!out) throw new RuleOutcomeError(`决策 ${id} 没有命中任何规则`);
  const numberOr = (output: string, what: string): number => {
    const value = out[output] ?? null;
    if (value === null) throw new RuleOutcomeError(`决策 ${id} 没有给出${what}（输出 ${output}；请检查该年度、地区是否已配置）`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongShape(decisions.levy, variables, output, 'number');
    return value;
  };
  const booleanOr = (output: string, absent: boolean): boolean => {
    const value = out[output] ?? null;
    if (value !== null && typeof value !== 'boolean') throw wrongShape(decisions.levy, variables, output, 'boolean');
    return value ?? absent;
  };
  const quotaRatio = numberOr('quotaRatio', '安排比例');
  const reductionRate = numberOr('reductionRate', '减征比例');
  const wageBaseCap = numberOr('wageBaseCap', '工资基数上限');
  const exempt = booleanOr('exempt', false);
  // Rule versions from before the switch have no such output; they rounded, and a filing they judged keeps that.
  const requiredCountRounded = booleanOr('requiredCountRounded', true);

  const requiredExact = BigInt(staffHundredths) * BigInt(Math.round(quotaRatio * 1e6));
  const required = requiredCountRounded ? divideRounded(requiredExact, HUNDREDTHS_E8) * HUNDREDTHS_E8 : requiredExact;
  const certified = BigInt(certifiedHundredths) * HUNDREDTHS_E8;
  const shortfall = required > certified ? required - certified : 0n;
  const wageBase = Math.min(averageAnnualWage, wageBaseCap);
  const wageFen = BigInt(Math.round(wageBase * 100));
  const paidPermille = exempt ? 0n : BigInt(1000 - Math.round(reductionRate * 1000));
  const baseFen = divideRounded(shortfall * wageFen, PERSON_E8);
  const payableFen = divideRounded(shortfall * wageFen * paidPermille, PERSON_E8 * 1000n);
  return {
    levy: {
      base: Number(baseFen) / 100,
      reductionRate,
      payable: Number(payableFen) / 100,
      exempt,
      wageBase,
      wageBaseCap,
      quotaRatio,
      actualRatio: Math.round(actualRatio * 1e6) / 1e6,
    },
    requiredHundredths: Number(divideRounded(required, HUNDREDTHS_E8)),
    shortfallHundredths: Number(divideRounded(shortfall, HUNDREDTHS_E8)),
  };
}

/** The decision the levy decision requires for the local average social wage; its `provisional` marks a figure not yet published. */
const AVERAGE_SOCIAL_WAGE = 'average-social-wage';

/**
 * Whether the average social wage behind the levy's cap is provisional: `average-social-wage` evaluated on its own
 * (the levy decision answers only its own outputs). A levy decision that does not require it has no such figure.
 */
function averageWageProvisional(filing: Filing, decisions: ReviewDecisions): boolean {
  const { model, decisionId } = decisions.levy;
  if (!model.decisions.get(decisionId)?.requires.includes(AVERAGE_SOCIAL_WAGE)) return false;
  const wage: LoadedDecision = { model, decisionId: AVERAGE_SOCIAL_WAGE };
  const variables = { year: filing.year, cityCode: cityCodeOf(filing.employer.regionCode) };
  const value = single(wage, variables)?.provisional ?? null;
  if (value !== null && typeof value !== 'boolean') throw wrongShape(wage, variables, 'provisional', 'boolean');
  return value === true;
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
  const staff = quotaStaffCount(filing, employees);
  const { levy, requiredHundredths, shortfallHundredths } = levyEstimate(filing, staff, weightedMonths, certifiedHundredths, decisions);
  return {
    year: filing.year,
    quotaStaffCount: staff,
    certifiedCount: fromHundredths(certifiedHundredths),
    requiredCount: fromHundredths(requiredHundredths),
    shortfall: fromHundredths(shortfallHundredths),
    levyEstimate: { ...levy, provisional: averageWageProvisional(filing, decisions) },
    employerFindings: employerFindings(filing, registration),
    employees,
  };
}
