// The preview's choice of region: the whole province, a city (all its counties) or one county.
import { zhejiangCounties } from '../../domain/regions.ts';

export const ZHEJIANG = '330000';

/** Cities with their counties; a city alone selects all its counties. */
export function regionOptions() {
  const cities = new Map<string, { value: string; label: string; children: { value: string; label: string }[] }>();
  for (const county of zhejiangCounties()) {
    const city = cities.get(county.cityCode) ?? { value: county.cityCode, label: county.cityName, children: [] };
    city.children.push({ value: county.code, label: county.name });
    cities.set(county.cityCode, city);
  }
  return [{ value: ZHEJIANG, label: '全省' }, ...cities.values()];
}

/** The Cascader's path for a region code: [city] or [city, county]; [全省] for the whole province. */
export function pathOf(code: string): string[] {
  if (code === ZHEJIANG) return [ZHEJIANG];
  const city = `${code.slice(0, 4)}00`;
  return city === code ? [city] : [city, code];
}
