// The staff number the quota is taken of, with dispatched workers moved to the unit their agreement counts them in
// (财税〔2015〕72号 art. 8: the person counts in the count AND the staff number of one side, never both). Read of
// the declaration (docs/review.md §Dispatch): a host's declared average staff does not include the agency's workers,
// and an agency's includes every worker it dispatches. So
//   at a host (a dispatched employee whose agency is another unit): each month the review counts the person here
//   adds 1/12 to the staff number;
//   at the agency (a dispatched employee whose agency is this unit): each month the person is not counted here
//   because they count elsewhere (DISPATCH_COUNTED_ELSEWHERE: the agreement names the host, or the host's filing
//   counted the month first) takes 1/12 off.
// A dispatched employee who names no agency (declarations before the field existed) moves nothing.
import type { Filing } from '../filings/declaration/filing.ts';
import type { EmployeeResult } from './review-result.ts';

/** Months moved into (positive) or out of (negative) this filing's staff number by dispatch, over all employees. */
export function dispatchStaffMonths(filing: Filing, employees: readonly EmployeeResult[]): number {
  let months = 0;
  for (const result of employees) {
    const employee = filing.employees[result.index];
    if (employee?.employmentType !== 'dispatch' || !employee.dispatchAgencyUscc) continue;
    if (employee.dispatchAgencyUscc !== filing.employer.uscc) months += result.countedMonths;
    else months -= result.months.filter((m) => !m.counted && m.reasons.includes('DISPATCH_COUNTED_ELSEWHERE')).length;
  }
  return months;
}

/** The declared average staff with the dispatch moves, to two decimals (months ÷ 12 summed first), never below 0. */
export function quotaStaffWithDispatch(filing: Filing, employees: readonly EmployeeResult[]): number {
  const declaredHundredths = Math.round(filing.employer.averageStaffCount * 100);
  const movedHundredths = Math.round((dispatchStaffMonths(filing, employees) * 100) / 12);
  return Math.max(0, declaredHundredths + movedHundredths) / 100;
}
