// A region asked for (a county, a city xxxx00 or the province 330000) as the range of county codes it covers: the
// supervision tables are keyed by county, so a city or the province is one range scan of their indexes.
import { isWithin, regionName, zhejiangCounties } from './regions.ts';

export interface RegionRange {
  /** lowest and highest county code covered (inclusive) */
  from: string;
  to: string;
}

export function regionRange(regionCode: string): RegionRange {
  if (regionCode.endsWith('0000')) return { from: regionCode.slice(0, 2) + '0000', to: regionCode.slice(0, 2) + '9999' };
  if (regionCode.endsWith('00')) return { from: regionCode, to: regionCode.slice(0, 4) + '99' };
  return { from: regionCode, to: regionCode };
}

/** The Zhejiang counties within the region, in code order, with their full names. */
export function countiesWithin(regionCode: string): Array<{ regionCode: string; regionName: string }> {
  return zhejiangCounties()
    .filter((c) => isWithin(c.code, regionCode))
    .map((c) => ({ regionCode: c.code, regionName: regionName(c.code) ?? c.code }))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
}
