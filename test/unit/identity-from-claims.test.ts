import { describe, expect, it } from 'vitest';
import { identityFromClaims, type RegisteredStaff } from '../../sign-in/identity-from-claims.ts';

const UNIT = '91330106YAGT8BLG8P';
const register: Record<string, RegisteredStaff> = {
  'wang.clerk': { sub: 'wang.clerk', name: '王窗口', roles: ['clerk', 'reviewer'], regionCode: '330106', active: true },
  'li.city': { sub: 'li.city', name: '李市', roles: ['city'], regionCode: '330100', active: true },
  'zhao.province': { sub: 'zhao.province', name: '赵省', roles: ['province'], regionCode: '330000', active: true },
  'qian.policy': { sub: 'qian.policy', name: '钱政策', roles: ['policy'], regionCode: '330000', active: true },
  'sun.left': { sub: 'sun.left', name: '孙离职', roles: ['reviewer'], regionCode: '330106', active: false },
  'no.role': { sub: 'no.role', name: '无角色', roles: [], regionCode: '330106', active: true },
};
const asked: string[] = [];
const mapping = {
  usccClaim: 'uscc',
  findStaff: async (sub: string) => {
    asked.push(sub);
    return register[sub];
  },
};

describe('identity from the provider’s claims', () => {
  it('takes a staff member’s role and region from the register alone, the first role only', async () => {
    // The provider claims a role, a region and a unit: none of it counts for someone in the register.
    const outcome = await identityFromClaims({ sub: 'wang.clerk', name: '冒名', role: 'province', regionCode: '330000', uscc: UNIT }, mapping);
    expect(outcome).toEqual({ ok: true, kind: 'staff', identity: { sub: 'wang.clerk', name: '王窗口', role: 'clerk', regionCode: '330106' } });
  });

  it('scopes the city to its city, the province to 330000, policy staff to nothing', async () => {
    expect(await identityFromClaims({ sub: 'li.city' }, mapping)).toMatchObject({ identity: { role: 'city', regionCode: '330100' } });
    expect(await identityFromClaims({ sub: 'zhao.province' }, mapping)).toMatchObject({ identity: { role: 'province', regionCode: '330000' } });
    const policy = await identityFromClaims({ sub: 'qian.policy' }, mapping);
    expect(policy.ok && policy.identity).toEqual({ sub: 'qian.policy', name: '钱政策', role: 'policy' });
  });

  it('refuses an inactive staff member and one without a role, even with a unit code', async () => {
    expect(await identityFromClaims({ sub: 'sun.left', uscc: UNIT }, mapping)).toMatchObject({ ok: false, refusal: 'STAFF_INACTIVE' });
    expect(await identityFromClaims({ sub: 'no.role' }, mapping)).toMatchObject({ ok: false, refusal: 'STAFF_INACTIVE' });
  });

  it('makes an employer of a person whose token carries a valid unit code, in the configured claim', async () => {
    expect(await identityFromClaims({ sub: 'u-1', name: '张法人', uscc: UNIT }, mapping)).toEqual({
      ok: true,
      kind: 'employer',
      identity: { sub: 'u-1', name: '张法人', role: 'employer', uscc: UNIT },
    });
    const renamed = { ...mapping, usccClaim: 'creditCode' };
    expect(await identityFromClaims({ sub: 'u-1', creditCode: ` ${UNIT.toLowerCase()} ` }, renamed)).toMatchObject({ ok: true, identity: { uscc: UNIT } });
    expect(await identityFromClaims({ sub: 'u-1', uscc: UNIT }, renamed)).toMatchObject({ ok: false, refusal: 'UNKNOWN_PERSON' });
  });

  it('refuses a unit code with a wrong check character or of the wrong type', async () => {
    const wrong = `${UNIT.slice(0, 17)}${UNIT.endsWith('P') ? 'Q' : 'P'}`;
    expect(await identityFromClaims({ sub: 'u-2', uscc: wrong }, mapping)).toMatchObject({ ok: false, refusal: 'USCC_INVALID' });
    expect(await identityFromClaims({ sub: 'u-2', uscc: 91330106 }, mapping)).toMatchObject({ ok: false, refusal: 'USCC_INVALID' });
    expect(await identityFromClaims({ sub: 'u-2', uscc: [UNIT] }, mapping)).toMatchObject({ ok: false, refusal: 'USCC_INVALID' });
  });

  it('asks the userinfo endpoint only when the ID token has no unit code, and lets the ID token win', async () => {
    let calls = 0;
    const withUserinfo = {
      ...mapping,
      moreClaims: async () => {
        calls += 1;
        return { uscc: UNIT, name: '张法人', sub: 'someone-else' };
      },
    };
    expect(await identityFromClaims({ sub: 'u-3' }, withUserinfo)).toEqual({ ok: true, kind: 'employer', identity: { sub: 'u-3', name: '张法人', role: 'employer', uscc: UNIT } });
    expect(calls).toBe(1);
    await identityFromClaims({ sub: 'u-3', uscc: UNIT }, withUserinfo);
    await identityFromClaims({ sub: 'wang.clerk' }, withUserinfo);
    expect(calls).toBe(1);
  });

  it('refuses an unknown person, and looks staff up by sub exactly', async () => {
    asked.length = 0;
    expect(await identityFromClaims({ sub: 'WANG.CLERK' }, mapping)).toMatchObject({ ok: false, refusal: 'UNKNOWN_PERSON' });
    expect(asked).toEqual(['WANG.CLERK']);
  });
});
