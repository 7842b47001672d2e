// Asking one person-month service about a filing's declared employees, under the unit that pays them: the filing's
// employer, or for a dispatched employee (劳务派遣) the agency named in the declaration, which pays pension, medical
// insurance and wages (财税〔2015〕72号 art. 8). One call per paying unit, each person once in it, none when nobody
// is declared. The verify workers that ask a single service (medical, wages) use it; pension groups by interface too.
import { DepartmentBadAnswer } from '../../platform/department-http.ts';
import { MAX_ID_NUMBERS_PER_QUERY, type PersonMonthQuery } from './schema.ts';

export interface DeclaredEmployee {
  idNumber: string;
  employmentType?: string;
  dispatchAgencyUscc?: string;
}

export interface Declaration {
  employer: { uscc: string };
  year: number;
  employees: readonly DeclaredEmployee[];
}

/** The USCC of the unit that pays the employee: the dispatch agency for a dispatched employee who names one. */
export function payerOf(employee: DeclaredEmployee, employerUscc: string): string {
  return employee.employmentType === 'dispatch' && employee.dispatchAgencyUscc ? employee.dispatchAgencyUscc : employerUscc;
}

/**
 * The idempotency key of the call about one paying unit: the filing's own key for its employer (as before dispatch
 * was checked at the agency), the key and the agency's USCC for an agency, so every call of one job has its own.
 */
export function payerKey(idempotencyKey: string, payer: string, employerUscc: string): string {
  return payer === employerUscc ? idempotencyKey : `${idempotencyKey}:${payer}`;
}

/** Each paying unit with its people, each once (even when declared twice: the duplicate rule is decided elsewhere). */
export function peopleByPayer(employees: readonly DeclaredEmployee[], employerUscc: string): Map<string, string[]> {
  const byPayer = new Map<string, Set<string>>();
  for (const employee of employees) {
    const payer = payerOf(employee, employerUscc);
    let people = byPayer.get(payer);
    if (!people) byPayer.set(payer, (people = new Set()));
    people.add(employee.idNumber);
  }
  return new Map([...byPayer].map(([payer, people]) => [payer, [...people]]));
}

/**
 * Settles every call before deciding: a bad answer from any wins over another being unavailable or refusing us (no
 * retry cures it); otherwise the first error decides. The caller's department job maps what is thrown.
 */
export async function allAnswered<T>(calls: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(calls);
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (errors.length > 0) throw errors.find((e) => e instanceof DepartmentBadAnswer) ?? errors[0];
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** The records by paying unit, or how many people one query would have carried when too many: no retry cures that. */
export type DeclaredRecords<R> = { ok: true; byPayer: Map<string, R[]> } | { ok: false; people: number };

export async function queryDeclared<R>(
  query: (query: PersonMonthQuery, idempotencyKey: string) => Promise<R[]>,
  declaration: Declaration,
  idempotencyKey: string,
): Promise<DeclaredRecords<R>> {
  const { employer, employees, year } = declaration;
  const groups = [...peopleByPayer(employees, employer.uscc)];
  const tooMany = groups.find(([, people]) => people.length > MAX_ID_NUMBERS_PER_QUERY);
  if (tooMany) return { ok: false, people: tooMany[1].length };
  const answers = await allAnswered(groups.map(([uscc, idNumbers]) => query({ uscc, year, idNumbers }, payerKey(idempotencyKey, uscc, employer.uscc))));
  return { ok: true, byPayer: new Map(groups.map(([uscc], i) => [uscc, answers[i]!])) };
}

/** Per declared employee, what `lookUp` finds in the records of the unit that pays them (empty when none answered). */
export function perEmployee<R, F>(
  declaration: Declaration,
  byPayer: ReadonlyMap<string, readonly R[]>,
  index: (records: readonly R[]) => (idNumber: string) => F,
): F[] {
  const lookUps = new Map([...byPayer].map(([payer, records]) => [payer, index(records)]));
  const none = index([]);
  return declaration.employees.map((employee) => (lookUps.get(payerOf(employee, declaration.employer.uscc)) ?? none)(employee.idNumber));
}
