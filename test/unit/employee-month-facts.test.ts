// The facts each employee-month is judged on: month arithmetic, age on the month's first day, and what the
// departments' answers say per month. No rule is applied here.
import { describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { ageMonthsAt, employeeFactSheets, monthsOf, wholeMonthsBetween, type DepartmentEvidence } from '../../review/employee-month-facts.ts';

describe('month arithmetic', () => {
  it('counts whole contract months with the end day included', () => {
    expect(wholeMonthsBetween('2025-01-01', '2025-12-31')).toBe(12);
    expect(wholeMonthsBetween('2025-01-01', '2025-12-30')).toBe(11);
    expect(wholeMonthsBetween('2025-03-15', '2026-03-14')).toBe(12);
    // A month after 31 January is 28 February (the shorter month's last day): through 27 February is one month.
    expect(wholeMonthsBetween('2025-01-31', '2025-02-26')).toBe(0);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-27')).toBe(1);
    expect(wholeMonthsBetween('2024-02-29', '2025-02-27')).toBe(12);
    expect(wholeMonthsBetween('2025-06-01', '2025-05-31')).toBe(0);
  });

  it('gives the age in months completed on the first day of the month', () => {
    const [jan, feb] = monthsOf(2025);
    expect(ageMonthsAt('1965-01-01', jan!)).toBe(720);
    expect(ageMonthsAt('1965-01-02', jan!)).toBe(719);
    expect(ageMonthsAt('1965-01-02', feb!)).toBe(720);
    expect(ageMonthsAt('2009-02-01', feb!)).toBe(192);
  });

  it('knows each month of the year with its first and last day', () => {
    const months = monthsOf(2024);
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ month: '2024-02', key: 202402, first: '2024-02-01', last: '2024-02-29' });
  });
});

describe('employee-month facts', () => {
  const filing = syntheticFiling(42, { employees: 3, regionCode: '330106' });
  const [a, b] = filing.employees;
  filing.employees[2] = { ...a!, name: a!.name }; // the same person declared again
  filing.employees[1] = { ...b!, employedFrom: '2025-03-15', employedTo: '2025-10-01', contractStart: '2025-03-15', contractEnd: undefined };
  const evidence: DepartmentEvidence = {
    dpfCertificates: [
      { index: 0, found: true, nameMatches: true, idMatches: true, category: 4, grade: 2, validFrom: '2020-01-01', validUntil: '2025-06-15', status: 'valid' },
      { index: 1, found: true, nameMatches: false, idMatches: true, category: 4, grade: 3, validFrom: '2020-01-01', validUntil: '2030-01-01', status: 'revoked' },
      { index: 2, found: false, nameMatches: null, idMatches: null, category: null, grade: null, validFrom: null, validUntil: null, status: null },
    ],
    veteranCertificates: [],
    pension: [{ index: 0, source: 'zhejiang', paidMonths: ['2025-01', '2025-03'], unpaidMonths: ['2025-02'] }],
    medical: [{ index: 0, source: 'zhejiang', paidMonths: ['2025-01'], unpaidMonths: [] } as never],
    wages: [{ index: 0, months: [{ month: '2025-01', amount: 2490 }] }],
  };
  const sheets = employeeFactSheets(filing, evidence);

  it('marks the months another filing already counts of a dispatched person, and only those', () => {
    const claimed = employeeFactSheets(filing, { ...evidence, claimedElsewhere: [{ index: 1, months: ['2025-04', '2025-05'] }] });
    expect(claimed[1]!.months.filter((m) => m.facts.claimedElsewhereInMonth).map((m) => m.month)).toEqual(['2025-04', '2025-05']);
    expect(claimed[0]!.months.some((m) => m.facts.claimedElsewhereInMonth)).toBe(false);
    expect(sheets.flatMap((s) => s.months).some((m) => m.facts.claimedElsewhereInMonth)).toBe(false);
  });

  it('reads each department per month, absent months as not paid', () => {
    const months = sheets[0]!.months.map((m) => m.facts);
    expect(months.map((m) => m.pensionPaid).slice(0, 4)).toEqual([true, false, true, false]);
    expect(months.map((m) => m.medicalPaid).slice(0, 2)).toEqual([true, false]);
    expect(months.map((m) => m.monthlyWage).slice(0, 2)).toEqual([2490, null]);
    expect(months.map((m) => m.certValidInMonth)).toEqual([true, true, true, true, true, true, false, false, false, false, false, false]);
    expect(months[0]).toMatchObject({ certFound: true, certMatches: true, certGrade: 2, regionCode: '330106', cityCode: '330100', monthKey: 202501, duplicate: false });
  });

  it('takes part months as months worked, an open-ended contract as no length, a revoked certificate as invalid', () => {
    const months = sheets[1]!.months.map((m) => m.facts);
    expect(months.map((m) => m.employedInMonth)).toEqual([false, false, true, true, true, true, true, true, true, true, false, false]);
    expect(months.map((m) => m.contractInMonth)).toEqual([false, false, true, true, true, true, true, true, true, true, true, true]);
    expect(months[5]).toMatchObject({ contractLengthMonths: null, certMatches: false, certValidInMonth: false });
  });

  it('marks the second entry of a person declared twice, and a certificate not found', () => {
    expect(sheets[2]!.months[0]!.facts).toMatchObject({ duplicate: true, certFound: false, certMatches: null, certValidInMonth: null, certGrade: null });
  });
});
