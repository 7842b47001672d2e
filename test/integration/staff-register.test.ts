// The staff register (持证上岗, 保密协议, notice §四) through the API on the real engine: development sign-in makes an
// entry in good standing once and never overwrites it; the province and the cities keep the register (a city only its
// own counties and itself, no province-level roles, nobody their own entry), every change audited, field-level 400s;
// and a clerk whose certificate expired still signs in and reads the inbox, but claiming, unclaiming, completing and
// whole personal numbers are refused with the reason in Chinese — until the certificate is renewed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { chinaDateOf } from '../../platform/china-date.ts';
import { readFileSync } from 'node:fs';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

let system: TestSystem;
let province: string;
let hangzhou: string;
let ningbo: string;

const today = chinaDateOf(new Date());
const dayFrom = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const seed = () => Math.floor(Math.random() * 1e9);
// Login names no other suite uses: entries outlive a suite in the run's database.
const run = `t${Date.now().toString(36)}`;
const sub = (name: string) => `${name}.${run}`;

beforeAll(async () => {
  system = await startTestSystem();
  province = await system.login({ role: 'province', userId: sub('province') });
  hangzhou = await system.login({ role: 'city', regionCode: '330100', userId: sub('city-hz') });
  ningbo = await system.login({ role: 'city', regionCode: '330200', userId: sub('city-nb') });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const audited = async (action: string, subject: string) =>
  (await system.db.query<{ actor: string; detail: any }>('select actor, detail from audit_log where action = $1 and subject_id = $2 order by id', [action, subject])).rows;

const newEntry = (name: string, more: Record<string, unknown> = {}) => ({
  sub: sub(name),
  name: '李四',
  roles: ['reviewer'],
  regionCode: '330106',
  certificateNumber: `ZJ-${run.toUpperCase()}-${name.toUpperCase()}`,
  certificateExpiresOn: dayFrom(400),
  agreementSignedOn: dayFrom(-30),
  ...more,
});

describe('development sign-in', () => {
  it('makes an entry in good standing for staff it signs in: certificate for a year, agreement today, audited once', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: '330106', userId: sub('dev-clerk'), name: '王五' });
    const me = await system.request('GET', '/api/staff/me', { token: clerk });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      today,
      standing: { ok: true },
      member: { sub: sub('dev-clerk'), name: '王五', roles: ['clerk'], regionCode: '330106', regionName: '杭州市西湖区', agreementSignedOn: today, active: true, createdBy: 'development-sign-in' },
    });
    expect(me.body.member.certificateExpiresOn).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    await system.login({ role: 'clerk', regionCode: '330106', userId: sub('dev-clerk') });
    expect(await audited('staff.create', sub('dev-clerk'))).toEqual([{ actor: sub('dev-clerk'), detail: expect.objectContaining({ development: true }) }]);
  });

  it('gives province-level staff 330000, and employers no entry (they are not staff)', async () => {
    const operator = await system.login({ role: 'operator', userId: sub('dev-operator') });
    expect((await system.request('GET', '/api/staff/me', { token: operator })).body.member).toMatchObject({ roles: ['operator'], regionCode: '330000' });
    const uscc = syntheticFiling(seed()).employer.uscc;
    const employer = await system.login({ role: 'employer', uscc });
    expect((await system.request('GET', '/api/staff/me', { token: employer })).status).toBe(403);
    expect((await system.db.query('select 1 from staff_members where sub = $1', [`dev-employer-${uscc}`])).rowCount).toBe(0);
  });
});

