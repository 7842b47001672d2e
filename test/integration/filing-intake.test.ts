// The intake's rules beyond field shapes (issue 9): a filing does not rewrite the unit's master data, plausible
// dates and numbers, a handling office in the registered city, the paper form's free-text columns, former
// districts flagged rather than refused, text normalised, and no development sign-in in production.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticUscc } from '../../domain/synthetic.ts';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { createPool } from '../../platform/db.ts';
import { createApp } from '../../server/app.ts';
import { recordRegistration } from '../../filings/filing-store.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({}, { now: () => new Date('2026-06-10T10:00:00+08:00') });
});
afterAll(async () => {
  await api.close();
});

async function file(filing: unknown, login: Record<string, unknown>) {
  const token = await api.login(login);
  return api.request('POST', '/api/filings', { token, body: filing });
}

describe('the unit master data', () => {
  it('is made by the first filing and not rewritten by a later one; the difference is shown to the reviewer', async () => {
    const first = syntheticFiling(91_001, { regionCode: '330106' });
    const created = await file(first, { role: 'employer', uscc: first.employer.uscc });
    expect(created.status).toBe(201);
    // The registrar's record arrives with the registration check.
    await recordRegistration(api.db, first.employer.uscc, { registrar: 'samr', name: first.employer.name, status: 'active' });
    // The first filing is returned as incomplete; the same unit files again, declaring another name, at a window.
    await api.db.query(`update filings set status = 'returned' where id = $1`, [created.body.id]);
    const renamed = { ...first, channel: 'window', employer: { ...first.employer, name: '某某改名有限公司' } };
    const second = await file(renamed, { role: 'clerk', regionCode: '330106' });
    expect(second.status).toBe(201);

    const master = await api.db.query('select name, registered_name from employers where uscc = $1', [first.employer.uscc]);
    expect(master.rows[0]).toEqual({ name: first.employer.name, registered_name: first.employer.name });
    const clerk = await api.login({ role: 'clerk', regionCode: '330106' });
    const read = await api.request('GET', `/api/filings/${second.body.id}`, { token: clerk });
    expect(read.body.employer.name).toBe('某某改名有限公司');
    expect(read.body.discrepancies).toEqual([{ field: 'name', declared: '某某改名有限公司', onRecord: first.employer.name, source: 'registration' }]);
  });
});

describe("the signed-in unit's own name", () => {
  it('is read from the master data by the unit itself, null before its first filing, and only by units', async () => {
    const unit = syntheticFiling(91_020, { regionCode: '330106' });
    const employer = await api.login({ role: 'employer', uscc: unit.employer.uscc });
    expect((await api.request('GET', '/api/employers/mine', { token: employer })).body).toEqual({ uscc: unit.employer.uscc, name: null });
    expect((await file(unit, { role: 'employer', uscc: unit.employer.uscc })).status).toBe(201);
    expect((await api.request('GET', '/api/employers/mine', { token: employer })).body).toEqual({ uscc: unit.employer.uscc, name: unit.employer.name });
    const clerk = await api.login({ role: 'clerk', regionCode: '330106' });
    expect((await api.request('GET', '/api/employers/mine', { token: clerk })).status).toBe(403);
  });
});

