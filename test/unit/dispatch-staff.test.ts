// The quota's staff number with dispatched workers moved to the unit their agreement counts them in
// (review/dispatch-staff.ts, docs/review.md §Dispatch).
import { describe, expect, it } from 'vitest';
import type { Employee, Filing } from '../../filings/declaration/filing.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { quotaStaffWithDispatch } from '../../review/dispatch-staff.ts';
import type { EmployeeResult, MonthReasonCode } from '../../review/review-result.ts';

const AGENCY = '91330106MA2B3C4D5E';
const base = syntheticFiling(7, { employees: 3, regionCode: '330106', year: 2025 });

function filing(staff: number, employees: Partial<Employee>[]): Filing {
  return { ...base, employer: { ...base.employer, averageStaffCount: staff }, employees: employees.map((e, i) => ({ ...base.employees[i % 3]!, ...e })) };
}

/** A result whose first `counted` months count, the next `elsewhere` carry DISPATCH_COUNTED_ELSEWHERE. */
function result(index: number, counted: number, elsewhere = 0, other: MonthReasonCode[] = []): EmployeeResult {
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = `2025-${String(i + 1).padStart(2, '0')}`;
    if (i < counted) return { month, counted: true, reasons: [] };
    if (i < counted + elsewhere) return { month, counted: false, reasons: ['DISPATCH_COUNTED_ELSEWHERE' as const] };
    return { month, counted: false, reasons: other };
  });
  return { index, counted: counted > 0, weight: 1, countedMonths: counted, contribution: Math.round((counted * 100) / 12) / 100, months, reasons: [] };
}

describe('the staff number for the quota', () => {
  it('adds the months a host counts a dispatched worker, ÷ 12 after summing', () => {
    const host = filing(300, [
      { employmentType: 'dispatch', dispatchAgencyUscc: AGENCY, dispatchCountedHere: true },
      { employmentType: 'dispatch', dispatchAgencyUscc: AGENCY, dispatchCountedHere: true },
      { employmentType: 'contract' },
    ]);
    expect(quotaStaffWithDispatch(host, [result(0, 12), result(1, 0), result(2, 12)])).toBe(301);
    // 5 + 3 = 8 months: 8/12 = 0.67, not 0.42 + 0.25 rounded apart
    expect(quotaStaffWithDispatch(host, [result(0, 5), result(1, 3), result(2, 12)])).toBe(300.67);
  });

  it('takes out at the agency the months counted elsewhere, not months missed for other reasons', () => {
    const agency = filing(500, [
      { employmentType: 'dispatch', dispatchAgencyUscc: base.employer.uscc, dispatchCountedHere: false },
      { employmentType: 'dispatch', dispatchAgencyUscc: base.employer.uscc, dispatchCountedHere: true },
    ]);
    expect(quotaStaffWithDispatch(agency, [result(0, 0, 12), result(1, 12)])).toBe(499);
    expect(quotaStaffWithDispatch(agency, [result(0, 0, 6, ['NOT_EMPLOYED']), result(1, 0, 0, ['PENSION_NOT_PAID'])])).toBe(499.5);
  });

  it('moves nothing for a dispatched worker who names no agency, nor for other employees', () => {
    const legacy = filing(120, [{ employmentType: 'dispatch', dispatchCountedHere: true }, { employmentType: 'contract' }]);
    expect(quotaStaffWithDispatch(legacy, [result(0, 12), result(1, 12)])).toBe(120);
  });
});
