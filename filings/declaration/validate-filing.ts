// Checks a declaration: the JSON Schema first, then the domain rules (check digits, region codes, date order,
// certificate agreement) on every field the schema let through. Returns every problem at once, as data.
import { chinaDateOf } from '../../platform/china-date.ts';
import type { FieldIssue } from '../../platform/schema-issues.ts';
import { normalizeText } from '../../platform/text.ts';
import { checkDisabilityCertNumber, checkVeteranCertNumber } from '../../domain/identifiers/cert-number.ts';
import { checkIdNumber } from '../../domain/identifiers/id-number.ts';
import { isPhoneNumber } from '../../domain/identifiers/phone.ts';
import { checkUscc, registrationRegionOf } from '../../domain/identifiers/uscc.ts';
import { checkRegionCode, isFormerRegion, isZhejiang } from '../../domain/regions.ts';
import type { Employee, Filing } from './filing.ts';
import { checkEmployeeShape, checkFilingShape as checkShape } from './filing-shape.ts';

export interface FilingRules {
  /** Most employees one filing may declare. */
  maxEmployees: number;
  /** Review years a filing may name (inclusive). */
  yearFrom: number;
  yearTo: number;
  today: Date;
}

type Json = Record<string, unknown>;

const isText = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isInteger(v);

/**
 * Runs the domain rules on what the schema accepted; `flagged` holds paths the schema already reported. Notices
 * are what the reviewer should see but no reason to refuse.
 */
function domainIssues(body: Json, rules: FilingRules, flagged: Set<string>): { issues: FieldIssue[]; notices: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const notices: FieldIssue[] = [];
  const add: Report = (path, code, params) => {
    if (!flagged.has(path)) issues.push(params ? { path, code, params } : { path, code });
  };
  const notice: Report = (path, code, params) => {
    notices.push(params ? { path, code, params } : { path, code });
  };

  if (isInt(body.year) && (body.year < rules.yearFrom || body.year > rules.yearTo)) {
    add('/year', 'YEAR_RANGE', { from: rules.yearFrom, to: rules.yearTo });
  }
  if (isText(body.receivingRegionCode)) {
    const problem = checkRegionCode(body.receivingRegionCode, 'county');
    if (problem) add('/receivingRegionCode', problem);
  }
  const intake = body.windowIntake as Json | undefined;
  if (intake !== undefined && body.channel === 'online') add('/windowIntake', 'WINDOW_ONLY');
  // Incomplete materials are accepted later, and the employer is told what is missing: it must be said.
  if (intake?.materialsComplete === false && !(isText(intake.missingMaterials) && intake.missingMaterials.trim() !== '')) add('/windowIntake/missingMaterials', 'REQUIRED');

  const employer = (body.employer ?? {}) as Json;
  if (isText(employer.uscc)) {
    const problem = checkUscc(employer.uscc);
    if (problem) add('/employer/uscc', problem);
  }
  for (const [field, level] of [['regionCode', 'county'], ['dpfAuthority', 'any']] as const) {
    const value = employer[field];
    if (isText(value)) {
      const problem = checkRegionCode(value, level);
      if (problem) add(`/employer/${field}`, problem);
    }
  }
  // The handling office is the employer's own: a unit registered in one city cannot name another city's county.
  if (isText(employer.uscc) && isText(employer.regionCode) && !checkUscc(employer.uscc) && !checkRegionCode(employer.regionCode, 'county')) {
    const registered = registrationRegionOf(employer.uscc);
    if (isZhejiang(registered) && registered !== '330000' && registered.slice(0, 4) !== employer.regionCode.slice(0, 4)) {
      add('/employer/regionCode', 'REGION_MISMATCH', { registered });
    }
  }
  if (isText(employer.legalRepIdNumber)) {
    const problem = checkIdNumber(employer.legalRepIdNumber, rules.today);
    if (problem) add('/employer/legalRepIdNumber', problem);
  }
  for (const field of ['legalRepPhone', 'handlerPhone'] as const) {
    const value = employer[field];
    if (isText(value) && !isPhoneNumber(value)) add(`/employer/${field}`, 'PHONE_FORMAT');
  }

  const employees = Array.isArray(body.employees) ? (body.employees as unknown[]) : [];
  if (employees.length > rules.maxEmployees) {
    add('/employees', 'TOO_MANY_EMPLOYEES', { max: rules.maxEmployees, count: employees.length });
  }
  employees.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) return;
    employeeIssues(raw as Json, `/employees/${index}`, body.year, rules, add, notice);
  });

  const commitment = body.commitment as Json | undefined;
  if (commitment && commitment.accepted === false) add('/commitment/accepted', 'COMMITMENT_MISSING');
  if (!commitment) add('/commitment', 'COMMITMENT_MISSING');
  if (commitment && isText(commitment.signedAt) && commitment.signedAt > chinaDateOf(rules.today)) {
    add('/commitment/signedAt', 'DATE_IN_FUTURE');
  }
  return { issues, notices };
}

