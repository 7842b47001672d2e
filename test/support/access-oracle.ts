// The access matrix's oracle: who is probing (every role, in and out of unit A's county, city and unit), and what the
// published policy (api/access-policy.ts, with each route's `callers`) says each of them must be answered. The rules are
// restated here from the policy's words, not taken from the server's code, so that a slip in either shows.
import type { Reach, ReachByRole, RouteAccess } from '../../api/access-policy.ts';
import type { RouteContract } from '../../api/route-contract.ts';
import { ROLES, type Role } from '../../platform/http/identity.ts';
import { CITY_A, CITY_B, COUNTY_A1, COUNTY_A2, COUNTY_B1, UNIT_A, UNIT_B, type Facts } from './access-fixtures.ts';

export interface Prober {
  label: string;
  /** The dev sign-in body; none: no sign-in at all. */
  login?: { role: Role; uscc?: string; regionCode?: string };
}

const county = (role: 'clerk' | 'reviewer' | 'lead', code: string, where: string): Prober => ({ label: `${role} of ${where} (${code})`, login: { role, regionCode: code } });

export const PROBERS: readonly Prober[] = [
  { label: 'employer of unit A', login: { role: 'employer', uscc: UNIT_A.uscc } },
  { label: 'employer of unit B', login: { role: 'employer', uscc: UNIT_B.uscc } },
  ...(['clerk', 'reviewer', 'lead'] as const).flatMap((role) => [
    county(role, COUNTY_A1, 'county A1'),
    county(role, COUNTY_A2, 'county A2, same city'),
    county(role, COUNTY_B1, 'county B1, other city'),
  ]),
  { label: `city A (${CITY_A})`, login: { role: 'city', regionCode: CITY_A } },
  { label: `city B (${CITY_B})`, login: { role: 'city', regionCode: CITY_B } },
  { label: 'province', login: { role: 'province' } },
  { label: 'policy', login: { role: 'policy' } },
  { label: 'operator', login: { role: 'operator' } },
  { label: 'no sign-in' },
];

/** The person's scope as dev sign-in gives it: an employer its unit, county staff the county, the province 330000. */
function scopeOf(login: NonNullable<Prober['login']>): { uscc?: string; region?: string } {
  if (login.role === 'employer') return { uscc: login.uscc };
  if (login.role === 'province') return { region: '330000' };
  return { region: login.regionCode };
}

/** The groups the policy names: employer-<USCC>, <role>-<county>, city-<city>, and province, policy, operator alone. */
function groupsOf(login: NonNullable<Prober['login']>): string[] {
  const { uscc, region } = scopeOf(login);
  if (login.role === 'employer') return [`employer-${uscc}`];
  if (login.role === 'clerk' || login.role === 'reviewer' || login.role === 'lead' || login.role === 'city') return [`${login.role}-${region}`];
  return [login.role];
}

/** A county is only itself, a city (xxxx00) its counties, a province (xx0000) everything that starts like it. */
function covers(scope: string | undefined, code: string | undefined): boolean {
  if (!scope || !code) return false;
  if (scope.endsWith('0000')) return code.slice(0, 2) === scope.slice(0, 2);
  if (scope.endsWith('00')) return code.slice(0, 4) === scope.slice(0, 4);
  return code === scope;
}

function reaches(reach: Reach | undefined, login: NonNullable<Prober['login']>, facts: Facts): boolean {
  const { uscc, region } = scopeOf(login);
  switch (reach) {
    case undefined:
      return false;
    case 'all':
      return true;
    case 'own-unit':
      return uscc !== undefined && uscc === facts.unit;
    case 'own-county':
      return region !== undefined && (region === facts.handling || region === facts.receiving);
    case 'handling-county':
      return region !== undefined && region === facts.handling;
    case 'within-region':
      return covers(region, facts.region);
    case 'own-group':
      return groupsOf(login).some((g) => facts.groups?.includes(g));
  }
}

export type Outcome = 'allowed' | 'forbidden' | 'out-of-scope' | 'unauthenticated';

/**
 * What the policy says `who` gets from the route about a resource standing as `facts`. A list (`list`) is answered to
 * every role it admits; whether one of its items is shown to `who` is the same question asked with the item's facts.
 */
export function expectedOutcome(contract: RouteContract, access: RouteAccess, who: Prober, facts: Facts | undefined, variantReach?: ReachByRole, list = false): Outcome {
  if (contract.callers === 'public') return 'allowed';
  // Another system's own credential: no person's token is one.
  if (!Array.isArray(contract.callers) || !who.login) return 'unauthenticated';
  const admitted: readonly Role[] = contract.callers.length ? contract.callers : ROLES;
  if (!admitted.includes(who.login.role)) return 'forbidden';
  if (access.resource === 'nothing' || list) return 'allowed';
  if (!facts) throw new Error(`the probe of ${contract.method} ${contract.path} says nothing of where its resource stands`);
  const reach = (variantReach ?? access.reach ?? {})[who.login.role];
  return reaches(reach, who.login, facts) ? 'allowed' : 'out-of-scope';
}

/** May `who` read a filing standing as `facts` (the policy's filing readers)? Who may not must never be shown its people. */
export function readsFiling(who: Prober, filingReaders: ReachByRole, facts: Facts): boolean {
  return who.login !== undefined && reaches(filingReaders[who.login.role], who.login, facts);
}
