// A modification may send back the personal numbers the employer was shown masked ("3301**********1236"): that
// means "keep what was filed". They are put back from the stored declaration before the body is checked, so nobody
// retypes a number they never changed, and a masked string never reaches the declaration. A row's numbers are kept
// from the filed employee it names: the same ID number, whole or masked (with the name to tell two apart whose
// masked numbers look alike, then the row's place). A masked number that matches nothing filed is a field error.
import type { Employee, Filing } from './declaration/filing.ts';
import { maskAs, maskIdNumber, personalFields } from '../platform/masking.ts';
import type { FieldIssue } from '../platform/schema.ts';

type Json = Record<string, unknown>;

const EMPLOYER_NUMBERS = ['legalRepIdNumber', 'legalRepPhone', 'handlerPhone'] as const;
const EMPLOYEE_NUMBERS = ['idNumber', 'certNumber', 'phone'] as const;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Whole numbers never hold an asterisk: one that does is a masked number sent back. */
export const isMaskedNumber = (v: unknown): v is string => typeof v === 'string' && v.includes('*');

export interface KeptNumbers {
  /** The body with every masked number that was recognised replaced by the filed one. */
  body: unknown;
  /** One MASKED_NOT_FILED per masked number that names nothing filed. */
  issues: FieldIssue[];
}

/** The filed value when `sent` is exactly how it was shown masked. */
function keptValue(sent: string, filed: unknown, field: keyof typeof personalFields): string | undefined {
  const rule = personalFields[field];
  return rule !== undefined && typeof filed === 'string' && maskAs(rule, filed) === sent.trim() ? filed : undefined;
}

/** The filed employee (its position) a row names by its ID number, each filed employee named by one row at most. */
function filedEmployeeOf(row: Json, index: number, filed: readonly Employee[], claimed: Set<number>): number | undefined {
  if (typeof row.idNumber !== 'string') return undefined;
  const sent = row.idNumber.trim();
  const masked = sent.includes('*');
  const names = (e: Employee) => (masked ? maskIdNumber(e.idNumber) === sent : e.idNumber === sent.toUpperCase());
  let candidates = filed.flatMap((e, i) => (!claimed.has(i) && names(e) ? [i] : []));
  if (candidates.length > 1) {
    const sameName = candidates.filter((i) => filed[i]?.name === (typeof row.name === 'string' ? row.name.trim() : undefined));
    if (sameName.length > 0) candidates = sameName;
  }
  if (candidates.length > 1 && candidates.includes(index)) candidates = [index];
  if (candidates.length !== 1) return undefined;
  const [found] = candidates as [number];
  claimed.add(found);
  return found;
}

/** `body` (a declaration as sent, unchecked) with the masked numbers it kept put back from `filed`. */
export function restoreKeptNumbers(body: unknown, filed: Filing): KeptNumbers {
  if (!isObject(body)) return { body, issues: [] };
  const issues: FieldIssue[] = [];
  const out: Json = { ...body };

  if (isObject(body.employer)) {
    const employer: Json = { ...body.employer };
    for (const field of EMPLOYER_NUMBERS) {
      const sent = employer[field];
      if (!isMaskedNumber(sent)) continue;
      const kept = keptValue(sent, filed.employer[field], field);
      if (kept === undefined) issues.push({ path: `/employer/${field}`, code: 'MASKED_NOT_FILED' });
      else employer[field] = kept;
    }
    out.employer = employer;
  }

  if (Array.isArray(body.employees)) {
    const claimed = new Set<number>();
    out.employees = body.employees.map((row: unknown, index) => {
      if (!isObject(row) || !EMPLOYEE_NUMBERS.some((f) => isMaskedNumber(row[f]))) return row;
      const at = filedEmployeeOf(row, index, filed.employees, claimed);
      const source = at === undefined ? undefined : filed.employees[at];
      const restored: Json = { ...row };
      for (const field of EMPLOYEE_NUMBERS) {
        const sent = row[field];
        if (!isMaskedNumber(sent)) continue;
        const kept = source === undefined ? undefined : keptValue(sent, source[field], field);
        if (kept === undefined) issues.push({ path: `/employees/${index}/${field}`, code: 'MASKED_NOT_FILED' });
        else restored[field] = kept;
      }
      return restored;
    });
  }
  return { body: out, issues };
}