describe('keeping the register', () => {
  it('lets a city register its counties’ and its own people, audited with the entry', async () => {
    const created = await system.request('POST', '/api/staff', { token: hangzhou, body: newEntry('reviewer') });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ sub: sub('reviewer'), roles: ['reviewer'], certificateDaysLeft: 400, standing: { ok: true }, createdBy: sub('city-hz') });
    expect(await audited('staff.create', sub('reviewer'))).toEqual([
      { actor: sub('city-hz'), detail: { after: expect.objectContaining({ roles: ['reviewer'], regionCode: '330106', certificateExpiresOn: dayFrom(400) }) } },
    ]);
    const supervisor = await system.request('POST', '/api/staff', { token: hangzhou, body: newEntry('supervisor', { roles: ['city'], regionCode: '330100' }) });
    expect(supervisor.status).toBe(201);
  });

  it('refuses a city outside its city, a province-level role from a city, and anyone but the province and cities', async () => {
    const elsewhere = await system.request('POST', '/api/staff', { token: hangzhou, body: newEntry('nb-clerk', { roles: ['clerk'], regionCode: '330206' }) });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.title).toContain('只能登记本辖区');
    const policy = await system.request('POST', '/api/staff', { token: hangzhou, body: newEntry('policy', { roles: ['policy'], regionCode: '330000' }) });
    expect(policy.status).toBe(403);
    expect(policy.body.title).toContain('市残联不能授予');
    const clerk = await system.login({ role: 'clerk', regionCode: '330106', userId: sub('dev-clerk') });
    expect((await system.request('POST', '/api/staff', { token: clerk, body: newEntry('by-clerk') })).status).toBe(403);
    expect((await system.request('GET', '/api/staff', { token: clerk })).status).toBe(403);
    // The province grants them.
    expect((await system.request('POST', '/api/staff', { token: province, body: newEntry('policy', { roles: ['policy'], regionCode: '330000' }) })).status).toBe(201);
    expect(await audited('staff.create', sub('nb-clerk'))).toEqual([]);
  });

  it('answers bad input with every field’s problem in Chinese, and stores nothing', async () => {
    const shape = await system.request('POST', '/api/staff', {
      token: province,
      body: { sub: 'a b', name: '', roles: ['clerk', 'clerk'], regionCode: '3301', certificateNumber: 'zj 1', certificateExpiresOn: '2026-02-30', agreementSignedOn: '26-01-01', active: 'yes' },
    });
    expect(shape.status).toBe(400);
    const at = (res: { body: any }) => Object.fromEntries((res.body.errors as { path: string; code: string; message: string }[]).map((e) => [e.path, `${e.code} ${e.message}`]));
    expect(at(shape)).toEqual({
      '/sub': expect.stringMatching(/^FORMAT 登录账号应为/),
      '/name': 'REQUIRED 请填写姓名',
      '/roles': 'FORMAT 角色不能重复',
      '/regionCode': expect.stringMatching(/^FORMAT 所属行政区/),
      '/certificateNumber': expect.stringMatching(/^FORMAT 上岗证编号应为 6 至 32 位/),
      '/certificateExpiresOn': 'FORMAT 上岗证有效期至应为 YYYY-MM-DD 格式的有效日期',
      '/agreementSignedOn': 'FORMAT 保密协议签订日期应为 YYYY-MM-DD 格式的有效日期',
      '/active': expect.stringMatching(/^FORMAT 在岗状态/),
    });

    const rules = await system.request('POST', '/api/staff', {
      token: province,
      body: newEntry('mixed', { roles: ['clerk', 'city'], regionCode: '330199', certificateExpiresOn: null, agreementSignedOn: dayFrom(1) }),
    });
    expect(rules.status).toBe(400);
    expect(Object.keys(at(rules)).sort()).toEqual(['/agreementSignedOn', '/certificateExpiresOn', '/regionCode', '/roles']);
    expect(at(rules)['/roles']).toMatch(/^ROLES_MIXED_LEVELS 一人的角色应属同一层级/);
    expect(at(rules)['/regionCode']).toBe('REGION_UNKNOWN 所属行政区应为浙江省内有效的行政区划代码');
    expect(at(rules)['/certificateExpiresOn']).toBe('REQUIRED 请填写上岗证有效期至');
    expect(at(rules)['/agreementSignedOn']).toBe('DATE_IN_FUTURE 保密协议签订日期不能晚于今天');

    // The schema's problems and the register's rules in one answer; no rule about a field already refused.
    const both = await system.request('POST', '/api/staff', {
      token: province,
      body: newEntry('both', { certificateNumber: 'HZ 0001', regionCode: '330100', agreementSignedOn: dayFrom(1) }),
    });
    expect(Object.keys(at(both)).sort()).toEqual(['/agreementSignedOn', '/certificateNumber', '/regionCode']);
    expect(at(both)['/certificateNumber']).toMatch(/^FORMAT /);
    expect(at(both)['/regionCode']).toMatch(/^REGION_LEVEL /);

    const level = await system.request('POST', '/api/staff', { token: province, body: newEntry('level', { roles: ['city'], regionCode: '330106' }) });
    expect(at(level)).toEqual({ '/regionCode': 'REGION_LEVEL 市残联人员应填写设区市的行政区划代码（如 330100）' });

    const again = await system.request('POST', '/api/staff', { token: province, body: newEntry('reviewer', { certificateNumber: null, certificateExpiresOn: null }) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'STAFF_EXISTS', errors: [{ path: '/sub', message: '该登录账号已在名册中' }] });
    const taken = await system.request('POST', '/api/staff', { token: province, body: newEntry('other', { certificateNumber: newEntry('reviewer').certificateNumber }) });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'CERTIFICATE_NUMBER_TAKEN', errors: [{ path: '/certificateNumber' }] });
    const stored = await system.db.query('select sub from staff_members where sub = any($1)', [[sub('mixed'), sub('both'), sub('level'), sub('other'), 'a b']]);
    expect(stored.rows).toEqual([]);
  });

  it('lists the province all and a city its own counties and itself, filtered by region, role, status and text', async () => {
    const subsOf = async (token: string, query = '') => {
      const res = await system.request('GET', `/api/staff?limit=100&text=${run}${query}`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { sub: string }[]).map((m) => m.sub).sort();
    };
    const ours = (...names: string[]) => names.map(sub).sort();
    expect(await subsOf(hangzhou)).toEqual(ours('city-hz', 'dev-clerk', 'reviewer', 'supervisor'));
    expect(await subsOf(ningbo)).toEqual(ours('city-nb'));
    expect(await subsOf(province)).toEqual(ours('city-hz', 'city-nb', 'dev-clerk', 'dev-operator', 'policy', 'province', 'reviewer', 'supervisor'));
    expect(await subsOf(province, '&regionCode=330106')).toEqual(ours('dev-clerk', 'reviewer'));
    expect(await subsOf(province, '&regionCode=330100')).toEqual(ours('city-hz', 'dev-clerk', 'reviewer', 'supervisor'));
    expect(await subsOf(province, '&role=reviewer')).toEqual(ours('reviewer'));
    expect(await subsOf(hangzhou, '&regionCode=330206')).toEqual([]);
    const bad = await system.request('GET', '/api/staff?regionCode=330199&status=soon', { token: province });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['/status']);
    const unknown = await system.request('GET', '/api/staff?regionCode=330199', { token: province });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/regionCode', code: 'REGION_UNKNOWN' })]);
  });

  it('changes an entry within the city, audited field by field; not another city’s, nor one’s own', async () => {
    const changed = await system.request('PATCH', `/api/staff/${sub('reviewer')}`, { token: hangzhou, body: { roles: ['reviewer', 'lead'], certificateExpiresOn: dayFrom(10) } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ roles: ['reviewer', 'lead'], certificateExpiresOn: dayFrom(10), certificateDaysLeft: 10, updatedBy: sub('city-hz') });
    expect(await audited('staff.update', sub('reviewer'))).toEqual([{
      actor: sub('city-hz'),
      detail: { before: { roles: ['reviewer'], certificateExpiresOn: dayFrom(400) }, after: { roles: ['reviewer', 'lead'], certificateExpiresOn: dayFrom(10) } },
    }]);
    const expiring = await system.request('GET', `/api/staff?text=${run}&status=expiring`, { token: hangzhou });
    expect(expiring.body.items.map((m: { sub: string }) => m.sub)).toEqual([sub('reviewer')]);

    expect((await system.request('PATCH', `/api/staff/${sub('reviewer')}`, { token: ningbo, body: { active: false } })).status).toBe(404);
    expect((await system.request('PATCH', `/api/staff/${sub('no-such')}`, { token: province, body: { active: false } })).status).toBe(404);
    const own = await system.request('PATCH', `/api/staff/${sub('city-hz')}`, { token: hangzhou, body: { certificateExpiresOn: dayFrom(3000) } });
    expect(own.status).toBe(403);
    expect(own.body.title).toContain('不能修改本人');
    const away = await system.request('PATCH', `/api/staff/${sub('reviewer')}`, { token: hangzhou, body: { regionCode: '330206' } });
    expect(away.status).toBe(403);
    const level = await system.request('PATCH', `/api/staff/${sub('reviewer')}`, { token: hangzhou, body: { regionCode: '330100' } });
    expect(level.body.errors).toEqual([expect.objectContaining({ path: '/regionCode', code: 'REGION_LEVEL' })]);
    const empty = await system.request('PATCH', `/api/staff/${sub('reviewer')}`, { token: hangzhou, body: {} });
    expect(empty.status).toBe(400);
    expect(await audited('staff.update', sub('reviewer'))).toHaveLength(1);
  });

  it('ends a person’s sessions on a keeper’s request (强制下线), audited; another city’s people are not found', async () => {
    const first = await system.login({ role: 'reviewer', regionCode: '330106', userId: sub('reviewer') });
    const second = await system.login({ role: 'reviewer', regionCode: '330106', userId: sub('reviewer') });
    expect((await system.request('GET', '/api/staff/me', { token: first })).status).toBe(200);
    const revoked = await system.request('POST', `/api/staff/${sub('reviewer')}/revoke-sessions`, { token: hangzhou });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ sub: sub('reviewer'), revokedSessions: 2 });
    for (const token of [first, second]) expect((await system.request('GET', '/api/staff/me', { token })).status).toBe(401);
    // The keeper's own session goes on.
    expect((await system.request('GET', '/api/staff', { token: hangzhou })).status).toBe(200);
    expect(await audited('staff.revoke_sessions', sub('reviewer'))).toEqual([{ actor: sub('city-hz'), detail: { revokedSessions: 2 } }]);
    expect((await system.request('POST', `/api/staff/${sub('reviewer')}/revoke-sessions`, { token: ningbo })).status).toBe(404);
  });
});

