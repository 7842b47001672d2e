// The supervision figures of a year and region (docs/supervision.md), read from supervision_totals, which the
// database keeps per (year, county, industry section) as filings move (migration 023): a province's year is at most
// counties × 21 rows, never a scan of filings. Overdue tasks come from the engine, through `sources`. The years before
// the system count from the imported history (review_history): last year's filers, and the years' comparison.
import type { Db } from '../platform/db.ts';
import { regionName } from '../domain/regions.ts';
import type { SupervisionCountyRow, SupervisionFigures, SupervisionIndustryRow } from './figures-types.ts';
import { CERTIFICATE_KINDS, GRADES, industryLabel, RATIO_BUCKETS } from './labels.ts';
import { levyCollectedSums } from './levy-collected.ts';
import { countiesWithin, regionRange } from '../domain/region-range.ts';

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
  const [cells, lastYear, years, history, collected] = await Promise.all([
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
    importedHistory(db, q.year, from, to),
    levyCollectedSums(db, q),
  ]);

  const counties = countiesWithin(q.regionCode);
  const overdue = sources.overdueTasks ? await sources.overdueTasks(q.year, counties.map((c) => c.regionCode)) : new Map<string, OverdueOfCounty>();
  const lastYearFiled = new Map(lastYear.rows.map((r) => [r.county_code, Number(r.filed)]));
  // Last year's filers include the units whose last year was imported as history; a unit that filed this year for the
  // first time here, but is in last year's history, is one of those, not a new unit.
  for (const [county, units] of history.lastYearUnits) lastYearFiled.set(county, (lastYearFiled.get(county) ?? 0) + units);

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

  const expectedOf = (code: string, sums: Sums): number => (lastYearFiled.get(code) ?? 0) + sums.new_units - (history.newButImported.get(code) ?? 0);
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
    years: mergeYears(
      years.rows.map((r) => ({
        year: Number(r.year),
        filed: r.filed,
        certified: r.certified,
        certifiedEmployees: r.certified_employees,
        belowQuotaUnits: r.below_quota_units,
        levyEstimate: cents(r.levy_estimate),
        levyCollected: cents(collected.byYear.get(Number(r.year)) ?? 0),
      })),
      history.years,
    ),
  };
}

type YearRow = SupervisionFigures['years'][number];

interface ImportedHistory {
  /** Units of last year's history (with no filing here that year), by county. */
  lastYearUnits: Map<string, number>;
  /** This year's new units (no filing last year) that are in last year's history, by county. */
  newButImported: Map<string, number>;
  /** Each imported year up to `year`: every unit-year counts as filed and certified, the levy paid as its levy. */
  years: YearRow[];
}

/**
 * The review years before the system (review_history, docs/review-history.md) as the figures count them. The history
 * is small beside the filings (two years of a province) and indexed by year and region.
 */
async function importedHistory(db: Db, year: number, from: string, to: string): Promise<ImportedHistory> {
  const [last, fresh, years] = await Promise.all([
    db.query<{ region_code: string; units: number }>(
      `select h.region_code, count(*)::int as units from review_history h
        where h.year = $1 and h.region_code between $2 and $3
          and not exists (select 1 from filings f where f.employer_uscc = h.uscc and f.year = h.year
                           and f.status not in ('returned', 'withdrawn', 'transferred'))
        group by h.region_code`,
      [year - 1, from, to],
    ),
    db.query<{ county_code: string; units: number }>(
      `select s.county_code, count(*)::int as units from supervision_filing_facts s
        where s.year = $1 and s.new_unit and s.county_code between $2 and $3
          and exists (select 1 from review_history h where h.uscc = s.uscc and h.year = $1 - 1)
        group by s.county_code`,
      [year, from, to],
    ),
    db.query<{ year: number; units: number; employees: number; below: number; levy: number }>(
      `select h.year, count(*)::int as units, coalesce(sum(e.people), 0)::int as employees,
              count(*) filter (where h.certified_count < h.required_count)::int as below, sum(h.levy_paid)::float8 as levy
         from review_history h
         left join lateral (select count(*) as people from review_history_employees e where e.uscc = h.uscc and e.year = h.year) e on true
        where h.year <= $1 and h.region_code between $2 and $3
        group by h.year order by h.year`,
      [year, from, to],
    ),
  ]);
  return {
    lastYearUnits: new Map(last.rows.map((r) => [r.region_code, r.units])),
    newButImported: new Map(fresh.rows.map((r) => [r.county_code, r.units])),
    years: years.rows.map((r) => ({
      year: Number(r.year),
      filed: r.units,
      certified: r.units,
      certifiedEmployees: r.employees,
      belowQuotaUnits: r.below,
      levyEstimate: cents(Number(r.levy)),
      // The tax bureau's collections are reported per unit-year whichever way the year was reviewed: counted once,
      // with the filed years (mergeYears keeps the filed row's figure).
      levyCollected: 0,
    })),
  };
}

/** The filings' years and the imported ones, a year's figures added where both have it. */
function mergeYears(filed: YearRow[], imported: YearRow[]): YearRow[] {
  const byYear = new Map(filed.map((r) => [r.year, { ...r }]));
  for (const r of imported) {
    const row = byYear.get(r.year);
    if (!row) byYear.set(r.year, r);
    else {
      row.filed += r.filed;
      row.certified += r.certified;
      row.certifiedEmployees += r.certifiedEmployees;
      row.belowQuotaUnits += r.belowQuotaUnits;
      row.levyEstimate = cents(row.levyEstimate + r.levyEstimate);
    }
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
