// What makes a register entry sensible, and who keeps which entries: the roles of one level of region with a region
// of that level in Zhejiang, a certificate number with its expiry, no agreement dated in the future; the province
// keeps every entry, a city those of its counties and its own, and only the province grants province-level roles.
import { checkRegionCode, isWithin, isZhejiang } from '../domain/regions.ts';
import type { IsoDate } from '../platform/china-date.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { LEVEL_OF_ROLE, PROVINCE_GRANTED_ROLES, regionLevelOf, type StaffRole } from './staff-roles.ts';
import type { StaffEntry } from './staff-store.ts';

/**
 * The problems of an entry as it would be stored. A field left undefined is one the request sent malformed (its own
 * problem is reported already): nothing is judged against it. `sent` names the fields the request gave: a problem
 * between two fields is reported at the one the person changed.
 */
export function entryIssues(entry: Partial<StaffEntry>, today: IsoDate, sent: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { roles, regionCode, certificateNumber, certificateExpiresOn, agreementSignedOn } = entry;
  const regionKnown = regionCode !== undefined && isZhejiang(regionCode) && checkRegionCode(regionCode, 'any') === null;
  if (regionCode !== undefined && !regionKnown) issues.push({ path: '/regionCode', code: 'REGION_UNKNOWN' });
  const levels = [...new Set((roles ?? []).map((role) => LEVEL_OF_ROLE[role]))];
  if (levels.length > 1) issues.push({ path: '/roles', code: 'ROLES_MIXED_LEVELS' });
  else if (regionKnown && levels[0] !== undefined && levels[0] !== regionLevelOf(regionCode)) {
    issues.push({ path: sent.has('regionCode') || !sent.has('roles') ? '/regionCode' : '/roles', code: 'REGION_LEVEL', params: { level: levels[0] } });
  }
  if (certificateNumber !== undefined && certificateExpiresOn !== undefined) {
    if (certificateNumber !== null && certificateExpiresOn === null) issues.push({ path: '/certificateExpiresOn', code: 'REQUIRED' });
    if (certificateNumber === null && certificateExpiresOn !== null) issues.push({ path: '/certificateNumber', code: 'REQUIRED' });
  }
  if (agreementSignedOn !== undefined && agreementSignedOn !== null && agreementSignedOn > today) issues.push({ path: '/agreementSignedOn', code: 'DATE_IN_FUTURE' });
  return issues;
}

/** Whether `who` keeps the register entries of a region: the province all of Zhejiang, a city its counties and itself. */
export function keepsRegion(who: Identity, regionCode: string): boolean {
  if (who.role !== 'province' && who.role !== 'city') return false;
  return who.regionCode !== undefined && isWithin(regionCode, who.regionCode);
}

/** Why `who` may not grant these roles, in Chinese; undefined when they may. */
export function grantRefusal(who: Identity, roles: readonly StaffRole[]): string | undefined {
  if (who.role === 'province') return undefined;
  return roles.some((role) => PROVINCE_GRANTED_ROLES.includes(role)) ? '市残联不能授予省残联、政策管理人员或运维人员角色，请联系省残联' : undefined;
}
