// The per-region rows of the figures as the page lists them: a city's or a county's counties one by one; for the
// province, each city summed from its counties, with the counties under it.
import { cityCodeOf, regionName } from '../../../../domain/regions.ts';
import type { CountyFigures } from './supervision-shapes.ts';

export interface RegionRow extends CountyFigures {
  children?: RegionRow[];
}

const SUMMED = ['expected', 'filed', 'certified', 'sentToTax', 'overdueTasks', 'certifiedEmployees', 'belowQuotaUnits', 'shortfall', 'levyEstimate', 'levyCollected', 'aboveQuotaUnits'] as const;

export function isProvince(regionCode: string): boolean {
  return regionCode.endsWith('0000');
}

export function regionRows(regionCode: string, byCounty: CountyFigures[]): RegionRow[] {
  if (!isProvince(regionCode)) return byCounty;
  const cities = new Map<string, CountyFigures[]>();
  for (const county of byCounty) {
    const city = cityCodeOf(county.regionCode);
    cities.set(city, [...(cities.get(city) ?? []), county]);
  }
  return [...cities.entries()].map(([code, counties]) => {
    const row: RegionRow = { regionCode: code, regionName: regionName(code) ?? code, maxWorkingDaysOver: Math.max(0, ...counties.map((c) => c.maxWorkingDaysOver)), ...zeroes(), children: counties };
    for (const county of counties) for (const key of SUMMED) row[key] += county[key];
    return row;
  });
}

function zeroes(): Record<(typeof SUMMED)[number], number> {
  return Object.fromEntries(SUMMED.map((k) => [k, 0])) as Record<(typeof SUMMED)[number], number>;
}

/** A region's name without its city when the page already names the city. */
export function shortName(row: { regionCode: string; regionName: string }, within: string): string {
  const city = regionName(cityCodeOf(row.regionCode));
  if (!isProvince(within) && city && row.regionName.startsWith(city) && row.regionName !== city) return row.regionName.slice(city.length);
  return row.regionName;
}
