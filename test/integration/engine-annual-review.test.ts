// The first slice of the procedure on the real engine: a filing becomes exactly one `annual-review` instance
// keyed by its id, passes the registration check, waits for acceptance by a clerk of the handling county (and no
// other), is accepted through our API with the form's values checked, and ends with its status history in place.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { basicAuthorization } from '../../platform/engine-rest.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let dataDir: string;
const HANDLING = '330108';
const OTHER_COUNTY = '330102';
const seed = () => Math.floor(Math.random() * 1e9);
// Registered units the market-regulation simulator knows: one in good standing, one deregistered.
const ACTIVE_UNIT = syntheticFiling(810_001, { regionCode: HANDLING });
const DEREGISTERED_UNIT = syntheticFiling(810_002, { regionCode: HANDLING });

interface Instance {
  id: string;
  businessKey: string;
  ended?: boolean;
}

async function instancesOf(filingId: string): Promise<Instance[]> {
  return system.rest.get<Instance[]>('/history/process-instance', { processInstanceBusinessKey: filingId, processDefinitionKey: 'annual-review' });
}

/** A filing handed in at the county's window: a clerk accepts it (an online filing is accepted at once). */
async function fileAtWindow(filing = syntheticFiling(seed(), { regionCode: HANDLING })): Promise<{ id: string; token: string }> {
  const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  const windowClerk = await system.login({ role: 'clerk', regionCode: HANDLING });
  const res = await system.request('POST', '/api/filings', { token: windowClerk, body: { ...filing, channel: 'window', receivingRegionCode: HANDLING } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, token };
}

async function acceptanceTaskOf(token: string, filingId: string): Promise<any> {
  return eventually(`the acceptance task of ${filingId}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return res.body.items.find((t: any) => t.filing?.id === filingId);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'annual-review-sim-'));
  await cp(path.join(projectRoot, 'connectors', 'seed-data'), dataDir, { recursive: true });
  const registrations = JSON.parse(await readFile(path.join(dataDir, 'registrations.json'), 'utf8')) as unknown[];
  registrations.push(
    { uscc: ACTIVE_UNIT.employer.uscc, name: ACTIVE_UNIT.employer.name, registrar: 'samr', status: 'active', changedAt: '2018-05-02' },
    { uscc: DEREGISTERED_UNIT.employer.uscc, name: DEREGISTERED_UNIT.employer.name, registrar: 'samr', status: 'deregistered', changedAt: '2025-09-30' },
  );
  await writeFile(path.join(dataDir, 'registrations.json'), JSON.stringify(registrations));
  system = await startTestSystem({ SIM_DATA_DIR: dataDir });
});

afterAll(async () => {
  await system?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('annual review on the engine', () => {
  it('is ready: database, engine, deployment and workers', async () => {
    const res = await system.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.checks.map((c: any) => [c.name, c.state])).toEqual([
      ['database', 'up'],
      ['engine', 'up'],
      ['deployment', 'up'],
      ['workers', 'up'],
    ]);
  });

  it('runs a window filing from submission through acceptance to the automatic review, with one instance and its status history', async () => {
    const { id, token } = await fileAtWindow(ACTIVE_UNIT);
    const clerk = await system.login({ role: 'clerk', regionCode: HANDLING });
    const otherClerk = await system.login({ role: 'clerk', regionCode: OTHER_COUNTY });

    const task = await acceptanceTaskOf(clerk, id);
    const instances = await instancesOf(id);
    expect(instances).toHaveLength(1);
    expect(instances[0]!.businessKey).toBe(id);
    expect(task).toMatchObject({ name: '受理', taskDefinitionKey: 'acceptance', assignee: null, formRef: 'acceptance' });
    expect(task.filing).toMatchObject({ id, status: 'submitted', handlingRegionCode: HANDLING, employeeCount: expect.any(Number) });
    // Due within 3 working days of its creation, at the end of a China day.
    expect(new Date(task.due).getTime()).toBeGreaterThan(new Date(task.created).getTime());
    expect(new Date(task.due).toISOString()).toMatch(/T15:59:59\.000Z$/);

    // Another county's clerk neither sees it nor reaches it.
    const other = await system.request('GET', '/api/tasks', { token: otherClerk });
    expect(other.body.items.some((t: any) => t.id === task.id)).toBe(false);
    for (const [method, path] of [
      ['GET', `/api/tasks/${task.id}`],
      ['POST', `/api/tasks/${task.id}/claim`],
      ['POST', `/api/tasks/${task.id}/complete`],
    ] as const) {
      const res = await system.request(method, path, { token: otherClerk, ...(method === 'POST' ? { body: { acceptanceDecision: 'accept' } } : {}) });
      expect(res.status).toBe(404);
    }
    expect((await system.request('GET', '/api/tasks/no-such-task', { token: clerk })).status).toBe(404);
    // The employer is no clerk.
    expect((await system.request('GET', `/api/tasks/${task.id}`, { token })).status).toBe(404);

    // The registration check is already in the history.
    const before = await system.request('GET', `/api/filings/${id}`, { token: clerk });
    expect(before.body.history.map((h: any) => [h.status, h.step])).toEqual([
      ['submitted', 'filed'],
      ['submitted', 'registration-checked'],
      ['submitted', 'awaiting-acceptance'],
    ]);

    const detail = await system.request('GET', `/api/tasks/${task.id}`, { token: clerk });
    expect(detail.status).toBe(200);
    expect(detail.body.form.id).toBe('acceptance');
    expect(detail.body.form.components.map((c: any) => c.key).filter(Boolean)).toEqual(['acceptanceDecision', 'acceptanceNote']);

    // Claim, unclaim, claim again: the assignee follows.
    expect((await system.request('POST', `/api/tasks/${task.id}/claim`, { token: clerk })).body.assignee).toBe('dev-clerk-330108');
    expect((await system.request('POST', `/api/tasks/${task.id}/unclaim`, { token: clerk })).body.assignee).toBeNull();

    // Wrong values: every field error at once, nothing completed.
    const bad = await system.request('POST', `/api/tasks/${task.id}/complete`, {
      token: clerk,
      body: { acceptanceDecision: 'maybe', acceptanceNote: 'x'.repeat(501), surprise: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['/acceptanceDecision', 'FORMAT'],
      ['/acceptanceNote', 'FORMAT'],
      ['/surprise', 'UNKNOWN_FIELD'],
    ]);
    expect(bad.body.errors[0].message).toBe('受理决定只能是：受理、退回（材料不齐全）');
    const missing = await system.request('POST', `/api/tasks/${task.id}/complete`, { token: clerk, body: {} });
    expect(missing.body.errors).toEqual([{ path: '/acceptanceDecision', code: 'REQUIRED', message: '请填写受理决定' }]);
    expect((await system.request('GET', `/api/tasks/${task.id}`, { token: clerk })).status).toBe(200);

    const done = await system.request('POST', `/api/tasks/${task.id}/complete`, {
      token: clerk,
      body: { acceptanceDecision: 'accept', acceptanceNote: ' 材料齐全 ' },
    });
    expect(done.status).toBe(200);

    // The automatic review done, the filing waits for its employer to confirm the result.
    const confirmation = await eventually('the employer\'s confirmation task', async () => {
      const res = await system.request('GET', '/api/tasks', { token });
      return res.body.items.find((t: any) => t.filing?.id === id && t.taskDefinitionKey === 'confirm-result');
    });
    expect(confirmation).toMatchObject({ name: '确认审核结果', formRef: 'confirm-result' });
    const after = await system.request('GET', `/api/filings/${id}`, { token: clerk });
    expect(after.body.status).toBe('awaiting_confirmation');
    expect(after.body.history.map((h: any) => [h.status, h.step, h.actor, h.note])).toEqual([
      ['submitted', 'filed', 'dev-clerk-330108', null],
      ['submitted', 'registration-checked', 'system', null],
      ['submitted', 'awaiting-acceptance', 'system', null],
      ['accepted', 'acceptance', 'dev-clerk-330108', '材料齐全'],
      ['reviewing', 'automatic-review', 'system', null],
      ['awaiting_confirmation', 'automatic-review', 'system', null],
    ]);
    expect(after.body.review).toMatchObject({ certifiedCount: expect.any(Number), employees: expect.any(Array) });
    expect(await instancesOf(id)).toHaveLength(1);
    const audited = await system.db.query('select seq::text, actor, action, detail from audit_log where subject_type = $1 and subject_id = $2 order by audit_log.seq', ['task', task.id]);
    // Reads, and every engine action as an intent before it and its outcome after, naming the intent.
    expect(audited.rows.map((r: any) => r.action)).toEqual([
      'task.read',
      'task.claim.intent',
      'task.claim',
      'task.unclaim.intent',
      'task.unclaim',
      'task.read',
      'task.complete.intent',
      'task.complete',
    ]);
    for (const [i, row] of audited.rows.entries()) {
      if (!row.action.endsWith('.intent') && row.action !== 'task.read') expect(row.detail, row.action).toMatchObject({ outcome: 'ok', intentSeq: audited.rows[i - 1].seq });
    }
    expect(audited.rows.at(-1).detail).toMatchObject({ taskDefinitionKey: 'acceptance', processInstanceId: task.processInstanceId });
    expect(new Set(audited.rows.map((r: any) => r.actor))).toEqual(new Set(['dev-clerk-330108']));
    // Done is done: the task is gone for everyone.
    expect((await system.request('GET', `/api/tasks/${task.id}`, { token: clerk })).status).toBe(404);
  });

  it('records what the registrar said, and returns an incomplete filing with the reason', async () => {
    const { id } = await fileAtWindow(DEREGISTERED_UNIT);
    const clerk = await system.login({ role: 'clerk', regionCode: HANDLING });
    const task = await acceptanceTaskOf(clerk, id);
    const res = await system.request('POST', `/api/tasks/${task.id}/complete`, {
      token: clerk,
      body: { acceptanceDecision: 'return', acceptanceNote: '缺少残疾职工劳动合同复印件' },
    });
    expect(res.status).toBe(200);
    const filing = await eventually('the filing to be returned', async () => {
      const r = await system.request('GET', `/api/filings/${id}`, { token: clerk });
      return r.body.status === 'returned' ? r.body : undefined;
    });
    expect(filing.history.slice(1).map((h: any) => [h.status, h.step, h.note])).toEqual([
      ['submitted', 'registration-checked', 'EMPLOYER_DEREGISTERED'],
      ['submitted', 'awaiting-acceptance', null],
      ['returned', 'acceptance', '缺少残疾职工劳动合同复印件'],
    ]);
  });

  it('starts nothing for a bad filing', async () => {
    const filing = syntheticFiling(seed(), { regionCode: HANDLING });
    const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
    const before = await system.rest.get<{ count: number }>('/history/process-instance/count', { processDefinitionKey: 'annual-review' });
    const res = await system.request('POST', '/api/filings', { token, body: { ...filing, employer: { ...filing.employer, uscc: 'X' } } });
    expect(res.status).toBe(400);
    await system.outbox.dispatchDue();
    const after = await system.rest.get<{ count: number }>('/history/process-instance/count', { processDefinitionKey: 'annual-review' });
    expect(after.count).toBe(before.count);
  });

  it('sends a step that cannot succeed to the operators instead of ending silently', async () => {
    // An instance whose filing does not exist: check-registration raises FILING_NOT_FOUND.
    const ghost = crypto.randomUUID();
    await system.rest.post('/process-definition/key/annual-review/start', {
      businessKey: ghost,
      variables: { filingId: { value: ghost, type: 'String' }, handlingRegionCode: { value: HANDLING, type: 'String' } },
    });
    const operator = await system.login({ role: 'operator' });
    const [instance] = await instancesOf(ghost);
    const task = await eventually('the operator task', async () => {
      const res = await system.request('GET', '/api/tasks', { token: operator });
      return res.body.items.find((t: any) => t.processInstanceId === instance!.id);
    });
    expect(task).toMatchObject({ taskDefinitionKey: 'resolve-error', filing: null });
    const detail = await system.request('GET', `/api/tasks/${task.id}`, { token: operator });
    expect(detail.body.values).toMatchObject({ errorCode: 'FILING_NOT_FOUND', errorMessage: `check-registration: no filing ${ghost}` });
    const done = await system.request('POST', `/api/tasks/${task.id}/complete`, { token: operator, body: { errorResolution: '测试实例，已核实无此申报' } });
    expect(done.status).toBe(200);
  });

  it('lets the administrator, and not demo/demo, into Cockpit, where a filing shows with its business key', async () => {
    const { id } = await fileAtWindow();
    await eventually('the instance', async () => ((await instancesOf(id)).length ? true : undefined));
    const { baseUrl } = inject('engine');
    // The web apps' own session login, with their CSRF token, as a browser does it.
    const session = async (username: string, password: string) => {
      const page = await fetch(`${baseUrl}/operaton/app/cockpit/default/`);
      const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]!);
      const xsrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!.split('=')[1]!;
      const login = await fetch(`${baseUrl}/operaton/api/admin/auth/user/default/login/cockpit`, {
        method: 'POST',
        headers: { cookie: cookies.join('; '), 'x-xsrf-token': xsrf, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }),
      });
      const all = [...cookies, ...login.headers.getSetCookie().map((c) => c.split(';')[0]!)];
      return { status: login.status, cookie: all.join('; '), xsrf: all.filter((c) => c.startsWith('XSRF-TOKEN=')).at(-1)!.split('=')[1]! };
    };
    expect((await session('demo', 'demo')).status).not.toBe(200);
    const admin = await session('admin', inject('engineAdminPassword'));
    expect(admin.status).toBe(200);
    const seen = await fetch(`${baseUrl}/operaton/api/engine/engine/default/process-instance?businessKey=${id}`, {
      headers: { cookie: admin.cookie, 'x-xsrf-token': admin.xsrf },
    });
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as { businessKey: string }[]).map((i) => i.businessKey)).toEqual([id]);
  });

  it('refuses engine REST calls without the service account', async () => {
    const { baseUrl, user } = inject('engine');
    const anonymous = await fetch(`${baseUrl}/engine-rest/process-instance`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${baseUrl}/engine-rest/process-instance`, { headers: { authorization: basicAuthorization(user, 'wrong') } });
    expect(wrong.status).toBe(401);
    // A wrong password does not lock the service account out.
    expect((await system.rest.get<{ count: number }>('/process-definition/count')).count).toBeGreaterThan(0);
    const demo = await fetch(`${baseUrl}/engine-rest/process-instance`, { headers: { authorization: basicAuthorization('demo', 'demo') } });
    expect(demo.status).toBe(401);
    const admin = await fetch(`${baseUrl}/engine-rest/process-definition/count`, {
      headers: { authorization: basicAuthorization('admin', inject('engineAdminPassword')) },
    });
    expect(admin.status).toBe(200);
  });
});
