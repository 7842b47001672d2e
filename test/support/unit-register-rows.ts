// Rows of the register of units (migration 028) written straight into its tables, as the registrars' feeds and the
// history import would leave them, and a unit's filing certified with a stored result: what the register's suites
// read back through the API and the pages.
import { usccCheckCharacter } from '../../domain/identifiers/uscc.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import type { Db } from '../../platform/db.ts';
import type { ReviewResult } from '../../review/review-result.ts';
import { saveReview } from '../../review/review-store.ts';
import { storeUnitFiling } from './unit-filings.ts';

/** A valid code: registrar and type, the county, a serial of USCC characters (no I, O, S, V, Z). */
export function registerUscc(prefix: '91' | '52' | '12', region: string, serial: string): string {
  const body = `${prefix}${region}${serial.padStart(9, '0')}`;
  return body + usccCheckCharacter(body);
}

export interface RegisterRow {
  uscc: string;
  name: string;
  registrar: 'samr' | 'civil' | 'org';
  status: 'active' | 'deregistered' | 'abnormal' | 'irregular';
  since: string;
  region: string;
  nature: string;
  industry?: string;
}

export async function insertRegisterRow(db: Db, u: RegisterRow): Promise<void> {
  await db.query(
    `insert into unit_register (uscc, name, registrar, status, status_since, region_code, industry_code, unit_nature, registered_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, '2015-03-02')`,
    [u.uscc, u.name, u.registrar, u.status, u.since, u.region, u.industry ?? null, u.nature],
  );
}

/** A change of the register: a feed's record (with its sequence) or, without one, the initial load's. */
export async function insertRegisterChange(
  db: Db,
  c: { uscc: string; registrar: string; sequence: number | null; type: string; before: string | null; after: string; on: string; changes?: object },
): Promise<void> {
  await db.query(
    `insert into unit_register_changes (uscc, registrar, sequence, change_type, status_before, status_after, effective_on, changes, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.uscc, c.registrar, c.sequence, c.type, c.before, c.after, c.on, JSON.stringify(c.changes ?? {}), c.sequence === null ? 'initial-load' : `feed:${c.registrar}`],
  );
}

/** A filing of the unit, certified with the counts and levy given (a stored result, no process). */
export async function storeCertifiedFiling(db: Db, filing: Filing, counts: { certified: number; required: number; levy: number }): Promise<string> {
  const id = await storeUnitFiling(db, filing, filing.year, 'certified');
  const result = {
    year: filing.year,
    certifiedCount: counts.certified,
    requiredCount: counts.required,
    shortfall: Math.max(counts.required - counts.certified, 0),
    levyEstimate: { base: counts.levy, reductionRate: 0, payable: counts.levy, exempt: false, wageBase: 96_000, wageBaseCap: 232_000, quotaRatio: 0.015, actualRatio: 0 },
    employerFindings: [],
    employees: [],
  } as unknown as ReviewResult;
  const rules = { key: 'test', id: 'test:1', version: 1 };
  await saveReview(db, id, result, { counting: rules, weight: rules, levy: rules }, `unit-register:${id}`);
  return id;
}

/** A year before the system, as the history workbook gives it. */
export async function insertHistoryYear(
  db: Db,
  h: { uscc: string; year: number; name: string; region: string; staff: number; wage: number; certified: number; required: number; levyPaid: number },
): Promise<void> {
  await db.query(
    `insert into review_history (uscc, year, unit_name, region_code, staff_count, average_wage, certified_count, required_count, levy_paid, import_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, gen_random_uuid())`,
    [h.uscc, h.year, h.name, h.region, h.staff, h.wage, h.certified, h.required, h.levyPaid],
  );
}
