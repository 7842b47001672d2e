// The access policy (api/access-policy.ts) covers the route table exactly: a new route cannot skip the access matrix
// (test/integration/access-matrix.test.ts) for want of a rule, and a rule names only roles its route admits.
import { describe, expect, it } from 'vitest';
import { ACCESS_POLICY, accessKey } from '../../api/access-policy.ts';
import { CONTRACTS } from '../../api/contracts.ts';
import { pathParameterNames } from '../../api/openapi-document.ts';
import { ROLES, type Role } from '../../platform/http/identity.ts';

describe('the access policy', () => {
  it('has one rule for every route in the contract, and none for a route that is not there', () => {
    const routes = CONTRACTS.map(accessKey);
    expect(routes.filter((r) => !(r in ACCESS_POLICY)), 'routes without an access rule in api/access-policy.ts').toEqual([]);
    expect(Object.keys(ACCESS_POLICY).filter((k) => !routes.includes(k)), 'access rules for routes the contract does not have').toEqual([]);
  });

  it.each(CONTRACTS.map((c) => [accessKey(c), c] as const))('%s: names only roles the route admits, and a resource it can name', (_key, contract) => {
    const access = ACCESS_POLICY[accessKey(contract)];
    expect(access).toBeDefined();
    if (!access) return;
    const admitted: readonly Role[] = Array.isArray(contract.callers) ? (contract.callers.length ? contract.callers : ROLES) : [];
    const named = [access.reach ?? {}, ...(access.variants ?? []).map((v) => v.reach)].flatMap((r) => Object.keys(r));
    expect(named.filter((role) => !admitted.includes(role as Role))).toEqual([]);
    // Other systems and the public reach no party's resource by role; people's routes with a resource say how far.
    if (!Array.isArray(contract.callers)) expect(access.resource).toBe('nothing');
    if (access.resource !== 'nothing') expect(Object.keys(access.reach ?? {}).length).toBeGreaterThan(0);
    // A rule about one filing, unit or task is a route that names it in its path (or lists them).
    const params = pathParameterNames(contract.path);
    const lists = contract.method === 'get' && params.length === 0;
    if (access.resource === 'filing' || access.resource === 'task' || access.resource === 'notification') expect(lists || params.includes('id')).toBe(true);
    if (access.resource === 'unit') expect(params).toContain('uscc');
  });
});
