// The register of units read back (db/migrations/028_unit_register.sql, docs/units.md): a page of units within a region,
// and one unit with its status history, its years — filed here (the filing and its certified result, from the
// supervision facts the triggers keep) or before the system (review_history) — the levy the tax bureau collected,
// and where its latest filing declares it otherwise than the register does. Reads only: the register is written by
// the registrars' feeds (units/apply-register-change.ts), never by a filing.
import type { Db } from '../platform/db.ts';
import { regionRange } from '../domain/region-range.ts';
import type { RegisterChangeType, RegisterRegistrar, RegisterStatus } from '../api/units.ts';

export interface UnitSearch {
  /** A county, a city (xxxx00) or the province (330000): the units whose county lies within. */
  regionCode: string;
  /** The start of the unit's code (upper case). */
  usccPrefix?: string;
  /** The start of the unit's name as registered. */
  namePrefix?: string;
  status?: RegisterStatus;
  registrar?: RegisterRegistrar;
  limit: number;
  offset: number;
}

export interface RegisteredUnit {
  uscc: string;
  name: string;
  registrar: RegisterRegistrar;
  status: RegisterStatus;
  statusSince: string;
  regionCode: string;
  industryCode: string | null;
  unitNature: string;
  registeredOn: string | null;
  updatedAt: string;
}

interface UnitRow {
  uscc: string;
  name: string;
  registrar: RegisterRegistrar;
  status: RegisterStatus;
  status_since: string;
  region_code: string;
  industry_code: string | null;
  unit_nature: string;
  registered_on: string | null;
  updated_at: Date;
}

// Dates as the register keeps them (YYYY-MM-DD), not as the driver's midnight in the server's zone.
const COLUMNS = `uscc, name, registrar, status, status_since::text as status_since, region_code, industry_code, unit_nature,
  registered_on::text as registered_on, updated_at`;

