// Where each refusal of a declaration belongs (its JSON pointer): a unit field, an employee's cell, the list as a
// whole, the commitment letter — and which wizard step holds it. What belongs nowhere is shown as it is.
import type { FieldError } from '../../../lib/api.ts';
import { withServerErrors, type EmployeeRow } from '../../../components/filing/employee-rows.ts';

export const STEP_EMPLOYER = 0;
export const STEP_EMPLOYEES = 1;
export const STEP_COMMITMENT = 2;
export const STEP_CONFIRM = 3;

export interface RoutedErrors {
  employer: { name: string; errors: string[] }[];
  rows: EmployeeRow[];
  listError: string | undefined;
  commitment: { name: string; errors: string[] }[];
  other: string[];
  /** The steps holding at least one error, in order. */
  steps: number[];
}

const COMMITMENT_FIELDS: Record<string, string> = { signer: 'signer', accepted: 'accepted', materials: 'materials' };

export function routeErrors(errors: readonly FieldError[], rows: readonly EmployeeRow[]): RoutedErrors {
  const employer = new Map<string, string[]>();
  const commitment = new Map<string, string[]>();
  const other: string[] = [];
  let listError: string | undefined;
  const { rows: marked, others } = withServerErrors(rows, errors);
  const steps = new Set<number>();
  if (others.length < errors.length) steps.add(STEP_EMPLOYEES);
  for (const error of others) {
    const [head, field] = error.path.split('/').filter(Boolean);
    if (head === 'employer' && field) {
      employer.set(field, [...(employer.get(field) ?? []), error.message]);
      steps.add(STEP_EMPLOYER);
    } else if (head === 'employees') {
      listError ??= error.message;
      steps.add(STEP_EMPLOYEES);
    } else if (head === 'commitment') {
      const name = COMMITMENT_FIELDS[field ?? 'accepted'];
      if (name) commitment.set(name, [...(commitment.get(name) ?? []), error.message]);
      else other.push(error.message);
      steps.add(STEP_COMMITMENT);
    } else other.push(error.message);
  }
  if (other.length > 0) steps.add(STEP_CONFIRM);
  const fields = (m: Map<string, string[]>) => [...m.entries()].map(([name, messages]) => ({ name, errors: messages }));
  return { employer: fields(employer), rows: marked, listError, commitment: fields(commitment), other, steps: [...steps].sort() };
}
