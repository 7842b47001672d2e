// The supervision page's choices: which year it opens on (the season at hand: in December still the past year's),
// which regions each supervisor may pick, and how the province's counties add up to their cities.
import { describe, expect, it } from 'vitest';
import type { FilingSeasonView } from '../../web/src/components/filing/use-filing-season.ts';
import type { Identity } from '../../platform/http/identity.ts';
import { regionRows, shortName } from '../../web/src/pages/supervision/region-rows.ts';
import { currentSeasonYear, regionChoices, yearChoices } from '../../web/src/pages/supervision/supervision-scope.ts';
import type { CountyFigures } from '../../web/src/pages/supervision/supervision-shapes.ts';

/** The season as GET /api/settings/filing-season answers on `today` with the default periods. */
function seasonOn(today: string): FilingSeasonView {
  const year = Number(today.slice(0, 4));
  return {
    today,
    openForTraining: false,
    acceptingFilings: today >= `${year}-03-01`,
    status: {
      inCertificationPeriod: today >= `${year}-03-01`,
      inConcentratedPeriod: today >= `${year}-04-01` && today <= `${year}-06-30`,
      certificationYear: year,
      reviewYear: year - 1,
      opensOn: `${year}-03-01`,
      closesOn: `${year}-12-31`,
      concentratedOpensOn: `${year}-04-01`,
      concentratedClosesOn: `${year}-06-30`,
      nextOpensOn: today >= `${year}-03-01` ? null : `${year}-03-01`,
    },
  };
}

const who = (role: Identity['role'], regionCode: string): Identity => ({ sub: role, role, regionCode }) as Identity;

describe('the year the page opens on', () => {
  it('is the year the season at hand reviews: in December still the past year', () => {
    expect(currentSeasonYear(seasonOn('2026-12-07'))).toBe(2025);
    expect(currentSeasonYear(seasonOn('2026-03-01'))).toBe(2025);
    expect(currentSeasonYear(seasonOn('2026-12-31'))).toBe(2025);
  });

  it('before the period opens, is the season that closed last', () => {
    expect(currentSeasonYear(seasonOn('2027-01-15'))).toBe(2025);
    expect(currentSeasonYear(seasonOn('2027-02-28'))).toBe(2025);
  });

  it('offers every year from 2015 to it, newest first', () => {
    expect(yearChoices(2025)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015]);
  });
});

describe('the regions a supervisor may pick', () => {
  it('gives the province all of Zhejiang, then each city followed by its counties', () => {
    const choices = regionChoices(who('province', '330000'));
    expect(choices[0]).toEqual({ value: '330000', label: '浙江省（全省）', county: false });
    const hangzhou = choices.findIndex((c) => c.value === '330100');
    expect(choices[hangzhou]).toEqual({ value: '330100', label: '杭州市（全市）', county: false });
    expect(choices[hangzhou + 1]).toMatchObject({ value: '330102', county: true });
    expect(choices.filter((c) => !c.county).map((c) => c.value)).toHaveLength(12);
    expect(choices.some((c) => c.value === '331181' && c.label === '丽水市龙泉市')).toBe(true);
  });

  it('gives a city itself and its counties only', () => {
    const choices = regionChoices(who('city', '330500'));
    expect(choices.map((c) => c.value)).toEqual(['330500', '330502', '330503', '330521', '330522', '330523']);
    expect(choices[0]!.label).toBe('湖州市（全市）');
  });

  it('gives a county lead their county, nothing to choose', () => {
    expect(regionChoices(who('lead', '330502'))).toEqual([{ value: '330502', label: '湖州市吴兴区', county: true }]);
  });
});

describe('the rows of the per-region tables', () => {
  const county = (regionCode: string, regionName: string, n: number): CountyFigures => ({
    regionCode, regionName, expected: n, filed: n, certified: n, sentToTax: 0, overdueTasks: n, maxWorkingDaysOver: n * 2,
    certifiedEmployees: n * 3, belowQuotaUnits: 1, shortfall: 0.5, levyEstimate: 1000, levyCollected: 900, aboveQuotaUnits: 0,
  });
  const counties = [county('330102', '杭州市上城区', 1), county('330106', '杭州市西湖区', 2), county('330502', '湖州市吴兴区', 4)];

  it('lists a city its counties as they are', () => {
    expect(regionRows('330100', counties.slice(0, 2))).toEqual(counties.slice(0, 2));
  });

  it('sums the province by city, the counties under each, the longest delay kept', () => {
    const [hangzhou, huzhou] = regionRows('330000', counties);
    expect(hangzhou).toMatchObject({ regionCode: '330100', regionName: '杭州市', expected: 3, certifiedEmployees: 9, overdueTasks: 3, maxWorkingDaysOver: 4, shortfall: 1, levyEstimate: 2000 });
    expect(hangzhou!.children).toHaveLength(2);
    expect(huzhou).toMatchObject({ regionCode: '330500', expected: 4, maxWorkingDaysOver: 8 });
  });

  it('names a county without its city where the page already names the city', () => {
    expect(shortName(counties[1]!, '330100')).toBe('西湖区');
    expect(shortName(counties[1]!, '330000')).toBe('杭州市西湖区');
    expect(shortName({ regionCode: '330100', regionName: '杭州市' }, '330100')).toBe('杭州市');
  });
});
