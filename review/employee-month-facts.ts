// The facts each employee-month is judged on: what the declaration and the departments' answers say, with no
// rule applied. Every judgement (what counts, at what weight, which age, which wage) is in the deployed DMN.
import type { Employee, Filing } from '../filings/declaration/filing.ts';
import { birthDateOf, isMale } from '../domain/identifiers/id-number.ts';
import { cityCodeOf } from '../domain/regions.ts';
import { daysInMonth, nextDay } from '../platform/china-date.ts';
import type { ClaimedElsewhere } from './dispatch-claims.ts';
import type { DisabilityCertificateFacts, MedicalFacts, PensionFacts, VeteranCertificateFacts, WageFacts } from './department-facts.ts';

/** The departments' answers about one filing, as the verify-* jobs recorded them. */
export interface DepartmentEvidence {
  dpfCertificates: DisabilityCertificateFacts[];
  veteranCertificates: VeteranCertificateFacts[];
  pension: PensionFacts[];
  medical: MedicalFacts[];
  wages: WageFacts[];
  /**
   * The months of a dispatched employee another filing of the year already counts (review/dispatch-claims.ts), by
   * index; absent or empty when none. Not a department's answer: count-employees reads it from the claims.
   */
  claimedElsewhere?: ClaimedElsewhere[];
}

/** The variables of the person-level decisions (certificate weight, retirement age). */
export interface EmployeeFacts {
  certType: string;
  /** The grade the register holds (not the declared one); null when the certificate was not found. */
  certGrade: number | null;
  sex: 'male' | 'female';
  birthYear: number;
  birthMonth: number;
  employmentType: string;
  /** 岗位类别 as declared, `other` when not declared: `management_technical` | `other`. */
  postType: string;
}

/** The variables of the `employee-month` decision (and of the decisions it requires). */
export interface EmployeeMonthFacts extends EmployeeFacts {
  duplicate: boolean;
  employedInMonth: boolean;
  certFound: boolean;
  certMatches: boolean | null;
  certValidInMonth: boolean | null;
  /** Whole months of age completed on the month's first day. */
  ageMonths: number;
  contractInMonth: boolean;
  /** Whole months from the contract's start to its end; null for an open-ended contract or none. */
  contractLengthMonths: number | null;
  /** Yuan paid in the month; null when the withholding data has no payment that month. */
  monthlyWage: number | null;
  pensionPaid: boolean;
  medicalPaid: boolean;
  dispatchCountedHere: boolean;
  /** Another filing of the year (the agency's or a host's) already counts this dispatched person this month. */
  claimedElsewhereInMonth: boolean;
  /** The employer's county and city: the minimum wage is the one where the work is done. */
  regionCode: string;
  cityCode: string;
  /** YYYYMM, e.g. 202503 */
  monthKey: number;
}

export interface EmployeeFactSheet {
  index: number;
  person: EmployeeFacts;
  months: { month: string; facts: EmployeeMonthFacts }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export interface CalendarMonth {
  month: string; // YYYY-MM
  key: number; // YYYYMM
  first: string; // YYYY-MM-DD
  last: string;
}

export function monthsOf(year: number): CalendarMonth[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    return { month: `${year}-${pad(m)}`, key: year * 100 + m, first: `${year}-${pad(m)}-01`, last: `${year}-${pad(m)}-${pad(daysInMonth(year, m))}` };
  });
}

/** Whether [from, to] (ISO dates, `to` open when absent) shares a day with the month. */
function overlaps(month: CalendarMonth, from: string | undefined | null, to: string | undefined | null): boolean {
  if (!from) return false;
  return from <= month.last && (to === undefined || to === null || to >= month.first);
}

/** The same day n months later, or that month's last day when it is shorter (31 Jan + 1 month = 28/29 Feb). */
function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const [ty, tm] = [Math.floor(index / 12), (index % 12) + 1];
  return `${ty}-${pad(tm)}-${pad(Math.min(d, daysInMonth(ty, tm)))}`;
}

const MAX_CONTRACT_MONTHS = 1200;

/** Whole months a contract runs, its end day included: 2025-01-01 … 2025-12-31 is 12, … 2025-12-30 is 11. */
export function wholeMonthsBetween(start: string, end: string): number {
  const dayAfterEnd = nextDay(end);
  let months = 0;
  while (months < MAX_CONTRACT_MONTHS && addMonths(start, months + 1) <= dayAfterEnd) months += 1;
  return months;
}