function fromRow(r: UnitRow): RegisteredUnit {
  return {
    uscc: r.uscc,
    name: r.name,
    registrar: r.registrar,
    status: r.status,
    statusSince: r.status_since,
    regionCode: r.region_code,
    industryCode: r.industry_code,
    unitNature: r.unit_nature,
    registeredOn: r.registered_on,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** How far a search counts its units: past this, the list says "more than" and asks for narrower criteria. */
export const COUNT_CAP = 10_000;

/** `like` reads % and _ as wildcards: a prefix typed with them means the characters themselves. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of units, by county, status and code: the order of unit_register_by_region (region_code, status, uscc), so
 * a page of a county, a city or the province is one range of that index however large the register; a name prefix
 * goes through unit_register_by_name, a code prefix through the primary key (a range below the prefix followed by
 * 'Z', which no USCC character reaches). The total is counted up to COUNT_CAP.
 */
export async function searchUnits(db: Db, q: UnitSearch): Promise<{ total: number; totalCapped: boolean; items: RegisteredUnit[] }> {
  const { from, to } = regionRange(q.regionCode);
  const params: unknown[] = [from, to];
  const where = ['region_code between $1 and $2'];
  if (q.usccPrefix) {
    const p = params.push(q.usccPrefix);
    where.push(`uscc >= $${p} and uscc < $${p} || 'Z' and uscc like $${params.push(likePrefix(q.usccPrefix))}`);
  }
  if (q.namePrefix) where.push(`name like $${params.push(likePrefix(q.namePrefix))}`);
  if (q.status) where.push(`status = $${params.push(q.status)}`);
  if (q.registrar) where.push(`registrar = $${params.push(q.registrar)}`);
  const condition = where.join(' and ');
  const [count, rows] = await Promise.all([
    // Counted up to the cap only: a province of millions counts in milliseconds, and nobody pages past it.
    db.query<{ total: string }>(`select count(*)::text as total from (select 1 from unit_register where ${condition} limit ${COUNT_CAP + 1}) found`, params),
    db.query<UnitRow>(
      `select ${COLUMNS} from unit_register where ${condition}
        order by region_code, status, uscc limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, q.limit, q.offset],
    ),
  ]);
  const counted = Number(count.rows[0]?.total ?? 0);
  return { total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, items: rows.rows.map(fromRow) };
}

export async function findUnit(db: Db, uscc: string): Promise<RegisteredUnit | undefined> {
  const result = await db.query<UnitRow>(`select ${COLUMNS} from unit_register where uscc = $1`, [uscc]);
  return result.rows[0] ? fromRow(result.rows[0]) : undefined;
}

export interface RegisterChange {
  id: number;
  changeType: RegisterChangeType;
  statusBefore: RegisterStatus | null;
  statusAfter: RegisterStatus;
  effectiveOn: string;
  registrar: string;
  sequence: number | null;
  source: string;
  changes: Record<string, unknown>;
  recordedAt: string;
}

/** The unit's changes, newest first (by the day they took effect, then as recorded). */
export async function registerChanges(db: Db, uscc: string): Promise<RegisterChange[]> {
  const result = await db.query<{
    id: string; change_type: RegisterChangeType; status_before: RegisterStatus | null; status_after: RegisterStatus; effective_on: string;
    registrar: string; sequence: string | null; source: string; changes: Record<string, unknown>; recorded_at: Date;
  }>(
    `select id::text as id, change_type, status_before, status_after, effective_on::text as effective_on, registrar, sequence::text as sequence,
            source, changes, recorded_at
       from unit_register_changes where uscc = $1 order by effective_on desc, id desc`,
    [uscc],
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    changeType: r.change_type,
    statusBefore: r.status_before,
    statusAfter: r.status_after,
    effectiveOn: r.effective_on,
    registrar: r.registrar,
    sequence: r.sequence === null ? null : Number(r.sequence),
    source: r.source,
    changes: r.changes,
    recordedAt: r.recorded_at.toISOString(),
  }));
}

export interface FiledYear {
  filingId: string;
  status: string;
  channel: 'online' | 'window';
  /** Certified (certified, feedback, sent to tax, closed): the counts below are the certificate's. */
  certified: boolean;
  certifiedCount: number | null;
  requiredCount: number | null;
  levyEstimate: number | null;
}

export interface HistoryYear {
  unitName: string;
  staffCount: number;
  averageWage: number;
  certifiedCount: number;
  requiredCount: number;
  levyPaid: number;
  importedAt: string;
}

export interface UnitYear {
  year: number;
  /** The year's filing here: the one under way or done, else the latest that ended without one. */
  filing: FiledYear | null;
  /** The year as the history workbook reported it (before the system). */
  history: HistoryYear | null;
  /** What the tax bureau reports collected for the year's levy. */
  levyCollected: { amount: number; collectedOn: string | null } | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** Every year the unit has a filing, a history row or a levy collected for, newest first. */
export async function unitYears(db: Db, uscc: string): Promise<UnitYear[]> {
  const [filed, history, levy] = await Promise.all([
    db.query<{
      id: string; year: number; status: string; channel: 'online' | 'window'; certified: boolean | null;
      certified_count: string | null; required_count: string | null; levy_estimate: string | null;
    }>(
      `select distinct on (f.year) f.id, f.year, f.status, f.channel, s.certified, s.certified_count::text, s.required_count::text,
              s.levy_estimate::text
         from filings f left join supervision_filing_facts s on s.filing_id = f.id
        where f.employer_uscc = $1
        order by f.year, f.status in ('returned', 'withdrawn', 'transferred'), f.created_at desc`,
      [uscc],
    ),
    db.query<{
      year: number; unit_name: string; staff_count: number; average_wage: string; certified_count: string; required_count: string;
      levy_paid: string; imported_at: Date;
    }>(
      `select year, unit_name, staff_count, average_wage::text, certified_count::text, required_count::text, levy_paid::text, imported_at
         from review_history where uscc = $1`,
      [uscc],
    ),
    db.query<{ year: number; amount: string; collected_on: string | null }>(
      'select year, amount::text, collected_on::text as collected_on from levy_collections where uscc = $1',
      [uscc],
    ),
  ]);
  const years = new Map<number, UnitYear>();
  const at = (year: number) => {
    const found = years.get(year);
    if (found) return found;
    const made: UnitYear = { year, filing: null, history: null, levyCollected: null };
    years.set(year, made);
    return made;
  };
  for (const f of filed.rows) {
    const certified = f.certified === true;
    at(f.year).filing = {
      filingId: f.id,
      status: f.status,
      channel: f.channel,
      certified,
      // The facts hold zeros for a filing not yet certified: no result to show then.
      certifiedCount: certified ? num(f.certified_count) : null,
      requiredCount: certified ? num(f.required_count) : null,
      levyEstimate: certified ? num(f.levy_estimate) : null,
    };
  }
  for (const h of history.rows) {
    at(h.year).history = {
      unitName: h.unit_name,
      staffCount: h.staff_count,
      averageWage: Number(h.average_wage),
      certifiedCount: Number(h.certified_count),
      requiredCount: Number(h.required_count),
      levyPaid: Number(h.levy_paid),
      importedAt: h.imported_at.toISOString(),
    };
  }
  for (const l of levy.rows) at(l.year).levyCollected = { amount: Number(l.amount), collectedOn: l.collected_on };
  return [...years.values()].sort((a, b) => b.year - a.year);
}

export interface RegisterDiscrepancy {
  field: 'name' | 'unitNature' | 'regionCode' | 'industryCode';
  /** What the register holds: the registrar's word. */
  register: string;
  /** What the unit's latest filing declares. */
  declared: string;
  filingId: string;
  year: number;
}

// Full-width and half-width, spaces: the same name typed two ways is the same name.
const sameName = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/**
 * Where the unit's latest filing (not returned, withdrawn or transferred) declares the unit otherwise than the
 * register: shown beside the register, which the filing never changes.
 */
export async function registerDiscrepancies(db: Db, unit: RegisteredUnit): Promise<RegisterDiscrepancy[]> {
  const found = await db.query<{ id: string; year: number; name: string | null; unit_nature: string | null; region_code: string | null; industry_code: string | null }>(
    `select f.id, f.year, f.declaration #>> '{employer,name}' as name, f.declaration #>> '{employer,unitNature}' as unit_nature,
            f.declaration #>> '{employer,regionCode}' as region_code, f.declaration #>> '{employer,industryCode}' as industry_code
       from filings f
      where f.employer_uscc = $1 and f.status not in ('returned', 'withdrawn', 'transferred')
      order by f.year desc, f.created_at desc limit 1`,
    [unit.uscc],
  );
  const latest = found.rows[0];
  if (!latest) return [];
  const out: RegisterDiscrepancy[] = [];
  const add = (field: RegisterDiscrepancy['field'], register: string, declared: string) => out.push({ field, register, declared, filingId: latest.id, year: latest.year });
  if (latest.name !== null && !sameName(latest.name, unit.name)) add('name', unit.name, latest.name);
  if (latest.unit_nature !== null && latest.unit_nature !== unit.unitNature) add('unitNature', unit.unitNature, latest.unit_nature);
  if (latest.region_code !== null && latest.region_code !== unit.regionCode) add('regionCode', unit.regionCode, latest.region_code);
  // The register gives a code only when the registrar has one: nothing to compare otherwise.
  if (unit.industryCode !== null && latest.industry_code && latest.industry_code.toUpperCase() !== unit.industryCode.toUpperCase()) {
    add('industryCode', unit.industryCode, latest.industry_code);
  }
  return out;
}
