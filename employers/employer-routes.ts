// The unit's master data: read by DPF staff in whose scope the unit lies; changed only by city or province DPF
// staff, with a reason, audited — never as a side effect of a filing (issue 9).
import { Router } from 'express';
import { checkRegionCode, isWithin } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { createFieldMessages } from '../platform/field-messages.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { employerChangeSchema } from '../api/employers.ts';
import { checked, identityOf, invalid } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { changeEmployer, findEmployer, type EmployerChange } from './employer-store.ts';

const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

const checkChange = compileSchema<EmployerChange>(employerChangeSchema);

const messages = createFieldMessages({
  root: ['单位基本信息', 'unit master data'],
  labels: { name: ['单位名称', 'name'], unitNature: ['单位性质', 'unit nature'], regionCode: ['所属行政区', 'region code'], note: ['变更依据', 'reason'] },
});

/** Who may see a unit's master data: DPF staff whose region holds the unit. */
function mayRead(who: Identity, regionCode: string): boolean {
  if (!['clerk', 'reviewer', 'city', 'province'].includes(who.role) || !who.regionCode) return false;
  return isWithin(regionCode, who.regionCode);
}

export function employerRouter({ db, sessions }: { db: Db; sessions: Sessions }): Router {
  const router = Router();
  const notFound = () => new Problem(404, '未找到该单位');

  // The signed-in unit's own name, for the pages' header (its master data stays with DPF staff): null before the
  // unit's first filing, when nobody knows it yet.
  router.get('/api/employers/mine', authenticate(sessions, ['employer']), async (req, res) => {
    const uscc = identityOf(req).uscc ?? '';
    const employer = USCC.test(uscc) ? await findEmployer(db, uscc) : undefined;
    res.json({ uscc, name: employer?.name ?? null });
  });

  router.get('/api/employers/:uscc', authenticate(sessions, ['clerk', 'reviewer', 'city', 'province']), async (req, res) => {
    const who = identityOf(req);
    const uscc = String(req.params.uscc);
    const employer = USCC.test(uscc) ? await findEmployer(db, uscc) : undefined;
    if (!employer || !mayRead(who, employer.regionCode)) throw notFound();
    res.json(employer);
  });

  router.patch('/api/employers/:uscc', authenticate(sessions, ['city', 'province']), async (req, res) => {
    const who = identityOf(req);
    const uscc = String(req.params.uscc);
    const change = checked(req, checkChange, req.body, messages);
    const employer = USCC.test(uscc) ? await findEmployer(db, uscc) : undefined;
    if (!employer || !mayRead(who, employer.regionCode)) throw notFound();
    if (change.regionCode !== undefined) {
      const problem = checkRegionCode(change.regionCode, 'county');
      if (problem) throw invalid(req, [{ path: '/regionCode', code: problem }], messages);
      // A city moves units among its own counties; the province anywhere.
      if (!isWithin(change.regionCode, who.regionCode ?? '')) throw new Problem(403, '只能把单位调整到本辖区内的县（市、区）');
    }
    const updated = await changeEmployer(db, who, uscc, change);
    if (!updated) throw notFound();
    res.json(updated);
  });

  return router;
}
