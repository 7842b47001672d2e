// Asking one person-month service about a filing's declared employees: each person once, in one call, none
// when nobody is declared. The verify workers that ask a single service (medical, wages) use it.
import { MAX_ID_NUMBERS_PER_QUERY, type PersonMonthQuery } from './schema.ts';

export interface Declaration {
  employer: { uscc: string };
  year: number;
  employees: readonly { idNumber: string }[];
}

/** The records, or how many people there were when more than one query may carry: no retry cures that. */
export type DeclaredRecords<R> = { ok: true; records: R[] } | { ok: false; people: number };

export async function queryDeclared<R>(
  query: (query: PersonMonthQuery) => Promise<R[]>,
  declaration: Declaration,
): Promise<DeclaredRecords<R>> {
  const { employer, employees, year } = declaration;
  // Each person once, even when declared twice (the duplicate rule is decided elsewhere).
  const idNumbers = [...new Set(employees.map((e) => e.idNumber))];
  if (idNumbers.length > MAX_ID_NUMBERS_PER_QUERY) return { ok: false, people: idNumbers.length };
  return { ok: true, records: idNumbers.length > 0 ? await query({ uscc: employer.uscc, year, idNumbers }) : [] };
}
