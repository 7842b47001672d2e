// Fixtures for the automatic review: from a compact description of each employee (certificate, employment,
// contract, wages and insurance month by month) both the declaration entry and the department records the
// simulators serve (docs/contracts.md §3), all synthetic with valid check digits. Everything describes the review
// year 2025 unless a scenario says otherwise.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Employee, EmploymentType, Filing } from '../../filings/declaration/filing.ts';
import { disabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { seededRandom, syntheticIdNumber, syntheticMobile, syntheticName, type Random } from '../../domain/synthetic.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../../platform/config.ts';

export const YEAR = 2025;
/** 1 … 12 */
export type Month = number;
export const ALL_MONTHS: readonly Month[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export type CertSpec =
  | { kind: 'disability'; grade: 1 | 2 | 3 | 4; category?: number }
  | { kind: 'veteran' | 'police'; grade: number };

export interface EmployeeSpec {
  cert: CertSpec;
  /** What the register holds; defaults: valid 2020-01-01 … 2030-12-31, held, under the declared name. */
  register?: { validFrom?: string; validUntil?: string; revoked?: boolean; name?: 'declared' | 'different'; held?: boolean };
  /** Employed within the review year; default the whole year. */
  employed?: { from: string; to: string };
  employmentType?: EmploymentType;
  /** Default 2024-01-01 … 2026-12-31; null: none declared (establishment staff). */
  contract?: { start: string; end: string } | null;
  dispatchCountedHere?: boolean;
  /** 劳务派遣: the agency's USCC; default the filing unit's own (it is the agency, so it pays), as a declaration must name one. */
  dispatchAgencyUscc?: string;
  /** Paid every employed month unless `wages` says otherwise; default 6000. */
  monthlyWage?: number;
  /** Per month: an amount, several payments, or null for no payment that month. */
  wages?: Partial<Record<Month, number | number[] | null>>;
  /** Months with a paid pension record; default every employed month. */
  pensionPaid?: readonly Month[];
  /** Months with a record saying due and not paid. */
  pensionUnpaid?: readonly Month[];
  medicalPaid?: readonly Month[];
  medicalUnpaid?: readonly Month[];
  /** Hukou (and ID number region); outside 33 → the pension is in national-pension.json. Default 330106. */
  hukouRegionCode?: string;
  male?: boolean;
  /** The same person as an earlier employee of the scenario, declared again. */
  sameAs?: number;
}

export interface ScenarioSpec {
  seed: number;
  regionCode?: string;
  averageStaffCount?: number;
  averageAnnualWage?: number;
  /** The unit at market regulation; default active. */
  registration?: 'active' | 'deregistered' | 'abnormal';
  employees: EmployeeSpec[];
}

export interface DpfRecord { certNumber: string; idNumber: string; name: string; category: number; grade: number; validFrom: string; validUntil: string; status: 'valid' | 'revoked' }
export interface VeteranRecord { certNumber: string; idNumber: string; name: string; kind: 'veteran' | 'police'; grade: number; validFrom: string; validUntil: string }
export interface PaidRecord { idNumber: string; uscc: string; month: string; paid: boolean }
export interface WageRecord { idNumber: string; uscc: string; month: string; amount: number }
export interface RegistrationRecord { uscc: string; name: string; registrar: 'samr'; status: string; changedAt: string }

/** The records one scenario adds to each simulator's data file. */
export interface DepartmentRecords {
  'dpf-certificates.json': DpfRecord[];
  'veteran-certificates.json': VeteranRecord[];
  'pension.json': PaidRecord[];
  'national-pension.json': PaidRecord[];
  'medical.json': PaidRecord[];
  'wages.json': WageRecord[];
  'registrations.json': RegistrationRecord[];
}

export interface Scenario {
  filing: Filing;
  records: DepartmentRecords;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const monthKey = (m: Month, year = YEAR) => `${year}-${pad(m)}`;

/** The months of the year that share a day with [from, to]. */
export function monthsWithin(from: string, to: string, year = YEAR): Month[] {
  return ALL_MONTHS.filter((m) => {
    const first = `${year}-${pad(m)}-01`;
    const last = `${year}-${pad(m)}-${pad(new Date(Date.UTC(year, m, 0)).getUTCDate())}`;
    return from <= last && to >= first;
  });
}

function otherName(rand: Random, name: string): string {
  for (;;) {
    const candidate = syntheticName(rand);
    if (candidate !== name) return candidate;
  }
}

let veteranSerial = 0;

function buildEmployee(rand: Random, spec: EmployeeSpec, uscc: string, earlier: Employee[], records: DepartmentRecords): Employee {
  const year = YEAR;
  const employed = spec.employed ?? { from: `${year}-01-01`, to: `${year}-12-31` };
  // The unit the departments hold the person's months under: the agency for a dispatched person who names one.
  const payer = spec.dispatchAgencyUscc ?? uscc;
  const employmentType = spec.employmentType ?? 'contract';
  const contract = spec.contract === undefined ? { start: `${year - 1}-01-01`, end: `${year + 1}-12-31` } : spec.contract;

  if (spec.sameAs !== undefined) {
    // The person declared again: the same entry, no further department records.
    const first = earlier[spec.sameAs];
    if (!first) throw new Error(`sameAs ${spec.sameAs} names no earlier employee`);
    return { ...first };
  }

  const hukou = spec.hukouRegionCode ?? '330106';
  const idNumber = syntheticIdNumber(rand, { regionCode: hukou, birthFrom: '1980-01-01', birthTo: '1996-12-31', male: spec.male });
  const name = syntheticName(rand);
  const reg = spec.register ?? {};
  const registerName = reg.name === 'different' ? otherName(rand, name) : name;
  const validFrom = reg.validFrom ?? '2020-01-01';
  const validUntil = reg.validUntil ?? '2030-12-31';

  let certNumber: string;
  let disabilityCategory: number | undefined;
  if (spec.cert.kind === 'disability') {
    disabilityCategory = spec.cert.category ?? 4;
    certNumber = disabilityCertNumber(idNumber, disabilityCategory, spec.cert.grade);
    if (reg.held !== false) {
      records['dpf-certificates.json'].push({
        certNumber, idNumber, name: registerName, category: disabilityCategory, grade: spec.cert.grade, validFrom, validUntil, status: reg.revoked ? 'revoked' : 'valid',
      });
    }
  } else {
    veteranSerial += 1;
    certNumber = `${spec.cert.kind === 'veteran' ? '浙军残字第' : '浙警残字第'}${String(700_000 + veteranSerial)}号`;
    if (reg.held !== false) {
      records['veteran-certificates.json'].push({ certNumber, idNumber, name: registerName, kind: spec.cert.kind, grade: spec.cert.grade, validFrom, validUntil });
    }
  }

  const employedMonths = monthsWithin(employed.from, employed.to);
  const monthlyWage = spec.monthlyWage ?? 6000;
  let annualWage = 0;
  for (const m of employedMonths.concat(Object.keys(spec.wages ?? {}).map(Number).filter((m) => !employedMonths.includes(m)))) {
    const given = spec.wages && m in spec.wages ? spec.wages[m] : monthlyWage;
    if (given === null || given === undefined) continue;
    for (const amount of Array.isArray(given) ? given : [given]) {
      records['wages.json'].push({ idNumber, uscc: payer, month: monthKey(m), amount });
      annualWage += amount;
    }
  }

  const pensionFile = hukou.startsWith('33') ? 'pension.json' : 'national-pension.json';
  const contributions = (file: 'pension.json' | 'national-pension.json' | 'medical.json', paid: readonly Month[], unpaid: readonly Month[]) => {
    for (const m of paid) records[file].push({ idNumber, uscc: payer, month: monthKey(m), paid: true });
    for (const m of unpaid) records[file].push({ idNumber, uscc: payer, month: monthKey(m), paid: false });
  };
  contributions(pensionFile, spec.pensionPaid ?? employedMonths, spec.pensionUnpaid ?? []);
  contributions('medical.json', spec.medicalPaid ?? employedMonths, spec.medicalUnpaid ?? []);

  return {
    name,
    idNumber,
    hukouRegionCode: hukou,
    certType: spec.cert.kind,
    certNumber,
    ...(disabilityCategory === undefined ? {} : { disabilityCategory }),
    disabilityGrade: spec.cert.grade,
    education: 'senior_high',
    phone: syntheticMobile(rand),
    jobPost: '装配工',
    annualWage,
    employmentType,
    // A dispatched worker names the agency and the agreement's side (a declaration requires both; unsaid: not here).
    ...(employmentType === 'dispatch' ? { dispatchAgencyUscc: spec.dispatchAgencyUscc ?? uscc, dispatchCountedHere: spec.dispatchCountedHere ?? false } : {}),
    ...(employmentType !== 'dispatch' && spec.dispatchCountedHere !== undefined ? { dispatchCountedHere: spec.dispatchCountedHere } : {}),
    ...(contract ? { contractStart: contract.start, contractEnd: contract.end } : {}),
    employedFrom: employed.from,
    employedTo: employed.to,
  };
}

const emptyRecords = (): DepartmentRecords => ({
  'dpf-certificates.json': [],
  'veteran-certificates.json': [],
  'pension.json': [],
  'national-pension.json': [],
  'medical.json': [],
  'wages.json': [],
  'registrations.json': [],
});

/** A valid online filing of a synthetic unit, and what every department knows about it and its people. */
export function buildScenario(spec: ScenarioSpec): Scenario {
  const base = syntheticFiling(spec.seed, { year: YEAR, regionCode: spec.regionCode ?? '330106', employees: 1 });
  const rand = seededRandom(spec.seed * 7 + 1);
  const records = emptyRecords();
  const { uscc } = base.employer;
  const employees: Employee[] = [];
  for (const employee of spec.employees) employees.push(buildEmployee(rand, employee, uscc, employees, records));
  const employer = {
    ...base.employer,
    averageStaffCount: spec.averageStaffCount ?? base.employer.averageStaffCount,
    averageAnnualWage: spec.averageAnnualWage ?? base.employer.averageAnnualWage,
  };
  const status = spec.registration ?? 'active';
  records['registrations.json'].push({ uscc, name: employer.name, registrar: 'samr', status, changedAt: status === 'active' ? '2016-03-01' : '2025-09-30' });
  return { filing: { ...base, employer, employees }, records };
}

/**
 * The agency's side of a dispatched person a host scenario declares (built with `dispatchAgencyUscc` = the agency's
 * USCC): the agency's filing declares the same person, naming itself as the agency, with its side of the agreement.
 * The department records stay the host scenario's (they are under the agency already).
 */
export function declaredByAgency(agency: Scenario, dispatched: Employee, dispatchCountedHere: boolean): Scenario {
  const employee: Employee = { ...dispatched, employmentType: 'dispatch', dispatchAgencyUscc: agency.filing.employer.uscc, dispatchCountedHere };
  return { ...agency, filing: { ...agency.filing, employees: [...agency.filing.employees, employee] } };
}

/** A temporary SIM_DATA_DIR: the shipped seed data plus every scenario's records. Throws on any clash with the seed. */
export async function simDataDirWith(scenarios: readonly Scenario[]): Promise<string> {
  // Two scenarios of one unit would be one unit to every department (and to the registration file).
  const units = new Map<string, number>();
  scenarios.forEach((s, i) => {
    const earlier = units.get(s.filing.employer.uscc);
    if (earlier !== undefined) throw new Error(`scenarios ${earlier} and ${i} are the same unit ${s.filing.employer.uscc}; give them different seeds`);
    units.set(s.filing.employer.uscc, i);
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'automatic-review-sim-'));
  await cp(path.join(projectRoot, 'connectors', 'seed-data'), dir, { recursive: true });
  const files = Object.keys(emptyRecords()) as (keyof DepartmentRecords)[];
  for (const file of files) {
    const existing = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Record<string, unknown>[];
    const taken = new Set(existing.flatMap((r) => [r.idNumber, r.uscc, r.certNumber].filter((v) => typeof v === 'string')));
    const added = scenarios.flatMap((s) => s.records[file] as unknown as Record<string, unknown>[]);
    for (const record of added) {
      for (const key of ['idNumber', 'certNumber'] as const) {
        if (typeof record[key] === 'string' && taken.has(record[key])) throw new Error(`${file}: a synthetic ${key} of the scenarios is already in the seed data; change a seed`);
      }
    }
    await writeFile(path.join(dir, file), JSON.stringify([...existing, ...added], null, 1));
  }
  return dir;
}
