// Which regions and years a supervisor may choose. The province: all of Zhejiang, then every city followed by its
// counties; a city: itself, then its counties; a county lead: their county only. The server checks the same reach.
import { regionName, zhejiangCounties } from '../../../../domain/regions.ts';
import type { Identity } from '../../../../platform/http/identity.ts';
import type { FilingSeasonView } from '../../components/filing/use-filing-season.ts';

export interface RegionChoice {
  value: string;
  label: string;
  /** A county shown under its city. */
  county: boolean;
}

const PROVINCE = '330000';

export function regionChoices(who: Identity | null): RegionChoice[] {
  const counties = zhejiangCounties();
  const countyChoice = (code: string, name: string): RegionChoice => ({ value: code, label: name, county: true });
  if (who?.role === 'province') {
    const cities = [...new Map(counties.map((c) => [c.cityCode, c.cityName])).entries()];
    return [
      { value: PROVINCE, label: '浙江省（全省）', county: false },
      ...cities.flatMap(([city, name]) => [
        { value: city, label: `${name}（全市）`, county: false },
        ...counties.filter((c) => c.cityCode === city).map((c) => countyChoice(c.code, `${name}${c.name}`)),
      ]),
    ];
  }
  const own = who?.regionCode ?? '';
  if (who?.role === 'city') {
    return [
      { value: own, label: `${regionName(own) ?? own}（全市）`, county: false },
      ...counties.filter((c) => c.cityCode === own).map((c) => countyChoice(c.code, `${c.cityName}${c.name}`)),
    ];
  }
  return [countyChoice(own, regionName(own) ?? own)];
}

/**
 * The year the season at hand reviews: from the certification period's opening (1 March by default) to its close
 * (in December the past year is still being certified), the year before today's; before the period opens, the
 * season that closed last.
 */
export function currentSeasonYear(season: FilingSeasonView): number {
  const { reviewYear, opensOn } = season.status;
  return season.today < opensOn ? reviewYear - 1 : reviewYear;
}

/** The years a supervisor may look at: from the first the system takes (2015) to the season at hand, newest first. */
export function yearChoices(latest: number): number[] {
  return Array.from({ length: Math.max(1, latest - 2015 + 1) }, (_, i) => latest - i);
}
