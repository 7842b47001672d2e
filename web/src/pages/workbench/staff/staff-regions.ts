// The regions whose people a keeper registers, as choices: the province its own level, every city and county; a
// city itself and its counties. The server checks the same (staff/staff-rules.ts).
import { regionName, zhejiangCounties } from '../../../../../domain/regions.ts';
import { PROVINCE_CODE, STAFF_ROLES, PROVINCE_GRANTED_ROLES, type StaffRole } from '../../../../../staff/staff-roles.ts';
import { ROLE_NAMES, type Identity } from '../../../lib/session.tsx';

export interface Choice<T extends string = string> {
  value: T;
  label: string;
}

export function regionChoices(who: Identity | null): Choice[] {
  const counties = zhejiangCounties();
  const label = (code: string, name: string) => `${name}（${code}）`;
  if (who?.role === 'province') {
    const cities = [...new Map(counties.map((c) => [c.cityCode, c.cityName])).entries()];
    return [
      { value: PROVINCE_CODE, label: label(PROVINCE_CODE, '浙江省本级') },
      ...cities.flatMap(([city, name]) => [
        { value: city, label: label(city, `${name}本级`) },
        ...counties.filter((c) => c.cityCode === city).map((c) => ({ value: c.code, label: label(c.code, `${name}${c.name}`) })),
      ]),
    ];
  }
  const city = who?.regionCode ?? '';
  return [
    { value: city, label: label(city, `${regionName(city) ?? city}本级`) },
    ...counties.filter((c) => c.cityCode === city).map((c) => ({ value: c.code, label: label(c.code, `${c.cityName}${c.name}`) })),
  ];
}

/** The roles a keeper grants: the province all, a city none of the province's. */
export function roleChoices(who: Identity | null): Choice<StaffRole>[] {
  const roles = who?.role === 'province' ? STAFF_ROLES : STAFF_ROLES.filter((r) => !PROVINCE_GRANTED_ROLES.includes(r));
  return roles.map((r) => ({ value: r, label: ROLE_NAMES[r] }));
}
