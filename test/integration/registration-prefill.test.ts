// GET /api/registrations/{uscc}: the registering department's record, asked live over HTTP, to prefill a filing —
// the employer for its own unit only, window clerks for any unit; a malformed code is a field error.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { projectRoot } from '../../platform/config.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let registered: { uscc: string; name: string; registrar: string; status: string };

beforeAll(async () => {
  system = await startTestSystem({ WORKERS: 'off' });
  const records = JSON.parse(await readFile(path.join(projectRoot, 'connectors', 'seed-data', 'registrations.json'), 'utf8')) as (typeof registered)[];
  registered = records.find((r) => r.registrar === 'samr' && r.status === 'active')!;
});

afterAll(async () => {
  await system?.stop();
});

describe('the registration record for a prefilled filing', () => {
  it('answers the employer for its own unit, as the registrar has it, and audits the look-up', async () => {
    const token = await system.login({ role: 'employer', uscc: registered.uscc });
    // Other suites of the run look this unit up too: only the rows from here on are this test's.
    const last = (await system.db.query<{ last: string }>('select coalesce(max(id), 0) as last from audit_log')).rows[0]!.last;
    const res = await system.request('GET', `/api/registrations/${registered.uscc}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uscc: registered.uscc, name: registered.name, registrar: 'samr', registrarName: '市场监督管理部门', status: 'active' });
    const audited = await system.db.query(`select actor_role from audit_log where action = 'registration.lookup' and subject_id = $1 and id > $2`, [registered.uscc, last]);
    expect(audited.rows).toEqual([{ actor_role: 'employer' }]);
  });

  it('answers a window clerk for any unit, and nobody else', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: '330108' });
    expect((await system.request('GET', `/api/registrations/${registered.uscc}`, { token: clerk })).body.name).toBe(registered.name);
    const otherEmployer = await system.login({ role: 'employer', uscc: syntheticFiling(5_551).employer.uscc });
    expect((await system.request('GET', `/api/registrations/${registered.uscc}`, { token: otherEmployer })).status).toBe(404);
    const reviewer = await system.login({ role: 'reviewer', regionCode: '330106' });
    expect((await system.request('GET', `/api/registrations/${registered.uscc}`, { token: reviewer })).status).toBe(403);
    expect((await system.request('GET', `/api/registrations/${registered.uscc}`)).status).toBe(401);
  });

  it('says what is wrong with a code, and when the registrar has no such unit', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: '330108' });
    const wrongCheck = registered.uscc.slice(0, 17) + (registered.uscc[17] === '0' ? '1' : '0');
    const bad = await system.request('GET', `/api/registrations/${wrongCheck}`, { token: clerk });
    const malformed = await system.request('GET', '/api/registrations/%00%3Cscript%3E', { token: clerk });
    for (const res of [bad, malformed]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('/uscc');
    }
    const unknown = syntheticFiling(5_552).employer.uscc;
    const none = await system.request('GET', `/api/registrations/${unknown}`, { token: clerk });
    expect(none.status).toBe(404);
    expect(none.body.title).toContain('没有该单位的登记记录');
  });
});