type Report = (path: string, code: string, params?: Record<string, unknown>) => void;

function employeeIssues(e: Json, at: string, year: unknown, rules: Pick<FilingRules, 'today'>, add: Report, notice: Report): void {
  let idValid = false;
  if (isText(e.idNumber)) {
    const problem = checkIdNumber(e.idNumber, rules.today);
    if (problem) add(`${at}/idNumber`, problem);
    else idValid = true;
  }
  if (isText(e.hukouRegionCode)) {
    const problem = checkRegionCode(e.hukouRegionCode, 'any');
    // An ID may have been issued in a district merged away since: a well-formed code of a known province is
    // flagged for the reviewer, not a reason to refuse the filing.
    if (problem && isFormerRegion(e.hukouRegionCode)) notice(`${at}/hukouRegionCode`, 'REGION_NOT_CURRENT');
    else if (problem) add(`${at}/hukouRegionCode`, problem);
  }
  if (isText(e.phone) && !isPhoneNumber(e.phone)) add(`${at}/phone`, 'PHONE_FORMAT');

  if (e.certType === 'disability') {
    if (e.disabilityCategory === undefined) add(`${at}/disabilityCategory`, 'REQUIRED');
    else if (isInt(e.disabilityCategory) && (e.disabilityCategory < 1 || e.disabilityCategory > 7)) {
      add(`${at}/disabilityCategory`, 'CATEGORY_RANGE', { min: 1, max: 7 });
    }
    const gradeOk = isInt(e.disabilityGrade) && e.disabilityGrade >= 1 && e.disabilityGrade <= 4;
    if (isInt(e.disabilityGrade) && !gradeOk) add(`${at}/disabilityGrade`, 'GRADE_RANGE', { min: 1, max: 4 });
    if (isText(e.certNumber)) {
      const categoryOk = isInt(e.disabilityCategory) && e.disabilityCategory >= 1 && e.disabilityCategory <= 7;
      // Compare the certificate only with the parts that are themselves valid, so one typo yields one error.
      const problem = checkDisabilityCertNumber(e.certNumber, {
        idNumber: idValid ? (e.idNumber as string) : undefined,
        category: categoryOk ? (e.disabilityCategory as number) : undefined,
        grade: gradeOk ? (e.disabilityGrade as number) : undefined,
      });
      if (problem) add(`${at}/certNumber`, problem);
    }
  } else if (e.certType === 'veteran' || e.certType === 'police') {
    if (isInt(e.disabilityGrade) && (e.disabilityGrade < 1 || e.disabilityGrade > 10)) {
      add(`${at}/disabilityGrade`, 'GRADE_RANGE', { min: 1, max: 10 });
    }
    if (isText(e.certNumber) && checkVeteranCertNumber(e.certNumber)) add(`${at}/certNumber`, 'FORMAT');
  }

  if (e.employmentType === 'contract') {
    if (e.contractStart === undefined) add(`${at}/contractStart`, 'REQUIRED');
    if (e.contractEnd === undefined) add(`${at}/contractEnd`, 'REQUIRED');
  }
  dispatchIssues(e, at, add);
  if (isText(e.contractStart) && isText(e.contractEnd) && e.contractEnd < e.contractStart) {
    add(`${at}/contractEnd`, 'DATE_ORDER', { after: 'contractStart' });
  }
  if (isText(e.employedFrom) && isText(e.employedTo) && e.employedTo < e.employedFrom) {
    add(`${at}/employedTo`, 'DATE_ORDER', { after: 'employedFrom' });
  }
  // Nothing the employer declares happened after the day it files.
  const today = chinaDateOf(rules.today);
  for (const field of ['contractStart', 'employedFrom', 'employedTo'] as const) {
    const value = e[field];
    if (isText(value) && value > today) add(`${at}/${field}`, 'DATE_IN_FUTURE');
  }
  // Employment dates name the months of the review year worked here.
  if (isInt(year)) {
    for (const field of ['employedFrom', 'employedTo'] as const) {
      const value = e[field];
      if (isText(value) && !value.startsWith(`${year}-`)) add(`${at}/${field}`, 'DATE_OUTSIDE_YEAR', { year });
    }
  }
}