describe('changing the unit master data', () => {
  it('is for city or province DPF staff in whose region the unit lies, with a reason, audited', async () => {
    const unit = syntheticFiling(91_010, { regionCode: '330106' });
    expect((await file(unit, { role: 'employer', uscc: unit.employer.uscc })).status).toBe(201);
    const path = `/api/employers/${unit.employer.uscc}`;
    const clerk = await api.login({ role: 'clerk', regionCode: '330106' });
    const otherCity = await api.login({ role: 'city', regionCode: '330200' });
    const city = await api.login({ role: 'city', regionCode: '330100', userId: 'city.wang' });

    expect((await api.request('GET', path, { token: clerk })).body).toMatchObject({ name: unit.employer.name, regionCode: '330106' });
    expect((await api.request('PATCH', path, { token: clerk, body: { name: 'x', note: 'y' } })).status).toBe(403);
    expect((await api.request('PATCH', path, { token: otherCity, body: { name: 'x', note: 'y' } })).status).toBe(404);
    const noReason = await api.request('PATCH', path, { token: city, body: { name: '新名称有限公司', note: '  ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ path: '/note', code: 'REQUIRED', message: '请填写变更依据' }]);
    const elsewhere = await api.request('PATCH', path, { token: city, body: { regionCode: '330212', note: '迁址' } });
    expect(elsewhere.status).toBe(403);

    const changed = await api.request('PATCH', path, { token: city, body: { name: '新名称有限公司', note: '市场监管部门变更登记通知书' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '新名称有限公司', regionCode: '330106' });
    const audited = await api.db.query(`select actor, detail from audit_log where action = 'employer.update' and subject_id = $1`, [unit.employer.uscc]);
    expect(audited.rows).toEqual([
      {
        actor: 'city.wang',
        detail: expect.objectContaining({ before: expect.objectContaining({ name: unit.employer.name }), note: '市场监管部门变更登记通知书' }),
      },
    ]);
  });
});

describe('plausibility', () => {
  it('refuses dates after the filing day, no staff, and a handling office in another city', async () => {
    const base = syntheticFiling(91_002, { regionCode: '330106' });
    const employee = base.employees[0]!;
    const body = {
      ...base,
      employer: { ...base.employer, averageStaffCount: 0, regionCode: '330212' },
      employees: [{ ...employee, contractStart: '2026-07-01' }, ...base.employees.slice(1)],
      commitment: { ...base.commitment, signedAt: '9999-12-31' },
    };
    const res = await file(body, { role: 'employer', uscc: base.employer.uscc });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['/employer/averageStaffCount', 'FORMAT'],
        ['/employer/regionCode', 'REGION_MISMATCH'],
        ['/employees/0/contractStart', 'DATE_IN_FUTURE'],
        ['/commitment/signedAt', 'DATE_IN_FUTURE'],
      ]),
    );
    const messages = Object.fromEntries(res.body.errors.map((e: any) => [e.path, e.message]));
    expect(messages['/commitment/signedAt']).toBe('承诺日期不能晚于申报当天');
    expect(messages['/employer/averageStaffCount']).toBe('用人单位上年在职职工年平均人数应为大于 0 的人数');
    expect(messages['/employer/regionCode']).toContain('不在同一个市');
    expect((await api.db.query('select count(*)::int as n from filings where employer_uscc = $1', [base.employer.uscc])).rows[0].n).toBe(0);
  });

  it('lets a unit registered at city or province level name any county of its city or province', async () => {
    const base = syntheticFiling(91_003, { regionCode: '330106' });
    const cityRegistered = syntheticUscc(() => 0.42, { prefix: '91', regionCode: '330100' });
    const res = await file({ ...base, employer: { ...base.employer, uscc: cityRegistered, regionCode: '330110' } }, { role: 'employer', uscc: cityRegistered });
    expect(res.status).toBe(201);
  });

  it('accepts a person declared twice at intake: the review counts them once (DUPLICATE_EMPLOYEE)', async () => {
    const base = syntheticFiling(91_004, { regionCode: '330106' });
    const res = await file({ ...base, employees: [base.employees[0], base.employees[0]] }, { role: 'employer', uscc: base.employer.uscc });
    expect(res.status).toBe(201);
  });
});

describe('what the paper form says', () => {
  it('accepts 参保信息 and 上年度缴费信息 as the declared text, and flags a hukou district merged away', async () => {
    const base = syntheticFiling(91_005, { regionCode: '330106' });
    const employees = base.employees.map((e, i) =>
      i === 0 ? { ...e, socialInsurance: '养老、医疗', contributions: '12个月', hukouRegionCode: '330103' } : e,
    );
    const res = await file({ ...base, employees }, { role: 'employer', uscc: base.employer.uscc });
    expect(res.status).toBe(201);
    expect(res.body.notices).toEqual([
      { path: '/employees/0/hukouRegionCode', code: 'REGION_NOT_CURRENT', message: expect.stringContaining('已撤并') },
    ]);
    const clerk = await api.login({ role: 'clerk', regionCode: '330106' });
    const read = await api.request('GET', `/api/filings/${res.body.id}`, { token: clerk });
    expect(read.body.employees[0]).toMatchObject({ socialInsurance: '养老、医疗', contributions: '12个月' });
    expect(read.body.notices.map((n: any) => n.code)).toEqual(['REGION_NOT_CURRENT']);
  });

  it('still refuses a region code that never was', async () => {
    const base = syntheticFiling(91_006, { regionCode: '330106' });
    const employees = base.employees.map((e, i) => (i === 0 ? { ...e, hukouRegionCode: '990101' } : e));
    const res = await file({ ...base, employees }, { role: 'employer', uscc: base.employer.uscc });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/employees/0/hukouRegionCode', 'REGION_UNKNOWN']]);
  });
});

describe('text', () => {
  it('is stored normalised (NFC, trimmed); a name of spaces is REQUIRED; control characters are FORMAT', async () => {
    const base = syntheticFiling(91_007, { regionCode: '330106' });
    const decomposed = '某某科技有限公司 (e\u0301)';
    const ok = await file({ ...base, employer: { ...base.employer, name: `  ${decomposed}  ` } }, { role: 'employer', uscc: base.employer.uscc });
    expect(ok.status).toBe(201);
    const stored = await api.db.query(`select declaration->'employer'->>'name' as name from filings where id = $1`, [ok.body.id]);
    expect(stored.rows[0].name).toBe(decomposed.normalize('NFC'));

    const other = syntheticFiling(91_008, { regionCode: '330106' });
    const bad = await file(
      {
        ...other,
        employer: { ...other.employer, name: '   ', legalRepName: '张\u0000三', handlerName: '李\u202e四', businessAddress: 'x\ud800' },
      },
      { role: 'employer', uscc: other.employer.uscc },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['/employer/legalRepName', 'FORMAT'],
      ['/employer/handlerName', 'FORMAT'],
      ['/employer/businessAddress', 'FORMAT'],
      ['/employer/name', 'REQUIRED'],
    ]);
  });
});

