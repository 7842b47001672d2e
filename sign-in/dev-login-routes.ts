// POST /api/dev/login (docs/contracts.md §4): a development session for the role and scope it names, for development
// and tests only — answered on loopback alone, never in production, and marked as a development session in the audit.
// Staff it signs in get a register entry in good standing unless they have one (staff/staff-store.ts
// ensureDevelopmentStaff).
import { Router } from 'express';
import { checkUscc } from '../domain/identifiers/uscc.ts';
import { checkRegionCode, cityCodeOf, isZhejiang } from '../domain/regions.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { compileSchema, type FieldIssue } from '../platform/schema.ts';
import { devLoginBodySchema, type DevLoginBody } from '../api/sign-in.ts';
import { chinaDateOf } from '../platform/china-date.ts';
import { checked, invalid } from '../platform/http/http.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import { Problem } from '../platform/problem.ts';
import { setSessionCookie } from './session-cookie.ts';
import type { Sessions } from './sessions.ts';
import { isLoopbackAddress } from './loopback.ts';
import { clientOf } from './client-of.ts';
import { ROLE_NAMES } from '../platform/http/role-names.ts';
import { ensureDevelopmentStaff } from '../staff/staff-store.ts';

const checkBody = compileSchema<DevLoginBody>(devLoginBodySchema);

const loginMessages = createFieldMessages({
  root: ['登录信息', 'the sign-in'],
  labels: {
    role: ['角色', 'role'],
    uscc: ['统一社会信用代码', 'unified social credit code'],
    regionCode: ['所属行政区', 'region code'],
    userId: ['用户标识', 'user id'],
    name: ['姓名', 'name'],
  },
  templates: { REGION_UNKNOWN: [(f) => `${f}应为浙江省内有效的行政区划代码`, (f) => `${f} must be a Zhejiang region code`] },
});

/** Each role's scope must be given and sensible: an employer its unit, county staff a Zhejiang county, and so on. */
function scopeIssues(body: DevLoginBody): FieldIssue[] {
  const { role, uscc, regionCode } = body;
  if (role === 'employer') {
    if (!uscc) return [{ path: '/uscc', code: 'REQUIRED' }];
    const problem = checkUscc(uscc);
    return problem ? [{ path: '/uscc', code: problem }] : [];
  }
  if (role === 'clerk' || role === 'reviewer' || role === 'lead' || role === 'city') {
    if (!regionCode) return [{ path: '/regionCode', code: 'REQUIRED' }];
    const level = role === 'city' ? 'any' : 'county';
    if (!isZhejiang(regionCode) || checkRegionCode(regionCode, level)) return [{ path: '/regionCode', code: 'REGION_UNKNOWN' }];
  }
  return [];
}

function identityFor(body: DevLoginBody): Identity {
  const { role } = body;
  const scope =
    role === 'employer' ? { uscc: body.uscc }
    : role === 'city' ? { regionCode: cityCodeOf(body.regionCode as string) }
    : role === 'clerk' || role === 'reviewer' || role === 'lead' ? { regionCode: body.regionCode }
    : role === 'province' ? { regionCode: '330000' }
    : {};
  const sub = body.userId ?? `dev-${role}-${scope.uscc ?? scope.regionCode ?? 'all'}`;
  return { sub, name: body.name ?? ROLE_NAMES[role], role, ...scope };
}

export function devLoginRouter({ db, sessions }: { db: Db; sessions: Sessions }): Router {
  const router = Router();
  router.post('/api/dev/login', async (req, res) => {
    // Another machine gets the same answer as an unknown path: development sign-in exists for this machine only.
    if (!isLoopbackAddress(req.socket.remoteAddress)) throw new Problem(404, '接口不存在');
    const body = checked(req, checkBody, req.body, loginMessages);
    const issues = scopeIssues(body);
    if (issues.length) throw invalid(req, issues, loginMessages);
    const identity = identityFor(body);
    // The wall clock, not a test's pinned one: an entry outlives the suite that made it.
    await ensureDevelopmentStaff(db, identity, chinaDateOf(new Date()));
    const { token, session } = await sessions.start(identity, { kind: 'development', ...clientOf(req) });
    await audit(db, identity, 'session.start', { type: 'session', id: session.id }, { kind: 'development' });
    setSessionCookie(req, res, token, session.expiresAt);
    res.json({ token, identity, csrfToken: session.csrfToken });
  });
  return router;
}
