// What each department's check found about a filing, as the workers record it and the review judges it: no
// personal numbers, each employee by position in the declaration.
import type { Registrar, RegistrationStatus } from '../connectors/registration/schema.ts';
import type { CertificateStatus } from '../connectors/dpf/schema.ts';
import type { CertificateKind } from '../connectors/veterans/schema.ts';
import type { PensionSource } from '../connectors/hrss/schema.ts';
import type { PaidMonths } from '../connectors/person-month-query/months.ts';

export type RegistrationFindingCode = 'EMPLOYER_NOT_FOUND' | 'EMPLOYER_DEREGISTERED' | 'EMPLOYER_ABNORMAL';

export interface RegistrationFinding {
  code: RegistrationFindingCode;
  /** The registrar that answered; null when the USCC names no registrar we can ask. */
  source: Registrar | null;
}

export interface RegistrationCheck {
  registrar: Registrar | null;
  found: boolean;
  status: RegistrationStatus | null;
  registeredName: string | null;
  /** Null when there is no registered name to compare with. */
  nameMatches: boolean | null;
  findings: RegistrationFinding[];
}

/** What the register says about one declared employee; every field but index and found is null when not found. */
export interface DisabilityCertificateFacts {
  /** Position in the declaration's `employees`. */
  index: number;
  found: boolean;
  nameMatches: boolean | null;
  idMatches: boolean | null;
  category: number | null;
  grade: number | null;
  validFrom: string | null;
  validUntil: string | null;
  status: CertificateStatus | null;
}

/** What the department says about one declared employee; every field but index and found is null when not found. */
export interface VeteranCertificateFacts {
  /** Position in the declaration's `employees`. */
  index: number;
  found: boolean;
  nameMatches: boolean | null;
  idMatches: boolean | null;
  /** The register's kind equals the declared certType (a police certificate declared as a veteran one is not). */
  kindMatches: boolean | null;
  kind: CertificateKind | null;
  grade: number | null;
  validFrom: string | null;
  validUntil: string | null;
}

/** What HRSS says about one declared employee; no personal numbers, keyed by position in the declaration. */
export interface PensionFacts extends PaidMonths {
  index: number;
  /** Which interface answered for this employee. */
  source: PensionSource;
}

/** What medical security says about one declared employee; no personal numbers, keyed by position in the declaration. */
export interface MedicalFacts extends PaidMonths {
  index: number;
}

export interface MonthWage {
  /** YYYY-MM */
  month: string;
  /** Yuan paid in that month: the sum of that month's payments. */
  amount: number;
}

/** What the withholding data says about one declared employee; no personal numbers, keyed by position in the declaration. */
export interface WageFacts {
  index: number;
  /** Sorted by month; a month without any payment is absent. */
  months: MonthWage[];
}
