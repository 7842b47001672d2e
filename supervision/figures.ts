// The supervision figures of a year and region (docs/supervision.md), read from supervision_totals, which the
// database keeps per (year, county, industry section) as filings move (migration 023): a province's year is at most
// counties × 21 rows, never a scan of filings. Overdue tasks come from the engine, through `sources`.
import type { Db } from '../platform/db.ts';
import { regionName } from '../domain/regions.ts';
import type { SupervisionCountyRow, SupervisionFigures, SupervisionIndustryRow } from './figures-types.ts';
import { CERTIFICATE_KINDS, GRADES, industryLabel, RATIO_BUCKETS } from './labels.ts';
import { levyCollectedSums } from './levy-collected.ts';
import { countiesWithin, regionRange } from './region-range.ts';

export interface OverdueOfCounty {
  overdueTasks: number;
  maxWorkingDaysOver: number;
}

/**
 * Overdue county tasks of the filings of `year`, by county code (supervision/overdue-tasks.ts asks the engine);
 * counties absent have none.
 */
export type OverdueTasksSource = (year: number, countyCodes: readonly string[]) => Promise<ReadonlyMap<string, OverdueOfCounty>>;

export interface FiguresSources {
  overdueTasks?: OverdueTasksSource;
  now?: Date;
}

const COUNTED = [
  'filed', 'new_units', 'online', 'window', 'accepted', 'awaiting_confirmation', 'disputed', 'certified', 'sent_to_tax',
  'certified_employees', ...CERTIFICATE_KINDS.map((k) => k.column), ...GRADES.map((g) => g.column), 'below_quota_units',
  'shortfall', 'levy_estimate', 'above_quota_units', 'surplus', ...RATIO_BUCKETS.map((b) => b.column),
] as const;
type Column = (typeof COUNTED)[number];
type Sums = Record<Column, number>;

const SUM_LIST = COUNTED.map((c) => `sum("${c}")::float8 as "${c}"`).join(', ');

function emptySums(): Sums {
  return Object.fromEntries(COUNTED.map((c) => [c, 0])) as Sums;
}

function add(into: Sums, row: Sums): void {
  for (const c of COUNTED) into[c] += Number(row[c] ?? 0);
}