describe('the reminder’s lead, read from the deployed diagram', () => {
  const REMINDERS = readFileSync(new URL('../../processes/staff-certificate-reminders.bpmn', import.meta.url), 'utf8');
  const withLead = (days: number) => REMINDERS.replace('name="remindDaysBefore" value="30"', `name="remindDaysBefore" value="${days}"`);

  it('calls a certificate expiring within the remindDaysBefore the deployed diagram sets, and says how many days', async () => {
    const created = await system.request('POST', '/api/staff', { token: hangzhou, body: newEntry('lead-probe', { certificateNumber: `ZJ-LEAD-${seed()}`, certificateExpiresOn: dayFrom(40) }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const expiringNow = async () => {
      const list = await system.request('GET', `/api/staff?text=${sub('lead-probe')}&status=expiring`, { token: hangzhou });
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      return { lead: list.body.expiringWithinDays, subs: list.body.items.map((m: { sub: string }) => m.sub) };
    };
    expect(await expiringNow()).toEqual({ lead: 30, subs: [] });
    try {
      await deployDiagram(system.rest, 'staff-certificate-reminders', withLead(45), 'test-reminder-lead');
      expect(await expiringNow()).toEqual({ lead: 45, subs: [sub('lead-probe')] });
      const me = await system.request('GET', '/api/staff/me', { token: hangzhou });
      expect(me.body.expiringWithinDays).toBe(45);
    } finally {
      // The project's own diagram again, for the suites after this one.
      await deployDiagram(system.rest, 'staff-certificate-reminders', REMINDERS, 'test-reminder-lead');
    }
    expect(await expiringNow()).toEqual({ lead: 30, subs: [] });
  });
});

describe('a clerk whose certificate has expired', () => {
  const clerkId = sub('window-clerk');
  let clerk: string;
  let task: { id: string };
  let filingId: string;

  const act = (action: 'claim' | 'unclaim' | 'complete', token = clerk) =>
    system.request('POST', `/api/tasks/${task.id}/${action}`, { token, ...(action === 'complete' ? { body: { acceptanceDecision: 'accept', acceptanceNote: '材料已补齐' } } : {}) });
  const setEntry = async (body: Record<string, unknown>) => {
    const res = await system.request('PATCH', `/api/staff/${clerkId}`, { token: hangzhou, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  beforeAll(async () => {
    clerk = await system.login({ role: 'clerk', regionCode: '330106', userId: clerkId });
    const filing = syntheticFiling(seed(), { regionCode: '330106' });
    const res = await system.request('POST', '/api/filings', {
      token: clerk,
      body: { ...filing, channel: 'window', receivingRegionCode: '330106', windowIntake: { materialsComplete: false, missingMaterials: '缺少营业执照复印件' } },
    });
    expect(res.status).toBe(201);
    filingId = res.body.id;
    task = await eventually('the acceptance task', async () => {
      const inbox = await system.request('GET', '/api/tasks', { token: clerk });
      return (inbox.body.items as { id: string; taskDefinitionKey: string; filing: { id: string } | null }[]).find(
        (t) => t.filing?.id === filingId && t.taskDefinitionKey === 'acceptance',
      );
    }, 60_000);
    await setEntry({ certificateExpiresOn: dayFrom(-1) });
  }, 120_000);

  const reason = `上岗证已于${dayFrom(-1)}过期，不能办理任务或查看个人信息，请联系市残联更新名册`;

  it('signs in, reads the inbox and the task, and is told why in Chinese', async () => {
    // Signing in again does not renew the entry.
    clerk = await system.login({ role: 'clerk', regionCode: '330106', userId: clerkId });
    const me = await system.request('GET', '/api/staff/me', { token: clerk });
    expect(me.body.standing).toEqual({ ok: false, code: 'CERTIFICATE_EXPIRED', reason });
    expect(me.body.member.certificateDaysLeft).toBe(-1);
    const inbox = await system.request('GET', '/api/tasks', { token: clerk });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    expect((await system.request('GET', `/api/tasks/${task.id}`, { token: clerk })).status).toBe(200);
    expect((await system.request('GET', `/api/filings/${filingId}`, { token: clerk })).status).toBe(200);
  });

  it('cannot claim, unclaim or complete the task, nor read whole personal numbers: 403 with the reason', async () => {
    for (const action of ['claim', 'unclaim', 'complete'] as const) {
      const res = await act(action);
      expect(res.status, action).toBe(403);
      expect(res.body).toMatchObject({ title: reason, code: 'CERTIFICATE_EXPIRED' });
    }
    const reveal = await system.request('GET', `/api/filings/${filingId}?reveal=personal`, { token: clerk });
    expect(reveal.status).toBe(403);
    expect(reveal.body).toMatchObject({ title: reason, code: 'CERTIFICATE_EXPIRED' });
    expect(await audited('filing.reveal_personal_numbers', filingId)).toEqual([]);
    expect(await audited('task.claim', task.id)).toEqual([]);
    // Untouched in the engine.
    expect((await system.request('GET', `/api/tasks/${task.id}`, { token: clerk })).body.assignee).toBeNull();
  });

  it('is refused for no agreement on file, inactive, or no entry at all, each with its own reason', async () => {
    await setEntry({ certificateExpiresOn: dayFrom(200), agreementSignedOn: null });
    expect((await act('claim')).body).toMatchObject({ code: 'NO_AGREEMENT', title: expect.stringContaining('信息安全保密协议') });
    await setEntry({ agreementSignedOn: today, active: false });
    expect((await act('claim')).body).toMatchObject({ code: 'INACTIVE', title: expect.stringContaining('已停用') });
    // Gone from the register (as if never entered), then put back as it was.
    const kept = await system.db.query('delete from staff_members where sub = $1 returning to_jsonb(staff_members.*) as row', [clerkId]);
    try {
      expect((await act('claim')).body).toMatchObject({ code: 'NOT_REGISTERED', title: expect.stringContaining('不在工作人员名册中') });
    } finally {
      await system.db.query('insert into staff_members select * from jsonb_populate_record(null::staff_members, $1)', [kept.rows[0].row]);
    }
  });

  it('works again once the certificate is renewed: valid through today, the task claimed and completed', async () => {
    await setEntry({ active: true, certificateExpiresOn: today });
    expect((await system.request('GET', '/api/staff/me', { token: clerk })).body.standing).toEqual({ ok: true });
    expect((await act('claim')).status).toBe(200);
    expect((await system.request('GET', `/api/filings/${filingId}?reveal=personal`, { token: clerk })).status).toBe(200);
    const done = await act('complete');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await audited('task.complete', task.id)).map((r) => r.actor)).toEqual([clerkId]);
  });
});
