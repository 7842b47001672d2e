import { describe, it, expect } from 'vitest';
import {
  checkRegionCode,
  cityCodeOf,
  isWithin,
  isZhejiang,
  provinceCodeOf,
  regionName,
  zhejiangCounties,
} from '../../domain/regions.ts';

describe('the Zhejiang county table', () => {
  const counties = zhejiangCounties();

  it('holds the 90 county-level divisions of the 11 cities', () => {
    expect(counties).toHaveLength(90);
    expect(new Set(counties.map((c) => c.code)).size).toBe(90);
    const cities = new Map(counties.map((c) => [c.cityCode, c.cityName]));
    expect([...cities.keys()].sort()).toEqual(
      ['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100'],
    );
    expect(cities.get('330100')).toBe('杭州市');
    expect(cities.get('331100')).toBe('丽水市');
  });

  it('gives every county its own city', () => {
    for (const c of counties) {
      expect(c.code, c.name).toMatch(/^33\d{4}$/);
      expect(c.code.endsWith('00'), c.code).toBe(false);
      expect(cityCodeOf(c.code)).toBe(c.cityCode);
    }
  });

  it('includes the recent divisions', () => {
    const byCode = new Map(counties.map((c) => [c.code, c.name]));
    expect(byCode.get('330113')).toBe('临平区');
    expect(byCode.get('330114')).toBe('钱塘区');
    expect(byCode.get('330383')).toBe('龙港市');
    expect(byCode.get('331181')).toBe('龙泉市');
    // Abolished when Hangzhou's districts were merged in 2021.
    expect(byCode.has('330103')).toBe(false);
    expect(byCode.has('330104')).toBe(false);
  });
});

describe('checkRegionCode', () => {
  it('reports anything but six digits as FORMAT', () => {
    for (const bad of ['33010', '3301066', '33O106', '', ' 330106']) {
      expect(checkRegionCode(bad, 'county'), bad).toBe('FORMAT');
      expect(checkRegionCode(bad, 'any'), bad).toBe('FORMAT');
    }
  });

  it('county level: accepts a Zhejiang county and nothing above it', () => {
    expect(checkRegionCode('330106', 'county')).toBeNull();
    expect(checkRegionCode('331127', 'county')).toBeNull();
    expect(checkRegionCode('330100', 'county')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('330000', 'county')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('330103', 'county')).toBe('REGION_UNKNOWN'); // abolished 下城区
    expect(checkRegionCode('331200', 'county')).toBe('REGION_UNKNOWN'); // no twelfth city
  });

  it('county level: accepts another province only with a known prefix and not a city or province code', () => {
    expect(checkRegionCode('340104', 'county')).toBeNull();
    expect(checkRegionCode('110105', 'county')).toBeNull();
    expect(checkRegionCode('110100', 'county')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('440000', 'county')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('990101', 'county')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('000000', 'county')).toBe('REGION_UNKNOWN');
  });

  it('any level: accepts Zhejiang counties, cities and the province', () => {
    expect(checkRegionCode('330106', 'any')).toBeNull();
    expect(checkRegionCode('330100', 'any')).toBeNull();
    expect(checkRegionCode('331100', 'any')).toBeNull();
    expect(checkRegionCode('330000', 'any')).toBeNull();
    expect(checkRegionCode('331200', 'any')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('330199', 'any')).toBe('REGION_UNKNOWN');
  });

  it('any level: accepts any code under a known province elsewhere', () => {
    expect(checkRegionCode('110000', 'any')).toBeNull();
    expect(checkRegionCode('320500', 'any')).toBeNull();
    expect(checkRegionCode('820000', 'any')).toBeNull();
    expect(checkRegionCode('650102', 'any')).toBeNull();
    expect(checkRegionCode('240000', 'any')).toBe('REGION_UNKNOWN');
    expect(checkRegionCode('910000', 'any')).toBe('REGION_UNKNOWN');
  });
});

describe('names and roll-up', () => {
  it('rolls a code up to its city and province', () => {
    expect(cityCodeOf('330106')).toBe('330100');
    expect(provinceCodeOf('330106')).toBe('330000');
    expect(isZhejiang('330106')).toBe(true);
    expect(isZhejiang('320106')).toBe(false);
  });

  it('names counties with their city, and cities and provinces on their own', () => {
    expect(regionName('330106')).toBe('杭州市西湖区');
    expect(regionName('330383')).toBe('温州市龙港市');
    expect(regionName('330100')).toBe('杭州市');
    expect(regionName('330000')).toBe('浙江省');
    expect(regionName('650000')).toBe('新疆维吾尔自治区');
    expect(regionName('710000')).toBe('台湾省');
    expect(regionName('110105')).toBeUndefined(); // no national county table
    expect(regionName('330199')).toBeUndefined();
    expect(regionName('990000')).toBeUndefined();
  });

  it('isWithin: a province, city or county scope covers what lies below it', () => {
    expect(isWithin('330106', '330000')).toBe(true);
    expect(isWithin('331181', '330000')).toBe(true);
    expect(isWithin('320106', '330000')).toBe(false);
    expect(isWithin('330106', '330100')).toBe(true);
    expect(isWithin('330100', '330100')).toBe(true);
    expect(isWithin('330206', '330100')).toBe(false);
    expect(isWithin('330000', '330100')).toBe(false);
    expect(isWithin('330106', '330106')).toBe(true);
    expect(isWithin('330108', '330106')).toBe(false);
    expect(isWithin('330100', '330106')).toBe(false);
    expect(isWithin('abc', '330000')).toBe(false);
  });
});