/**
 * 劳务派遣 (财税〔2015〕72号 art. 8): a dispatched employee names the agency (a valid USCC; this filing's own when the
 * filer is the agency) and says whether the written agreement counts the person here. Anyone else may not carry
 * either field: a stray agency or agreement is a mistake to correct, not something to drop unseen.
 */
function dispatchIssues(e: Json, at: string, add: Report): void {
  if (e.employmentType === 'dispatch') {
    if (e.dispatchAgencyUscc === undefined) add(`${at}/dispatchAgencyUscc`, 'REQUIRED');
    else if (isText(e.dispatchAgencyUscc)) {
      const problem = checkUscc(e.dispatchAgencyUscc);
      if (problem) add(`${at}/dispatchAgencyUscc`, problem);
    }
    if (e.dispatchCountedHere === undefined) add(`${at}/dispatchCountedHere`, 'REQUIRED');
  } else if (e.employmentType !== undefined) {
    for (const field of ['dispatchAgencyUscc', 'dispatchCountedHere'] as const) {
      if (e[field] !== undefined) add(`${at}/${field}`, 'DISPATCH_ONLY');
    }
  }
}

/**
 * Every problem of one employee for a review year — the schema's employee definition, then the same domain rules
 * a filing applies — with paths under `at` ("/employees/3"), and the notices for the reviewer. For lists built
 * outside a filing (the spreadsheet import). Text is normalised first, as in a filing.
 */
export function validateEmployee(
  employee: unknown,
  at: string,
  year: number,
  rules: Pick<FilingRules, 'today'>,
): { issues: FieldIssue[]; notices: FieldIssue[]; employee: unknown } {
  const text = normalizeText(employee, at);
  const badText = new Set(text.issues.map((i) => i.path));
  const shape = checkEmployeeShape(text.value);
  const issues = [
    ...text.issues,
    ...(shape.ok ? [] : shape.issues.map((i) => ({ ...i, path: i.path === '/' ? at : `${at}${i.path}` })).filter((i) => !badText.has(i.path))),
  ];
  const notices: FieldIssue[] = [];
  if (typeof text.value !== 'object' || text.value === null || Array.isArray(text.value)) return { issues, notices, employee: text.value };
  const flagged = new Set(issues.map((i) => i.path));
  employeeIssues(
    text.value as Json,
    at,
    year,
    rules,
    (path, code, params) => {
      if (!flagged.has(path)) issues.push(params ? { path, code, params } : { path, code });
    },
    (path, code, params) => notices.push(params ? { path, code, params } : { path, code }),
  );
  return { issues, notices, employee: text.value };
}

export type FilingValidation = { ok: true; filing: Filing; notices: FieldIssue[] } | { ok: false; issues: FieldIssue[] };

/**
 * Every problem of a declaration — its text, the schema and the domain rules together; `ok` means it may be
 * stored, as the normalised `filing`, with `notices` for the reviewer.
 */
export function validateFiling(body: unknown, rules: FilingRules): FilingValidation {
  const text = normalizeText(body);
  const badText = new Set(text.issues.map((i) => i.path));
  const shape = checkShape(text.value);
  // A field refused for its characters is reported once, for that.
  const schemaIssues = [...text.issues, ...(shape.ok ? [] : shape.issues.filter((i) => !badText.has(i.path)))];
  if (typeof text.value !== 'object' || text.value === null || Array.isArray(text.value)) return { ok: false, issues: schemaIssues };
  const flagged = new Set(schemaIssues.map((i) => i.path));
  const domain = domainIssues(text.value as Json, rules, flagged);
  const issues = [...schemaIssues, ...domain.issues];
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, filing: text.value as Filing, notices: domain.notices };
}
