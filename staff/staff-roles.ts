// The roles the staff register holds and the level of region each belongs to: a county's window clerks, reviewers and
// lead work in a county, the city's supervisors in the city (xxxx00), the province, policy staff and operators at
// the province (330000). Pure, so the pages and the contract use it as the server does.
import type { Role } from '../platform/http/identity.ts';

/** Every role but the employer's: the people a DPF employs, who must hold a post certificate (持证上岗). */
export const STAFF_ROLES = ['clerk', 'reviewer', 'lead', 'city', 'province', 'policy', 'operator'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export type RegionLevel = 'county' | 'city' | 'province';

export const LEVEL_OF_ROLE: Readonly<Record<StaffRole, RegionLevel>> = {
  clerk: 'county',
  reviewer: 'county',
  lead: 'county',
  city: 'city',
  province: 'province',
  policy: 'province',
  operator: 'province',
};

/** Roles only the province may grant: a city grants the roles of its own counties and of itself. */
export const PROVINCE_GRANTED_ROLES: readonly StaffRole[] = ['province', 'policy', 'operator'];

/** The region code every province-level entry carries. */
export const PROVINCE_CODE = '330000';

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** The level a six-digit code names: xx0000 a province, xxxx00 a city, anything else a county. */
export function regionLevelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The 上岗证编号's shape: 6 to 32 capital letters, digits and hyphens, neither end a hyphen. */
export const CERTIFICATE_NUMBER_PATTERN = '^[0-9A-Z][0-9A-Z-]{4,30}[0-9A-Z]$';

/** A login name or an identity provider's subject. */
export const STAFF_SUB_PATTERN = '^[A-Za-z0-9._@:-]{1,128}$';

