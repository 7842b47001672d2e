// Who a person signed in through the provider is here (docs/sign-in.md §3): staff are found in our staff register by
// the provider's `sub`, and their role and region come from the register only — never from the provider's claims —
// one role per session, the register's first; anyone else is an employer only if the token names a valid unit code
// (统一社会信用代码) in the configured claim. Everyone else is refused, in Chinese.
import { checkUscc } from '../domain/identifiers/uscc.ts';
import { cityCodeOf } from '../domain/regions.ts';
import type { Identity, Role } from '../platform/http/identity.ts';
import { ROLE_NAMES } from '../platform/http/role-names.ts';
import type { SignInRefusal } from './sign-in-refusals.ts';

/** Claims of an ID token or a userinfo answer: `sub` always, the rest as the provider sends them. */
export type Claims = { sub: string } & Readonly<Record<string, unknown>>;

/** What the sign-in needs of a staff register entry (staff/staff-store.ts keeps more). */
export interface RegisteredStaff {
  sub: string;
  name: string;
  /** In the register's order; the first is the session's. */
  roles: readonly Exclude<Role, 'employer'>[];
  /** County for clerks, reviewers and leads; city (xxxx00) for the city; 330000 for the province. */
  regionCode: string;
  active: boolean;
}

export type ClaimsOutcome =
  | { ok: true; identity: Identity; kind: 'staff' | 'employer' }
  /** `detail`: for the audit trail, in English; the person reads the refusal's sentence. */
  | { ok: false; refusal: SignInRefusal; detail: string };

export interface ClaimsMapping {
  /** The claim that carries an employer's unit code (OIDC_USCC_CLAIM). */
  usccClaim: string;
  findStaff(sub: string): Promise<RegisteredStaff | undefined>;
  /** Claims beyond the ID token's (the userinfo endpoint's), asked for only when the ID token has no unit code. */
  moreClaims?(): Promise<Readonly<Record<string, unknown>>>;
}

const PROVINCE = '330000';

/** A short name as pages show it: the claim's, if it is text, else the fallback. */
function nameFrom(claims: Readonly<Record<string, unknown>>, fallback: string): string {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  return name ? name.slice(0, 40) : fallback;
}

/** The region a session of `role` carries, the way development sign-in scopes it (sign-in/dev-login-routes.ts). */
function regionFor(role: Exclude<Role, 'employer'>, registered: string): string | undefined {
  switch (role) {
    case 'clerk':
    case 'reviewer':
    case 'lead':
      return registered;
    case 'city':
      return cityCodeOf(registered);
    case 'province':
      return PROVINCE;
    case 'policy':
    case 'operator':
      return undefined;
  }
}

export async function identityFromClaims(claims: Claims, mapping: ClaimsMapping): Promise<ClaimsOutcome> {
  const staff = await mapping.findStaff(claims.sub);
  if (staff) {
    const role = staff.roles[0];
    if (!staff.active || !role) return { ok: false, refusal: 'STAFF_INACTIVE', detail: `staff ${claims.sub} is ${staff.active ? 'without a role' : 'inactive'} in the register` };
    const regionCode = regionFor(role, staff.regionCode);
    return {
      ok: true,
      kind: 'staff',
      identity: { sub: staff.sub, name: staff.name || ROLE_NAMES[role], role, ...(regionCode ? { regionCode } : {}) },
    };
  }
  let unit = claims[mapping.usccClaim];
  let all: Readonly<Record<string, unknown>> = claims;
  if (unit === undefined && mapping.moreClaims) {
    all = { ...(await mapping.moreClaims()), ...claims };
    unit = all[mapping.usccClaim];
  }
  if (unit === undefined || unit === null || unit === '') {
    return { ok: false, refusal: 'UNKNOWN_PERSON', detail: `${claims.sub} is not in the staff register and has no ${mapping.usccClaim} claim` };
  }
  // Some providers write the code in lower case or with spaces around it; the standard's code is upper case.
  const uscc = typeof unit === 'string' ? unit.trim().toUpperCase() : '';
  if (checkUscc(uscc) !== null) {
    return { ok: false, refusal: 'USCC_INVALID', detail: `${claims.sub}: the ${mapping.usccClaim} claim is not a valid unified social credit code` };
  }
  return { ok: true, kind: 'employer', identity: { sub: claims.sub, name: nameFrom(all, ROLE_NAMES.employer), role: 'employer', uscc } };
}