/** Months of age completed on the first day of a month. */
export function ageMonthsAt(birthDate: string, month: CalendarMonth): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m] = [Math.floor(month.key / 100), month.key % 100];
  return (y - by) * 12 + (m - bm) - (bd > 1 ? 1 : 0);
}

interface CertificateFacts {
  found: boolean;
  matches: boolean | null;
  grade: number | null;
  validFrom: string | null;
  validUntil: string | null;
  revoked: boolean;
}

function certificateOf(employee: Employee, index: number, evidence: DepartmentEvidence): CertificateFacts {
  if (employee.certType === 'disability') {
    const f = evidence.dpfCertificates.find((c) => c.index === index);
    if (!f || !f.found) return { found: false, matches: null, grade: null, validFrom: null, validUntil: null, revoked: false };
    return { found: true, matches: f.nameMatches === true && f.idMatches === true, grade: f.grade, validFrom: f.validFrom, validUntil: f.validUntil, revoked: f.status === 'revoked' };
  }
  const f = evidence.veteranCertificates.find((c) => c.index === index);
  if (!f || !f.found) return { found: false, matches: null, grade: null, validFrom: null, validUntil: null, revoked: false };
  return {
    found: true,
    matches: f.nameMatches === true && f.idMatches === true && f.kindMatches === true,
    grade: f.grade,
    validFrom: f.validFrom,
    validUntil: f.validUntil,
    revoked: false,
  };
}

/** The facts of every declared employee and every month of the review year. */
export function employeeFactSheets(filing: Filing, evidence: DepartmentEvidence): EmployeeFactSheet[] {
  const months = monthsOf(filing.year);
  const firstIndexOf = new Map<string, number>();
  const regionCode = filing.employer.regionCode;
  const cityCode = cityCodeOf(regionCode);
  return filing.employees.map((employee, index) => {
    const personKey = employee.idNumber.toUpperCase();
    if (!firstIndexOf.has(personKey)) firstIndexOf.set(personKey, index);
    const duplicate = firstIndexOf.get(personKey) !== index;
    const birthDate = birthDateOf(employee.idNumber);
    const person: EmployeeFacts = {
      certType: employee.certType,
      certGrade: null,
      sex: isMale(employee.idNumber) ? 'male' : 'female',
      birthYear: Number(birthDate.slice(0, 4)),
      birthMonth: Number(birthDate.slice(5, 7)),
      employmentType: employee.employmentType,
      postType: employee.postType ?? 'other',
    };
    const cert = certificateOf(employee, index, evidence);
    person.certGrade = cert.grade;
    const paid = (list: { index: number; paidMonths: string[] }[]) => new Set(list.find((p) => p.index === index)?.paidMonths ?? []);
    const pensionMonths = paid(evidence.pension);
    const medicalMonths = paid(evidence.medical);
    const heldElsewhere = new Set(evidence.claimedElsewhere?.find((c) => c.index === index)?.months ?? []);
    const wageByMonth = new Map((evidence.wages.find((w) => w.index === index)?.months ?? []).map((w) => [w.month, w.amount]));
    const hasContract = Boolean(employee.contractStart);
    const contractLengthMonths = hasContract && employee.contractEnd ? wholeMonthsBetween(employee.contractStart!, employee.contractEnd) : null;
    return {
      index,
      person,
      months: months.map((month) => ({
        month: month.month,
        // The person's facts written out, not spread: `{ ...person, more }` made this object 7× slower to build
        // (measured with npm run bench:preview), and a season's preview builds a quarter of a million of them.
        facts: {
          certType: person.certType,
          certGrade: person.certGrade,
          sex: person.sex,
          birthYear: person.birthYear,
          birthMonth: person.birthMonth,
          employmentType: person.employmentType,
          postType: person.postType,
          duplicate,
          employedInMonth: overlaps(month, employee.employedFrom, employee.employedTo),
          certFound: cert.found,
          certMatches: cert.matches,
          certValidInMonth: cert.found ? !cert.revoked && overlaps(month, cert.validFrom, cert.validUntil) : null,
          ageMonths: ageMonthsAt(birthDate, month),
          contractInMonth: hasContract && overlaps(month, employee.contractStart, employee.contractEnd ?? null),
          contractLengthMonths,
          monthlyWage: wageByMonth.get(month.month) ?? null,
          pensionPaid: pensionMonths.has(month.month),
          medicalPaid: medicalMonths.has(month.month),
          dispatchCountedHere: employee.dispatchCountedHere === true,
          claimedElsewhereInMonth: heldElsewhere.has(month.month),
          regionCode,
          cityCode,
          monthKey: month.key,
        },
      })),
    };
  });
}
