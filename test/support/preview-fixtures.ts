// Small decision tables standing in for the shipped DMN in the unit tests that judge filings (the policy preview,
// manual review), so every figure can be worked out by hand: grade 1–2 weighs 2, 3–4 weighs 1; a month counts when
// employed, the certificate is held and the wage is at least the minimum; quota 1.5 %, cap 200 000. And the filings
// those tables judge.
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import type { PreviewFiling } from '../../impact-preview/impact-preview.ts';
import { monthsOf, type DepartmentEvidence } from '../../review/employee-month-facts.ts';
import { decisionTable } from './dmn-fixtures.ts';

const YEAR = 2025;

export const minimumWageTable = (amount: number | string) =>
  decisionTable({ id: 'min-wage', inputs: [{ expr: 'regionCode' }], outputs: [{ name: 'minimumWage', typeRef: 'integer' }], rules: [[['-'], [String(amount)]]] });

/** A month's reasons not to count; `extraRules` add rows after the four every test has. */
export const countingTable = (extraRules: [string[], string[]][] = []) =>
  decisionTable({
    id: 'counting',
    hitPolicy: 'COLLECT',
    requires: ['min-wage'],
    inputs: [
      { expr: 'employedInMonth', typeRef: 'boolean' },
      { expr: 'certFound', typeRef: 'boolean' },
      { expr: 'monthlyWage', typeRef: 'double' },
    ],
    outputs: [{ name: 'reason' }],
    rules: [
      [['false', '-', '-'], ['"NOT_EMPLOYED"']],
      [['true', 'false', '-'], ['"CERT_NOT_FOUND"']],
      [['true', '-', 'null'], ['"WAGE_NOT_FOUND"']],
      [['true', '-', '< minimumWage'], ['"WAGE_BELOW_MINIMUM"']],
      ...extraRules,
    ],
  });

export const weightTable = decisionTable({
  id: 'weight',
  hitPolicy: 'FIRST',
  inputs: [{ expr: 'certGrade', typeRef: 'integer' }],
  outputs: [{ name: 'weight', typeRef: 'integer' }],
  rules: [
    [['[1..2]'], ['2']],
    [['[3..4]'], ['1']],
    [['-'], ['0']],
  ],
});

export const levyTable = (reductionRate = '0') =>
  decisionTable({
    id: 'levy',
    inputs: [{ expr: 'year', typeRef: 'integer' }],
    outputs: [
      { name: 'quotaRatio', typeRef: 'double' },
      { name: 'reductionRate', typeRef: 'double' },
      { name: 'wageBaseCap', typeRef: 'double' },
      { name: 'exempt', typeRef: 'boolean' },
      { name: 'requiredCountRounded', typeRef: 'boolean' },
    ],
    rules: [[['-'], ['0.015', reductionRate, '200000', 'false', 'true']]],
  });

/**
 * A filing of 200 staff at 100 000 a year whose people (grade 2, certificate held) earn the given monthly wage all
 * year (2025 unless `year` says otherwise).
 */
export function previewFiling(seed: number, regionCode: string, wages: number[], year = YEAR): PreviewFiling {
  const ALL = monthsOf(year).map((m) => m.month);
  const declaration = syntheticFiling(seed, { year, regionCode, employees: wages.length });
  declaration.employer = { ...declaration.employer, averageStaffCount: 200, averageAnnualWage: 100_000 };
  declaration.employees = declaration.employees.map((e) => ({ ...e, certType: 'disability', disabilityGrade: 2, employedFrom: `${year}-01-01`, employedTo: `${year}-12-31` }));
  const evidence: DepartmentEvidence = {
    dpfCertificates: wages.map((_w, index) => ({ index, found: true, nameMatches: true, idMatches: true, grade: 2, validFrom: '2020-01-01', validUntil: '2030-12-31', category: 4, status: 'valid' as const })),
    veteranCertificates: [],
    pension: wages.map((_w, index) => ({ index, source: 'zhejiang' as const, paidMonths: ALL, unpaidMonths: [] })),
    medical: wages.map((_w, index) => ({ index, source: 'zhejiang' as const, paidMonths: ALL, unpaidMonths: [] }) as never),
    wages: wages.map((amount, index) => ({ index, months: ALL.map((month) => ({ month, amount })) })) as never,
  };
  return { id: `filing-${seed}`, employerName: declaration.employer.name, regionCode, declaration, evidence, registration: undefined, manualDecisions: new Map() };
}
