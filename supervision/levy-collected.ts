// The levy the tax bureau reports collected (levy_collections, filled by the share-back process: docs/share-back.md),
// summed for the supervision figures beside the estimate: per county and year, over the units that filed that year
// in the region (a unit's collection counts in the county its filing is handled by, as its estimate does). Read
// through the facts' filed index for the region, then each unit-year's row by its key.
import type { Db } from '../platform/db.ts';
import { regionRange } from '../domain/region-range.ts';

export interface LevyCollectedSums {
  /** county code → yuan collected, for the figures' year */
  byCounty: ReadonlyMap<string, number>;
  /** units of the year with a collection reported, and its sum */
  units: number;
  amount: number;
  /** year → yuan collected, this and earlier years */
  byYear: ReadonlyMap<number, number>;
}

export async function levyCollectedSums(db: Db, q: { year: number; regionCode: string }): Promise<LevyCollectedSums> {
  const { from, to } = regionRange(q.regionCode);
  const { rows } = await db.query<{ year: number; county_code: string; units: number; amount: number }>(
    `select f.year, f.county_code, count(*)::int as units, sum(l.amount)::float8 as amount
       from supervision_filing_facts f
       join levy_collections l on l.uscc = f.uscc and l.year = f.year
      where f.year <= $1 and f.filed and f.county_code between $2 and $3
      group by f.year, f.county_code`,
    [q.year, from, to],
  );
  const byCounty = new Map<string, number>();
  const byYear = new Map<number, number>();
  let units = 0;
  let amount = 0;
  for (const r of rows) {
    byYear.set(r.year, (byYear.get(r.year) ?? 0) + r.amount);
    if (r.year !== q.year) continue;
    byCounty.set(r.county_code, (byCounty.get(r.county_code) ?? 0) + r.amount);
    units += r.units;
    amount += r.amount;
  }
  return { byCounty, units, amount, byYear };
}
