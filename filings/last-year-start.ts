// 上年数据导入: a unit's new declaration for year Y started from its declaration of Y−1 — its filing here (the
// active one, as last modified) or else the review year imported as history (review_history, migration 028) — as a
// draft the person completes. The unit's details and its employees are copied; what belongs to the new year (average
// staff count and wage, each employee's months, wage and contributions) is left blank; an employee whose employment,
// contract or certificate ended, or who retired, is marked for the employer to confirm, with the reason in Chinese.
// Nothing is stored: the draft is submitted like any other declaration and checked as if typed.
import type { Db } from '../platform/db.ts';
import type { Employee, Employer, Filing } from './declaration/filing.ts';
import { isMaskedNumber, restoreKeptNumbers, type KeptNumbers } from './kept-numbers.ts';

/** Where the previous year's declaration comes from. */
export type LastYearSource = 'filing' | 'history';

export type ConfirmationCode = 'EMPLOYMENT_ENDED' | 'CONTRACT_ENDED' | 'RETIRED' | 'CERTIFICATE_ENDED';

export interface ConfirmationReason {
  code: ConfirmationCode;
  message: string;
}

export interface DraftEmployee {
  /** The previous year's row, without what belongs to the new year. */
  employee: Partial<Employee>;
  needsConfirmation: boolean;
  reasons: ConfirmationReason[];
}

export interface LastYearDeclaration {
  source: LastYearSource;
  /** The year the draft is copied from (Y−1). */
  fromYear: number;
  /** The filing it comes from; null for an imported history year. */
  filingId: string | null;
  /** The county the previous declaration was handled in: who may start from it at a window. */
  regionCode: string;
  /** The declaration as filed, whole: for the draft, and to keep the masked numbers sent back (kept-numbers.ts). */
  declaration: Pick<Filing, 'employer' | 'employees'>;
  /** How the previous year's review ended each employee's months, by ID number (filings here with a stored review). */
  ends: Map<string, { reason: 'retired' | 'certificate-ended' | 'left'; lastMonth: string | null }>;
}

export interface LastYearDraft {
  source: LastYearSource;
  fromYear: number;
  filingId: string | null;
  employer: Partial<Employer>;
  employees: DraftEmployee[];
}

// Filings that are not the unit's declaration of their year (db/migrations/006, 023).
const NOT_DECLARED = ['returned', 'withdrawn', 'transferred'];

/** Figures of the unit's year, not of the unit: the new year's are the person's to give. */
const NEW_YEAR_EMPLOYER_FIELDS = ['averageStaffCount', 'averageAnnualWage'] as const;
/** An employee's months, wage and contributions of the year. */
const NEW_YEAR_EMPLOYEE_FIELDS = ['employedFrom', 'employedTo', 'annualWage', 'contributions'] as const;

/** The Employee fields a history row may hold (migration 028): anything else in its jsonb is not copied. */
const EMPLOYEE_FIELDS: readonly (keyof Employee)[] = [
  'name', 'idNumber', 'hukouRegionCode', 'certType', 'certNumber', 'disabilityCategory', 'disabilityGrade', 'education', 'phone',
  'jobPost', 'postType', 'annualWage', 'employmentType', 'dispatchAgencyUscc', 'dispatchCountedHere', 'contractStart', 'contractEnd',
  'employedFrom', 'employedTo',
  'socialInsurance', 'contributions',
];

