// Where each refusal of a window declaration belongs (its JSON pointer): a unit field, an employee's cell, the list
// as a whole, the intake and commitment fields — and which step holds it. What belongs nowhere is listed as it is.
import { withServerErrors, type EmployeeRow } from '../../../components/filing/employee-rows.ts';
import type { FieldError } from '../../../lib/api.ts';

export const STEP_UNIT = 0;
export const STEP_EMPLOYEES = 1;
export const STEP_INTAKE = 2;

export interface RoutedIntakeErrors {
  employer: { name: string; errors: string[] }[];
  rows: EmployeeRow[];
  listError: string | undefined;
  intake: { name: string[]; errors: string[] }[];
  other: string[];
  steps: number[];
}

const INTAKE_PARTS = new Set(['commitment', 'windowIntake']);

export function routeIntakeErrors(errors: readonly FieldError[], rows: readonly EmployeeRow[]): RoutedIntakeErrors {
  const { rows: marked, others } = withServerErrors(rows, errors);
  const steps = new Set<number>(others.length < errors.length ? [STEP_EMPLOYEES] : []);
  const employer: RoutedIntakeErrors['employer'] = [];
  const intake: RoutedIntakeErrors['intake'] = [];
  const other: string[] = [];
  let listError: string | undefined;
  for (const error of others) {
    const [head, field] = error.path.split('/').filter(Boolean);
    if (head === 'employer' && field) {
      employer.push({ name: field, errors: [error.message] });
      steps.add(STEP_UNIT);
    } else if (head === 'employees') {
      listError ??= error.message;
      steps.add(STEP_EMPLOYEES);
    } else if (head && INTAKE_PARTS.has(head)) {
      intake.push({ name: field ? [head, field] : [head, head === 'commitment' ? 'accepted' : 'materialsComplete'], errors: [error.message] });
      steps.add(STEP_INTAKE);
    } else other.push(error.message);
  }
  return { employer, rows: marked, listError, intake, other, steps: [...steps].sort() };
}
