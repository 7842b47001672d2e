// The unit as its registering department records it (docs/domain.md §6), looked up live so a filing can be prefilled
// from the registration record: the employer for its own unit, window clerks for any unit that comes to them
// (省内通办). Registration data are the registers' public business data; nothing personal is in them.
import { Router } from 'express';
import type { RegistrationClient } from '../connectors/registration/client.ts';
import { checkUscc, registrarOf } from '../domain/identifiers/uscc.ts';
import { DepartmentError } from '../platform/department-http.ts';
import { Problem } from '../platform/problem.ts';
import { identityOf, invalid } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { audit } from '../platform/http/audit.ts';
import type { Db } from '../platform/db.ts';

export interface RegistrationRoutesOptions {
  db: Db;
  sessions: Sessions;
  registration: Pick<RegistrationClient, 'lookup'>;
}

const REGISTRAR_NAMES = { samr: '市场监督管理部门', civil: '民政部门', org: '机构编制部门' } as const;

export function registrationRouter({ db, sessions, registration }: RegistrationRoutesOptions): Router {
  const router = Router();
  router.get('/api/registrations/:uscc', authenticate(sessions, ['employer', 'clerk']), async (req, res) => {
    const who = identityOf(req);
    const uscc = String(req.params.uscc);
    const problem = checkUscc(uscc);
    if (problem) throw invalid(req, [{ path: '/uscc', code: problem }]);
    if (who.role === 'employer' && who.uscc !== uscc) throw new Problem(404, '未找到该单位的登记信息');
    const registrar = registrarOf(uscc);
    if (!registrar) throw new Problem(404, '该统一社会信用代码不属于市场监管、民政或机构编制部门登记的单位');
    let record;
    try {
      record = await registration.lookup(uscc, registrar, `${uscc}:prefill:${Date.now()}`);
    } catch (error) {
      if (error instanceof DepartmentError) throw new Problem(503, `${REGISTRAR_NAMES[registrar]}的登记信息暂时查询不到，请稍后再试或直接填写`, error.message);
      throw error;
    }
    if (!record) throw new Problem(404, `${REGISTRAR_NAMES[registrar]}没有该单位的登记记录，请核对统一社会信用代码`);
    await audit(db, who, 'registration.lookup', { type: 'employer', id: uscc });
    res.json({ uscc: record.uscc, name: record.name, registrar: record.registrar, registrarName: REGISTRAR_NAMES[record.registrar], status: record.status, changedAt: record.changedAt });
  });
  return router;
}
