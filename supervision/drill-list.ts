// The filings behind a supervision figure (GET /api/supervision/filings): one page of supervision_filing_facts, by
// county then unit. Each measure has a partial index on (year, county_code, uscc) (migration 023) whose predicate the
// query repeats, so a page is read in index order however many filings the region has; the total comes from
// supervision_totals where the figure is one it keeps, else it is counted from the same index.
import type { Db } from '../platform/db.ts';
import type { DrillMeasure } from '../api/supervision.ts';
import { pageClause, type Page } from './page-clause.ts';
import { regionRange } from '../domain/region-range.ts';

export interface DrillQuery {
  year: number;
  regionCode: string;
  measure: DrillMeasure;
  industryCode?: string;
  ratioBucket?: string;
}

export interface DrillItem {
  id: string;
  uscc: string;
  unitName: string;
  regionCode: string;
  status: string;
  channel: 'online' | 'window';
  certifiedEmployees: number;
  requiredEmployees: number;
  shortfall: number;
  levyEstimate: number;
  /** the levy the tax bureau reports collected for the unit-year; null when it reported none */
  levyCollected: number | null;
  ratio: number | null;
}

/** Each measure's condition on a fact row (the partial index's predicate) and its column in supervision_totals. */
const MEASURES: Readonly<Record<DrillMeasure, { where: string; total: string }>> = {
  filed: { where: 'filed', total: 'filed' },
  online: { where: 'filed and online', total: 'online' },
  window: { where: 'filed and "window"', total: '"window"' },
  accepted: { where: 'accepted', total: 'accepted' },
  awaitingConfirmation: { where: 'awaiting_confirmation', total: 'awaiting_confirmation' },
  disputed: { where: 'disputed', total: 'disputed' },
  certified: { where: 'certified', total: 'certified' },
  sentToTax: { where: 'sent_to_tax', total: 'sent_to_tax' },
  belowQuota: { where: 'below_quota', total: 'below_quota_units' },
  aboveQuota: { where: 'above_quota', total: 'above_quota_units' },
  certifiedEmployees: { where: 'certified_employees > 0', total: '' },
};

const BUCKET_COLUMNS: Readonly<Record<string, string>> = {
  none: 'bucket_none',
  'under-half': 'bucket_under_half',
  below: 'bucket_below',
  at: 'bucket_at',
  double: 'bucket_double',
};

const SHORT_BUCKETS: readonly string[] = ['none', 'under-half', 'below'];

interface Built {
  where: string;
  params: unknown[];
}

function conditions(q: DrillQuery): Built {
  const { from, to } = regionRange(q.regionCode);
  const params: unknown[] = [q.year, from, to];
  // `filed` first, always: every index's predicate implies it, and the planner sees the partial indexes apply.
  const where = ['year = $1', 'county_code between $2 and $3', 'filed', MEASURES[q.measure].where];
  if (q.industryCode !== undefined) where.push(`industry = $${params.push(q.industryCode)}`);
  if (q.ratioBucket !== undefined) where.push('certified', `ratio_bucket = $${params.push(q.ratioBucket)}`);
  return { where: where.join(' and '), params };
}

/** The total from supervision_totals when it keeps that figure (no ratio bucket, or a bucket of all certified units). */
async function keptTotal(db: Db, q: DrillQuery): Promise<number | undefined> {
  const { from, to } = regionRange(q.regionCode);
  let column = MEASURES[q.measure].total;
  if (q.ratioBucket !== undefined) {
    // A bucket holds certified units only; the ones short of the required count are all below quota.
    const short = SHORT_BUCKETS.includes(q.ratioBucket);
    if (q.measure === 'belowQuota' && !short) return 0;
    if (q.measure === 'aboveQuota' && short) return 0;
    if (!['filed', 'certified', 'belowQuota'].includes(q.measure)) return undefined;
    column = BUCKET_COLUMNS[q.ratioBucket] ?? '';
  }
  if (column === '') return undefined;
  const params: unknown[] = [q.year, from, to];
  const industry = q.industryCode !== undefined ? ` and industry = $${params.push(q.industryCode)}` : '';
  const result = await db.query<{ total: string | null }>(
    `select sum(${column})::bigint::text as total from supervision_totals where year = $1 and county_code between $2 and $3${industry}`,
    params,
  );
  return Number(result.rows[0]?.total ?? 0);
}

export async function drillTotal(db: Db, q: DrillQuery): Promise<number> {
  const kept = await keptTotal(db, q);
  if (kept !== undefined) return kept;
  const { where, params } = conditions(q);
  const result = await db.query<{ total: string }>(`select count(*)::text as total from supervision_filing_facts where ${where}`, params);
  return Number(result.rows[0]!.total);
}

export async function drillItems(db: Db, q: DrillQuery, page: Page): Promise<DrillItem[]> {
  const { where, params } = conditions(q);
  const result = await db.query<{
    filing_id: string; uscc: string; unit_name: string; county_code: string; status: string; channel: 'online' | 'window';
    certified_employees: number; required_count: string; shortfall: string; levy_estimate: string; ratio: string | null;
    levy_collected: string | null;
  }>(
    `select filing_id, uscc, unit_name, county_code, status, channel, certified_employees, required_count, shortfall, levy_estimate, ratio,
            (select l.amount from levy_collections l where l.uscc = supervision_filing_facts.uscc and l.year = supervision_filing_facts.year) as levy_collected
       from supervision_filing_facts where ${where}
      order by county_code, uscc, filing_id ${pageClause(params, page)}`,
    params,
  );
  return result.rows.map((r) => ({
    id: r.filing_id,
    uscc: r.uscc,
    unitName: r.unit_name,
    regionCode: r.county_code,
    status: r.status,
    channel: r.channel,
    certifiedEmployees: r.certified_employees,
    requiredEmployees: Number(r.required_count),
    shortfall: Number(r.shortfall),
    levyEstimate: Number(r.levy_estimate),
    levyCollected: r.levy_collected === null ? null : Number(r.levy_collected),
    ratio: r.ratio === null ? null : Number(r.ratio),
  }));
}
