// Where each refusal of a declaration belongs (its JSON pointer): a unit field, an employee's cell, the list as a
// whole, a field of the page's own form (the portal's commitment letter, the window's materials check) — and which
// wizard step holds it. What belongs nowhere is listed as it is.
import type { FieldError } from '../../lib/api.ts';
import { withServerErrors, type EmployeeRow } from './employee-rows.ts';

/** The steps both wizards open with; each page numbers its own after these. */
export const STEP_UNIT = 0;
export const STEP_EMPLOYEES = 1;

/** An antd form field's name: flat, or nested as [part, field]. */
export type FieldName = string | string[];

/** How the page's own form takes refusals. */
export interface ExtraFormRoute {
  /** The declaration's parts the form holds (a pointer's first segment: `commitment`, `windowIntake`). */
  parts: readonly string[];
  /** The form field for a part's field (`field` undefined: the part as a whole); undefined when the form has none. */
  fieldOf: (part: string, field: string | undefined) => FieldName | undefined;
  /** The step that shows the form. */
  step: number;
  /** The step that lists what belongs nowhere, if the wizard has one. */
  unplacedStep?: number;
}

export interface RoutedErrors {
  employer: { name: string; errors: string[] }[];
  rows: EmployeeRow[];
  listError: string | undefined;
  extra: { name: FieldName; errors: string[] }[];
  other: string[];
  /** The steps holding at least one error, in order. */
  steps: number[];
}

export function routeDeclarationErrors(errors: readonly FieldError[], rows: readonly EmployeeRow[], form?: ExtraFormRoute): RoutedErrors {
  const employer = new Map<string, string[]>();
  // Keyed by the name as text: a nested name is a fresh array each time.
  const extra = new Map<string, { name: FieldName; errors: string[] }>();
  const other: string[] = [];
  let listError: string | undefined;
  const { rows: marked, others } = withServerErrors(rows, errors);
  const steps = new Set<number>();
  if (others.length < errors.length) steps.add(STEP_EMPLOYEES);
  for (const error of others) {
    const [head, field] = error.path.split('/').filter(Boolean);
    if (head === 'employer' && field) {
      employer.set(field, [...(employer.get(field) ?? []), error.message]);
      steps.add(STEP_UNIT);
    } else if (head === 'employees') {
      listError ??= error.message;
      steps.add(STEP_EMPLOYEES);
    } else if (head && form?.parts.includes(head)) {
      const name = form.fieldOf(head, field);
      if (name === undefined) other.push(error.message);
      else {
        const key = JSON.stringify(name);
        extra.set(key, { name, errors: [...(extra.get(key)?.errors ?? []), error.message] });
      }
      steps.add(form.step);
    } else other.push(error.message);
  }
  if (other.length > 0 && form?.unplacedStep !== undefined) steps.add(form.unplacedStep);
  return {
    employer: [...employer.entries()].map(([name, messages]) => ({ name, errors: messages })),
    rows: marked,
    listError,
    extra: [...extra.values()],
    other,
    steps: [...steps].sort((a, b) => a - b),
  };
}
