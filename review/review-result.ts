// What the automatic review concludes about a filing (docs/contracts.md §1 `review`, without personal numbers: the
// API adds each employee's masked ID number from the declaration by `index`).

/** Per employee-month reasons (docs/contracts.md §2), in the order they are listed to the employer. */
export const MONTH_REASON_CODES = [
  'DUPLICATE_EMPLOYEE', 'NOT_EMPLOYED', 'CERT_NOT_FOUND', 'CERT_MISMATCH', 'CERT_EXPIRED', 'CERT_NOT_COUNTED',
  'AGE_OUT_OF_RANGE', 'NO_CONTRACT', 'CONTRACT_TOO_SHORT', 'WAGE_NOT_FOUND', 'WAGE_BELOW_MINIMUM',
  'PENSION_NOT_PAID', 'MEDICAL_NOT_PAID', 'DISPATCH_COUNTED_ELSEWHERE',
] as const;
export type MonthReasonCode = (typeof MONTH_REASON_CODES)[number];

export const EMPLOYER_FINDING_CODES = ['EMPLOYER_NOT_FOUND', 'EMPLOYER_DEREGISTERED', 'EMPLOYER_ABNORMAL', 'EMPLOYER_NATURE_MISMATCH'] as const;
export type EmployerFindingCode = (typeof EMPLOYER_FINDING_CODES)[number];

export interface MonthResult {
  /** YYYY-MM */
  month: string;
  counted: boolean;
  reasons: MonthReasonCode[];
}

/** What a reviewer may decide about a disputed employee (附件1 §四(二)): count, count some months, or not count. */
export const MANUAL_DECISIONS = ['count', 'months', 'not_count'] as const;
export type ManualDecisionKind = (typeof MANUAL_DECISIONS)[number];

/** The reviewer's decision as the count applied it. */
export interface ManualReviewApplied {
  decision: ManualDecisionKind;
  /** The months (YYYY-MM) the decision counts: `count` → the declared employment's months, `not_count` → none. */
  months: string[];
  reason: string;
  reviewer: string;
  decidedAt: string;
}

/** The automatic review's own judgement of an employee whose result a reviewer replaced: kept to be shown. */
export interface AutomaticEmployeeResult {
  counted: boolean;
  weight: number;
  countedMonths: number;
  contribution: number;
  months: MonthResult[];
  reasons: MonthReasonCode[];
}

export interface EmployeeResult {
  /** Position in the declared `employees`. */
  index: number;
  /** Whether any month counted. */
  counted: boolean;
  /** What one counted month of this person is worth (certificate kind and grade); 0 when policy does not count it. */
  weight: number;
  countedMonths: number;
  /** weight × counted months ÷ 12, to two decimals. */
  contribution: number;
  months: MonthResult[];
  /** The union of the months' reasons. */
  reasons: MonthReasonCode[];
  /** Present when a reviewer's decision replaced the automatic result; `automatic` then keeps that result. */
  manualReview?: ManualReviewApplied;
  automatic?: AutomaticEmployeeResult;
}

export interface EmployerFinding {
  code: EmployerFindingCode;
  /** The department that said so (samr, civil, org), or null when the USCC names none. */
  source: string | null;
}

export interface LevyEstimate {
  /** Shortfall × wage base, in yuan, before any reduction. */
  base: number;
  /** The share of `base` waived (0.5 → half is paid). */
  reductionRate: number;
  payable: number;
  exempt: boolean;
  /** min(average annual wage, cap) */
  wageBase: number;
  wageBaseCap: number;
  quotaRatio: number;
  /** certified ÷ average staff count */
  actualRatio: number;
  /**
   * The average social wage the cap rests on is a provisional figure (`average-social-wage` output `provisional`:
   * no published figure was found for the city and year), so the estimate says 社会平均工资为暂定值.
   */
  provisional: boolean;
}

export interface ReviewResult {
  year: number;
  /**
   * The staff number the quota was taken of: the declared average with dispatched workers moved to the unit their
   * agreement counts them in (review/dispatch-staff.ts). Absent in results stored before it was kept.
   */
  quotaStaffCount?: number;
  certifiedCount: number;
  requiredCount: number;
  shortfall: number;
  levyEstimate: LevyEstimate;
  employerFindings: EmployerFinding[];
  employees: EmployeeResult[];
}

/** One deployed decision a filing was judged under. */
export interface DecisionVersion {
  key: string;
  id: string;
  version: number;
}

export interface RuleVersions {
  counting: DecisionVersion;
  weight: DecisionVersion;
  levy: DecisionVersion;
}