/** The unit's declaration of `fromYear`: its active filing here, else its imported history year; undefined when neither. */
export async function lastYearDeclaration(db: Db, uscc: string, fromYear: number): Promise<LastYearDeclaration | undefined> {
  const filed = await db.query<{ id: string; handling_region_code: string; declaration: Filing; result: unknown }>(
    `select f.id, f.handling_region_code, f.declaration, r.result
       from filings f left join filing_reviews r on r.filing_id = f.id
      where f.employer_uscc = $1 and f.year = $2 and f.status <> all ($3::text[])
      order by f.created_at desc limit 1`,
    [uscc, fromYear, NOT_DECLARED],
  );
  const filing = filed.rows[0];
  if (filing) {
    const ends = new Map<string, { reason: 'retired' | 'certificate-ended' | 'left'; lastMonth: string | null }>();
    if (filing.result) {
      // The exits analysis's own reading of how each employee's months ended (migration 023).
      const found = await db.query<{ id_number: string; reason: 'retired' | 'certificate-ended' | 'left'; last_month: string | null }>(
        `select id_number, reason, last_month from supervision_employment_ends($1::jsonb, $2::jsonb, $3) where reason is not null`,
        [JSON.stringify(filing.declaration), JSON.stringify(filing.result), fromYear],
      );
      for (const row of found.rows) ends.set(row.id_number, { reason: row.reason, lastMonth: row.last_month });
    }
    return {
      source: 'filing',
      fromYear,
      filingId: filing.id,
      regionCode: filing.handling_region_code,
      declaration: { employer: filing.declaration.employer, employees: filing.declaration.employees },
      ends,
    };
  }

  const history = await db.query<{ unit_name: string; region_code: string }>(
    'select unit_name, region_code from review_history where uscc = $1 and year = $2',
    [uscc, fromYear],
  );
  const unit = history.rows[0];
  if (!unit) return undefined;
  const rows = await db.query<{ employee: Record<string, unknown> }>(
    'select employee from review_history_employees where uscc = $1 and year = $2 order by position',
    [uscc, fromYear],
  );
  const employees = rows.rows.map(({ employee }) =>
    Object.fromEntries(EMPLOYEE_FIELDS.flatMap((f) => (employee[f] === undefined || employee[f] === null ? [] : [[f, employee[f]]]))) as unknown as Employee);
  return {
    source: 'history',
    fromYear,
    filingId: null,
    regionCode: unit.region_code,
    declaration: { employer: { uscc, name: unit.unit_name, regionCode: unit.region_code } as Employer, employees },
    ends: new Map(),
  };
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Why an employee of `fromYear` needs the employer's word before being declared again for the next year. */
export function confirmationReasons(employee: Partial<Employee>, fromYear: number, end?: { reason: string; lastMonth: string | null }): ConfirmationReason[] {
  const reasons: ConfirmationReason[] = [];
  const nextYearStart = `${fromYear + 1}-01-01`;
  if (isDate(employee.employedTo) && employee.employedTo < `${fromYear}-12-31`) {
    reasons.push({ code: 'EMPLOYMENT_ENDED', message: `上年度申报的在职截止日期为 ${employee.employedTo}，已离职的请删除，仍在职的请确认并填写本年度在职时间` });
  }
  if (isDate(employee.contractEnd) && employee.contractEnd < nextYearStart) {
    reasons.push({ code: 'CONTRACT_ENDED', message: `劳动合同已于 ${employee.contractEnd} 到期，已续签的请填写新的合同起止日期，未续签的请删除` });
  }
  if (end?.reason === 'retired') {
    reasons.push({ code: 'RETIRED', message: `上年度审核认定其已达退休年龄${end.lastMonth ? `（${end.lastMonth} 后不再计入）` : ''}，请确认是否仍在本单位就业` });
  }
  if (end?.reason === 'certificate-ended') {
    reasons.push({ code: 'CERTIFICATE_ENDED', message: `上年度审核发现其残疾人证或伤残证已失效${end.lastMonth ? `（${end.lastMonth} 后不再计入）` : ''}，请确认证件是否已换发并核对证号` });
  }
  // An end the review saw that the dates above did not already say.
  if (end?.reason === 'left' && !reasons.some((r) => r.code === 'EMPLOYMENT_ENDED')) {
    reasons.push({ code: 'EMPLOYMENT_ENDED', message: '上年度审核认定其已离职，已离职的请删除，仍在职的请确认并填写本年度在职时间' });
  }
  return reasons;
}

const without = <T extends object>(value: T, fields: readonly string[]): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([k]) => !fields.includes(k))) as Partial<T>;

/** The draft for `fromYear + 1` from the previous declaration, personal numbers as `present` shows them to the caller. */
export function draftFrom(last: LastYearDeclaration, present: <T>(value: T) => T): LastYearDraft {
  const employer = present(without(last.declaration.employer, NEW_YEAR_EMPLOYER_FIELDS));
  const employees = last.declaration.employees.map((e) => {
    const reasons = confirmationReasons(e, last.fromYear, typeof e.idNumber === 'string' ? last.ends.get(e.idNumber) : undefined);
    return { employee: present(without(e, NEW_YEAR_EMPLOYEE_FIELDS)), needsConfirmation: reasons.length > 0, reasons };
  });
  return { source: last.source, fromYear: last.fromYear, filingId: last.filingId, employer, employees };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a body (unchecked, of any shape or depth) holds a masked number where the declaration has personal numbers. */
function sendsMaskedNumbers(body: unknown): boolean {
  if (!isObject(body)) return false;
  const employer = body.employer;
  if (isObject(employer) && ['legalRepIdNumber', 'legalRepPhone', 'handlerPhone'].some((f) => isMaskedNumber(employer[f]))) return true;
  return Array.isArray(body.employees) && body.employees.some((e) => isObject(e) && ['idNumber', 'certNumber', 'phone'].some((f) => isMaskedNumber(e[f])));
}

/**
 * An employer's new declaration may send back the personal numbers its draft showed masked: they mean "as declared
 * last year" and are put back from the unit's previous declaration before the body is checked (kept-numbers.ts), so
 * nothing masked is ever stored. A masked number that names nothing declared last year is a field error. Window
 * clerks type the numbers from the paper: their bodies are left as sent.
 */
export async function keepLastYearNumbers(db: Db, who: { role: string; uscc?: string | undefined }, body: unknown): Promise<KeptNumbers> {
  if (who.role !== 'employer' || !who.uscc || !sendsMaskedNumbers(body)) return { body, issues: [] };
  const year = (body as { year?: unknown }).year;
  const last = Number.isInteger(year) ? await lastYearDeclaration(db, who.uscc, (year as number) - 1) : undefined;
  return restoreKeptNumbers(body, { ...(last?.declaration ?? { employer: {} as Employer, employees: [] }) } as Filing);
}