/** Money and weighted counts to two decimals, as the review stores them. */
function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function supervisionFigures(db: Db, q: { year: number; regionCode: string }, sources: FiguresSources = {}): Promise<SupervisionFigures> {
  const { from, to } = regionRange(q.regionCode);
  const [cells, lastYear, years, collected] = await Promise.all([
    db.query<Sums & { county_code: string; industry: string }>(
      `select county_code, industry, ${SUM_LIST} from supervision_totals
        where year = $1 and county_code between $2 and $3 group by county_code, industry`,
      [q.year, from, to],
    ),
    db.query<{ county_code: string; filed: number }>(
      `select county_code, sum(filed)::float8 as filed from supervision_totals
        where year = $1 and county_code between $2 and $3 group by county_code`,
      [q.year - 1, from, to],
    ),
    db.query<Sums & { year: number }>(
      `select year, ${SUM_LIST} from supervision_totals
        where year <= $1 and county_code between $2 and $3 group by year order by year`,
      [q.year, from, to],
    ),
    levyCollectedSums(db, q),
  ]);

  const counties = countiesWithin(q.regionCode);
  const overdue = sources.overdueTasks ? await sources.overdueTasks(q.year, counties.map((c) => c.regionCode)) : new Map<string, OverdueOfCounty>();
  const lastYearFiled = new Map(lastYear.rows.map((r) => [r.county_code, Number(r.filed)]));

  const total = emptySums();
  const byCountySums = new Map<string, Sums>();
  const byIndustrySums = new Map<string, Sums>();
  for (const row of cells.rows) {
    add(total, row);
    const county = byCountySums.get(row.county_code) ?? emptySums();
    add(county, row);
    byCountySums.set(row.county_code, county);
    const industry = byIndustrySums.get(row.industry) ?? emptySums();
    add(industry, row);
    byIndustrySums.set(row.industry, industry);
  }

  // Counties of the region in code order; a filing handled by a code no longer in the table still shows.
  const countyList = [...counties];
  for (const code of byCountySums.keys()) {
    if (!countyList.some((c) => c.regionCode === code)) countyList.push({ regionCode: code, regionName: regionName(code) ?? code });
  }
  countyList.sort((a, b) => a.regionCode.localeCompare(b.regionCode));

  const expectedOf = (code: string, sums: Sums): number => (lastYearFiled.get(code) ?? 0) + sums.new_units;
  const byCounty: SupervisionCountyRow[] = countyList.map(({ regionCode, regionName: name }) => {
    const s = byCountySums.get(regionCode) ?? emptySums();
    const late = overdue.get(regionCode);
    return {
      regionCode,
      regionName: name,
      expected: expectedOf(regionCode, s),
      filed: s.filed,
      certified: s.certified,
      sentToTax: s.sent_to_tax,
      overdueTasks: late?.overdueTasks ?? 0,
      maxWorkingDaysOver: late?.maxWorkingDaysOver ?? 0,
      certifiedEmployees: s.certified_employees,
      belowQuotaUnits: s.below_quota_units,
      shortfall: cents(s.shortfall),
      levyEstimate: cents(s.levy_estimate),
      levyCollected: cents(collected.byCounty.get(regionCode) ?? 0),
      aboveQuotaUnits: s.above_quota_units,
    };
  });
  const expected = byCounty.reduce((n, c) => n + c.expected, 0);

  const byIndustry: SupervisionIndustryRow[] = [...byIndustrySums.entries()]
    .sort(([a], [b]) => (a === '-' ? 1 : b === '-' ? -1 : a.localeCompare(b)))
    .map(([industryCode, s]) => ({
      industryCode,
      label: industryLabel(industryCode),
      units: s.filed,
      certifiedEmployees: s.certified_employees,
      belowQuotaUnits: s.below_quota_units,
      shortfall: cents(s.shortfall),
      levyEstimate: cents(s.levy_estimate),
    }));

  return {
    year: q.year,
    regionCode: q.regionCode,
    regionName: regionName(q.regionCode) ?? q.regionCode,
    computedAt: (sources.now ?? new Date()).toISOString(),
    progress: {
      expected,
      filed: total.filed,
      online: total.online,
      window: total.window,
      accepted: total.accepted,
      awaitingConfirmation: total.awaiting_confirmation,
      disputed: total.disputed,
      certified: total.certified,
      sentToTax: total.sent_to_tax,
    },
    byCounty,
    employment: {
      certifiedEmployees: total.certified_employees,
      byCertificateKind: CERTIFICATE_KINDS.map((k) => ({ kind: k.kind, label: k.label, count: total[k.column] })),
      byGrade: GRADES.map((g) => ({ grade: g.grade, label: g.label, count: total[g.column] })),
      byIndustry,
      ratioBuckets: RATIO_BUCKETS.map((b) => ({ key: b.key, label: b.label, units: total[b.column] })),
      belowQuota: { units: total.below_quota_units, shortfall: cents(total.shortfall), levyEstimate: cents(total.levy_estimate) },
      aboveQuota: { units: total.above_quota_units, surplus: cents(total.surplus) },
      levyCollected: { units: collected.units, amount: cents(collected.amount) },
    },
    years: years.rows.map((r) => ({
      year: Number(r.year),
      filed: r.filed,
      certified: r.certified,
      certifiedEmployees: r.certified_employees,
      belowQuotaUnits: r.below_quota_units,
      levyEstimate: cents(r.levy_estimate),
      levyCollected: cents(collected.byYear.get(Number(r.year)) ?? 0),
    })),
  };
}
