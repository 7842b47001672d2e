// POST /api/dev/login (CONTRACTS.md §4): a token for any role, for development and tests only.
import { Router } from 'express';
import { checkUscc } from '../domain/identifiers/uscc.ts';
import { checkRegionCode, cityCodeOf, isZhejiang } from '../domain/regions.ts';
import { compileSchema, type FieldIssue } from '../platform/schema.ts';
import { checked, invalid } from './http.ts';
import { ROLES, type Identity, type TokenSigner } from './identity.ts';

interface DevLoginBody {
  role: Identity['role'];
  uscc?: string;
  regionCode?: string;
  /** Who is signing in, so the audit trail names a person; defaults to one derived from role and scope. */
  userId?: string;
}

const checkBody = compileSchema<DevLoginBody>({
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: {
    role: { enum: [...ROLES] },
    uscc: { type: 'string' },
    regionCode: { type: 'string', pattern: '^\\d{6}$' },
    userId: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\w.@-]+$' },
  },
});

/** Each role's scope must be given and sensible: an employer its unit, county staff a Zhejiang county, and so on. */
function scopeIssues(body: DevLoginBody): FieldIssue[] {
  const { role, uscc, regionCode } = body;
  if (role === 'employer') {
    if (!uscc) return [{ path: '/uscc', code: 'REQUIRED' }];
    const problem = checkUscc(uscc);
    return problem ? [{ path: '/uscc', code: problem }] : [];
  }
  if (role === 'clerk' || role === 'reviewer' || role === 'city') {
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
    : role === 'clerk' || role === 'reviewer' ? { regionCode: body.regionCode }
    : role === 'province' ? { regionCode: '330000' }
    : {};
  const sub = body.userId ?? `dev-${role}-${scope.uscc ?? scope.regionCode ?? 'all'}`;
  return { sub, role, ...scope };
}

export function devLoginRouter(signer: TokenSigner): Router {
  const router = Router();
  router.post('/api/dev/login', (req, res) => {
    const body = checked(req, checkBody, req.body);
    const issues = scopeIssues(body);
    if (issues.length) throw invalid(req, issues);
    const identity = identityFor(body);
    res.json({ token: signer.sign(identity), identity });
  });
  return router;
}
