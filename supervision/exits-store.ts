// Exits of disabled employees (GET /api/supervision/exits): supervision_exits as the database keeps it when a
// filing's review result is recorded (migration 023 supervision_exits_of): names and masked ID numbers only.
import type { Db } from '../platform/db.ts';
import { regionName } from '../domain/regions.ts';
import { EXIT_REASONS, type ExitReason } from './labels.ts';
import { pageClause, type Page } from './page-clause.ts';
import { regionRange } from '../domain/region-range.ts';

export interface ExitQuery {
  year: number;
  regionCode: string;
  reason?: ExitReason;
}

export interface ExitItem {
  filingId: string;
  uscc: string;
  unitName: string;
  regionCode: string;
  employeeName: string;
  idNumberMasked: string;
  reason: ExitReason;
  reasonLabel: string;
  lastMonth: string | null;
}

function conditions(q: ExitQuery): { where: string; params: unknown[] } {
  const { from, to } = regionRange(q.regionCode);
  const params: unknown[] = [q.year, from, to];
  let where = 'year = $1 and county_code between $2 and $3';
  if (q.reason !== undefined) where += ` and reason = $${params.push(q.reason)}`;
  return { where, params };
}

/** Counts per county from supervision_exit_totals (kept by trigger), not a count over the list. */
export async function exitCounts(db: Db, q: ExitQuery): Promise<{ total: number; byCounty: Array<{ regionCode: string; regionName: string; count: number }> }> {
  const { where, params } = conditions(q);
  const result = await db.query<{ county_code: string; count: string }>(
    `select county_code, sum(exits)::text as count from supervision_exit_totals where ${where}
      group by county_code having sum(exits) > 0 order by county_code`,
    params,
  );
  const byCounty = result.rows.map((r) => ({ regionCode: r.county_code, regionName: regionName(r.county_code) ?? r.county_code, count: Number(r.count) }));
  return { total: byCounty.reduce((n, c) => n + c.count, 0), byCounty };
}

export async function exitItems(db: Db, q: ExitQuery, page: Page): Promise<ExitItem[]> {
  const { where, params } = conditions(q);
  const result = await db.query<{
    filing_id: string; uscc: string; unit_name: string; county_code: string; employee_name: string; id_number_masked: string;
    reason: ExitReason; last_month: string | null;
  }>(
    `select filing_id, uscc, unit_name, county_code, employee_name, id_number_masked, reason, last_month
       from supervision_exits where ${where}
      order by county_code, uscc, person_hash ${pageClause(params, page)}`,
    params,
  );
  return result.rows.map((r) => ({
    filingId: r.filing_id,
    uscc: r.uscc,
    unitName: r.unit_name,
    regionCode: r.county_code,
    employeeName: r.employee_name,
    idNumberMasked: r.id_number_masked,
    reason: r.reason,
    reasonLabel: EXIT_REASONS[r.reason],
    lastMonth: r.last_month,
  }));
}
