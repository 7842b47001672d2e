// How the register's words are shown: a unit's status as a coloured tag, the regions a person may search among, a
// unit's nature in Chinese. The words themselves are units/register-labels.ts's, the server's too.
import { Tag } from 'antd';
import type { RegisterStatus } from '../../../../../api/units.ts';
import { regionName, zhejiangCounties } from '../../../../../domain/regions.ts';
import { STATUS_LABELS } from '../../../../../units/register-labels.ts';
import { UNIT_NATURE_NAMES } from '../../../components/filing/declaration-labels.ts';
import type { Identity } from '../../../lib/session.tsx';

const STATUS_COLORS: Record<RegisterStatus, string> = { active: 'green', deregistered: 'default', abnormal: 'orange', irregular: 'red' };

export function RegisterStatusTag({ status }: { status: RegisterStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="unit-status" data-status={status} style={{ whiteSpace: 'normal' }}>
      {STATUS_LABELS[status]}
    </Tag>
  );
}

/** 制造业（C3311）; the bare code when it names no section; `none` when the registrar gives none. */
export function industryText(unit: { industryCode: string | null; industryLabel: string | null }, none = '—'): string {
  if (!unit.industryCode) return none;
  return unit.industryLabel ? `${unit.industryLabel}（${unit.industryCode}）` : unit.industryCode;
}

export function unitNatureName(nature: string): string {
  return (UNIT_NATURE_NAMES as Record<string, string>)[nature] ?? nature;
}

/** The regions one may narrow the register to: a county only itself, a city itself and its counties, the province all. */
export function unitRegionChoices(who: Identity | null): { value: string; label: string }[] {
  const own = who?.regionCode ?? '';
  const counties = zhejiangCounties();
  const label = (code: string, name: string) => `${name}（${code}）`;
  if (who?.role === 'province') {
    const cities = [...new Map(counties.map((c) => [c.cityCode, c.cityName])).entries()];
    return [
      { value: '330000', label: label('330000', '浙江省全省') },
      ...cities.flatMap(([city, name]) => [
        { value: city, label: label(city, `${name}全市`) },
        ...counties.filter((c) => c.cityCode === city).map((c) => ({ value: c.code, label: label(c.code, `${name}${c.name}`) })),
      ]),
    ];
  }
  if (who?.role === 'city') {
    return [
      { value: own, label: label(own, `${regionName(own) ?? own}全市`) },
      ...counties.filter((c) => c.cityCode === own).map((c) => ({ value: c.code, label: label(c.code, `${c.cityName}${c.name}`) })),
    ];
  }
  return [{ value: own, label: label(own, regionName(own) ?? own) }];
}
