// The server's own checks of a declaration, run in the page as the person types (the same schema, check digits,
// region codes and date rules as POST /api/filings, and the same Chinese sentences), so most mistakes are shown
// before anything is sent. The server still decides: its answer is shown the same way.
import type { Employee, Filing } from '../../../../filings/declaration/filing.ts';
import { filingMessages } from '../../../../filings/declaration/messages.ts';
import { validateEmployee, validateFiling } from '../../../../filings/declaration/validate-filing.ts';

export interface Issue {
  path: string;
  code: string;
  message: string;
}

/** The sentence the server would send for a rule code at a path. */
export function messageFor(path: string, code: string, params?: Record<string, unknown>): string {
  return filingMessages.messageFor(params ? { path, code, params } : { path, code }, 'zh');
}

const toIssue = (i: { path: string; code: string; params?: Record<string, unknown> }): Issue => ({ path: i.path, code: i.code, message: messageFor(i.path, i.code, i.params) });

/** Every problem of employee `index` (paths /employees/{index}/…) for the review year. */
export function employeeIssues(employee: Partial<Employee>, index: number, year: number): Issue[] {
  return validateEmployee(employee, `/employees/${index}`, year, { today: new Date() }).issues.map(toIssue);
}

/** Every problem of the unit's part (paths /employer/…), judged as the whole declaration judges it. */
export function employerIssues(employer: Partial<Filing['employer']>, year: number): Issue[] {
  const body = { year, channel: 'online', employer, employees: [], commitment: { signer: '—', signedAt: '2000-01-01', accepted: true } };
  const result = validateFiling(body, { maxEmployees: 1, yearFrom: year, yearTo: year, today: new Date() });
  return result.ok ? [] : result.issues.filter((i) => i.path.startsWith('/employer/') || i.path === '/employer').map(toIssue);
}

/** Every problem of a whole declaration before it is sent. */
export function filingIssues(filing: unknown, years: { from: number; to: number }): Issue[] {
  const result = validateFiling(filing, { maxEmployees: 10_000, yearFrom: years.from, yearTo: years.to, today: new Date() });
  return result.ok ? [] : result.issues.map(toIssue);
}

/** "/employees/2/idNumber" → { index: 2, field: "idNumber" }; undefined for other paths. */
export function employeePath(path: string): { index: number; field: string } | undefined {
  const match = /^\/employees\/(\d+)(?:\/([^/]+))?/.exec(path);
  return match ? { index: Number(match[1]), field: match[2] ?? '' } : undefined;
}
