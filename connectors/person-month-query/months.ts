// What a contribution service (pension, medical) says about each person: the months paid and the months due
// and not paid. The verify workers report these per declared employee.
import type { ContributionRecord } from './contributions.ts';

export interface PaidMonths {
  /** Sorted YYYY-MM months with a paid contribution. */
  paidMonths: string[];
  /** Sorted months recorded as due and not paid. A month in neither list has no record at all. */
  unpaidMonths: string[];
}

/** A person's months by ID number; every call returns new arrays, so facts of a person declared twice never share one. */
export function paidMonthsByPerson(records: readonly ContributionRecord[]): (idNumber: string) => PaidMonths {
  const byPerson = new Map<string, { paid: Set<string>; unpaid: Set<string> }>();
  for (const record of records) {
    let months = byPerson.get(record.idNumber);
    if (!months) {
      months = { paid: new Set(), unpaid: new Set() };
      byPerson.set(record.idNumber, months);
    }
    (record.paid ? months.paid : months.unpaid).add(record.month);
  }
  return (idNumber) => {
    const months = byPerson.get(idNumber);
    return { paidMonths: [...(months?.paid ?? [])].sort(), unpaidMonths: [...(months?.unpaid ?? [])].sort() };
  };
}
