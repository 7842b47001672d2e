// Administrative division codes (GB/T 2260): the Zhejiang county table and the province prefixes.
// The table itself lives in data/regions.json so a division change is a data edit, not a code change.
import data from './data/regions.json' with { type: 'json' };

export type RegionProblem = 'FORMAT' | 'REGION_UNKNOWN';

export interface ZhejiangCounty {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
}

const ZHEJIANG_PREFIX = '33';
const ZHEJIANG_CODE = '330000';

const COUNTIES: readonly ZhejiangCounty[] = Object.freeze(data.zhejiangCounties.map((c) => Object.freeze({ ...c })));
const COUNTY_BY_CODE = new Map(COUNTIES.map((c) => [c.code, c]));
const CITY_NAME_BY_CODE = new Map(COUNTIES.map((c) => [c.cityCode, c.cityName]));
const PROVINCE_NAME_BY_PREFIX = new Map(data.provinces.map((p) => [p.code, p.name]));

const SIX_DIGITS = /^\d{6}$/;

export function isZhejiang(code: string): boolean {
  return code.startsWith(ZHEJIANG_PREFIX);
}

export function cityCodeOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

export function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

export function checkRegionCode(code: string, level: 'county' | 'any'): RegionProblem | null {
  if (!SIX_DIGITS.test(code)) return 'FORMAT';
  if (!PROVINCE_NAME_BY_PREFIX.has(code.slice(0, 2))) return 'REGION_UNKNOWN';
  if (isZhejiang(code)) {
    if (COUNTY_BY_CODE.has(code)) return null;
    if (level === 'county') return 'REGION_UNKNOWN';
    return code === ZHEJIANG_CODE || CITY_NAME_BY_CODE.has(code) ? null : 'REGION_UNKNOWN';
  }
  // Outside Zhejiang we hold no county table, so only a city or province code can be told apart.
  if (level === 'county' && code.endsWith('00')) return 'REGION_UNKNOWN';
  return null;
}

/**
 * A well-formed code of a known province that names no current region: a district merged or renamed since
 * (an old ID's hukou, say). Such a code was real; garbage is not.
 */
export function isFormerRegion(code: string): boolean {
  return SIX_DIGITS.test(code) && PROVINCE_NAME_BY_PREFIX.has(code.slice(0, 2)) && checkRegionCode(code, 'any') === 'REGION_UNKNOWN';
}

export function regionName(code: string): string | undefined {
  const county = COUNTY_BY_CODE.get(code);
  if (county) return `${county.cityName}${county.name}`;
  const city = CITY_NAME_BY_CODE.get(code);
  if (city) return city;
  if (SIX_DIGITS.test(code) && code.endsWith('0000')) return PROVINCE_NAME_BY_PREFIX.get(code.slice(0, 2));
  return undefined;
}

export function zhejiangCounties(): readonly ZhejiangCounty[] {
  return COUNTIES;
}

// A scope is a province (xx0000), a city (xxxx00) or a county; it covers the codes below it.
export function isWithin(code: string, scopeCode: string): boolean {
  if (!SIX_DIGITS.test(code) || !SIX_DIGITS.test(scopeCode)) return false;
  if (scopeCode.endsWith('0000')) return code.startsWith(scopeCode.slice(0, 2));
  if (scopeCode.endsWith('00')) return code.startsWith(scopeCode.slice(0, 4));
  return code === scopeCode;
}
