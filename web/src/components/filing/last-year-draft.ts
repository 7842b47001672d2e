// 上年数据导入 in the wizards: GET /api/last-year-start/{uscc}'s draft turned into the unit form's values and the
// employee rows. The employer keeps the masked numbers it is shown — sent back unchanged they mean last year's
// (the server puts them back); the window types them from the paper, so a clerk's copy leaves them blank. Rows whose
// employment, contract or certificate ended carry the reasons and wait for the person to confirm or remove them.
import type { Employee } from '../../../../filings/declaration/filing.ts';
import type { LastYearDraft } from '../../../../api/last-year-start.ts';
import type { EmployerValues } from './EmployerForm.tsx';
import { isMasked, keptRowsFrom, newRow, type EmployeeRow } from './employee-rows.ts';

export type { LastYearDraft };

export interface DraftApplied {
  employer: EmployerValues;
  /** The unit's masked numbers kept as shown (field → value): the employer's only. */
  employerKept: Record<string, string>;
  rows: EmployeeRow[];
}

const withoutMasked = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => !isMasked(v))) as T;

export function applyDraft(draft: LastYearDraft, keepMasked: boolean): DraftApplied {
  const employer = draft.employer as EmployerValues;
  const employerKept = keepMasked ? (Object.fromEntries(Object.entries(employer).filter(([, v]) => isMasked(v))) as Record<string, string>) : {};
  const employees = draft.employees.map((d) => (keepMasked ? d.employee : withoutMasked(d.employee)) as unknown as Employee);
  const rows = (keepMasked ? keptRowsFrom(employees) : employees.map((e) => newRow({ ...e }))).map((row, i) => {
    const d = draft.employees[i];
    return d?.needsConfirmation ? { ...row, confirmation: { reasons: d.reasons.map((r) => r.message), confirmed: false } } : row;
  });
  // The unit's figures of the new year are the person's to give, whatever another prefill put there.
  const blanks: EmployerValues = { averageStaffCount: undefined, averageAnnualWage: undefined };
  return { employer: { ...blanks, ...(keepMasked ? employer : withoutMasked(employer)) }, employerKept, rows };
}