describe('production', () => {
  it('refuses to start without an OpenID Connect provider, in one line', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OIDC_')));
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
      cwd: projectRoot,
      env: { ...env, NODE_ENV: 'production', DATABASE_URL: inject('databaseUrl'), SIM_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'npm start: NODE_ENV=production needs an OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), and none is configured: development sign-in and the embedded development provider are never offered in production',
    );
  });

  const production = {
    NODE_ENV: 'production',
    OIDC_ISSUER: 'https://idp.example.invalid/realms/zj',
    OIDC_CLIENT_ID: 'dpf-review',
    OIDC_CLIENT_SECRET: 'a client secret of at least thirty-two bytes',
    SESSION_SECRET: 'a session key for the tests, 32 bytes or more',
    DATABASE_URL: inject('databaseUrl'),
  };

  it('refuses a provider without this system’s client id and secret', () => {
    const db = createPool(inject('databaseUrl'));
    try {
      expect(() => createApp({ config: loadConfig({ ...production, OIDC_CLIENT_SECRET: '' }), db })).toThrow('OIDC_ISSUER=https://idp.example.invalid/realms/zj needs OIDC_CLIENT_SECRET too');
      expect(() => loadConfig({ ...production, OIDC_CLIENT_SECRET: 'short' })).toThrow(/OIDC_CLIENT_SECRET must be at least 32 bytes/);
      expect(() => loadConfig({ ...production, OIDC_ISSUER: 'http://idp.example.gov.cn' })).toThrow(/OIDC_ISSUER must use https/);
    } finally {
      void db.end();
    }
  });

  it('has no development sign-in in an application assembled for production with a provider', async () => {
    const db = createPool(inject('databaseUrl'));
    const server = createApp({ config: loadConfig(production), db, log: () => undefined }).listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const dev = await fetch(`${url}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'province' }) });
      expect(dev.status).toBe(404);
      expect(await (await fetch(`${url}/api/sign-in/options`)).json()).toEqual({ development: false, provider: 'configured' });
    } finally {
      server.close();
      await db.end();
    }
  });
});
