// Versions and their sources (issue 13 items 2–3): every deployment through the API needs a change note and is
// recorded with who made it; the web modeler lists the versions of a process, decision or form with who deployed
// each, when and why, and opens the source of any of them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let policy: string;
let original: string;

const NOTE = '依据浙残联发〔2022〕3号调整受理时限为 5 个工作日';

const deploy = (body: unknown) => system.request('POST', '/api/deployments', { token: policy, body });

beforeAll(async () => {
  system = await startTestSystem({ WORKERS: 'off' });
  // A named officer: the versions name her, the records keep her sign-in id too.
  policy = await system.login({ role: 'policy', userId: 'wang.fang', name: '王芳' });
  original = await readFile(path.join(projectRoot, 'processes', 'annual-review.bpmn'), 'utf8');
});

afterAll(async () => {
  // Later suites share this engine: the project's own diagram is the latest again.
  if (system && original) await deploy({ note: '测试结束，恢复项目自带的流程', resources: [{ name: 'annual-review.bpmn', content: original }] });
  await system?.stop();
});

describe('POST /api/deployments with a change note', () => {
  it('refuses a deployment without a note, and deploys nothing', async () => {
    const before = await system.rest.get<unknown[]>('/process-definition', { key: 'annual-review' });
    // Earlier suites of the run deploy too: only this request's effect is looked at.
    const recorded = (await system.db.query('select 1 from deployments')).rowCount;
    const res = await deploy({ resources: [{ name: 'annual-review.bpmn', content: original.replace('工作日', '工作日 ') }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/note', code: 'REQUIRED' })]);
    expect(res.body.errors[0].message).toContain('变更说明');
    expect(await system.rest.get<unknown[]>('/process-definition', { key: 'annual-review' })).toHaveLength(before.length);
    expect((await system.db.query('select 1 from deployments')).rowCount).toBe(recorded);
  });
});

describe('GET /api/definitions', () => {
  it('is for policy, province and operator staff', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: '330106' });
    expect((await system.request('GET', '/api/definitions?kind=process', { token: clerk })).status).toBe(403);
    expect((await system.request('GET', '/api/definitions/process/annual-review/versions', { token: clerk })).status).toBe(403);
    expect((await system.request('GET', '/api/definitions/process/annual-review/versions/1/source', { token: clerk })).status).toBe(403);
    expect((await system.request('GET', '/api/definitions?kind=process')).status).toBe(401);
    const province = await system.login({ role: 'province' });
    expect((await system.request('GET', '/api/definitions?kind=process', { token: province })).status).toBe(200);
  });

  it('signs in a person by the name given, and refuses a blank one naming the field', async () => {
    const blank = await system.request('POST', '/api/dev/login', { body: { role: 'policy', name: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: '/name', code: 'REQUIRED' })]);
    expect(blank.body.errors[0].message).toContain('姓名');
    const unnamed = await system.request('POST', '/api/dev/login', { body: { role: 'policy' } });
    expect(unnamed.body.identity).toMatchObject({ sub: 'dev-policy-all', name: '政策管理人员' });
  });

  it('lists each kind with its latest version, and checks the kind', async () => {
    const processes = await system.request('GET', '/api/definitions?kind=process', { token: policy });
    expect(processes.body).toContainEqual(expect.objectContaining({ kind: 'process', key: 'annual-review', latestVersion: expect.any(Number) }));
    // A decision names the file it lives in, with its neighbours: a change to it is deployed under that name.
    const decisions = await system.request('GET', '/api/definitions?kind=decision', { token: policy });
    expect(decisions.body).toContainEqual(expect.objectContaining({ kind: 'decision', key: 'minimum-wage', resource: 'employee-counting.dmn' }));
    const forms = await system.request('GET', '/api/definitions?kind=form', { token: policy });
    expect(forms.body).toContainEqual(expect.objectContaining({ kind: 'form', key: 'acceptance', latestVersion: 1, resource: 'acceptance.form' }));
    const bad = await system.request('GET', '/api/definitions?kind=script', { token: policy });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/kind', code: 'FORMAT' })]);
    expect((await system.request('GET', '/api/definitions', { token: policy })).body.errors).toEqual([expect.objectContaining({ path: '/kind', code: 'REQUIRED' })]);
  });

  it('shows who deployed each version and why, and the source of each', async () => {
    const changed = original.replace(
      /(<bpmn:serviceTask id="compute-acceptance-due"[\s\S]*?<operaton:inputParameter name="workingDays">)\$\{3\}/,
      '$1${5}',
    );
    expect(changed).not.toBe(original);
    const before = await system.request('GET', '/api/definitions/process/annual-review/versions', { token: policy });
    expect(before.status).toBe(200);
    // The first version is the one the system deployed from processes/ at its first start (later suites may add more).
    const shipped = before.body.at(-1);
    expect(shipped.version).toBe(1);
    expect(shipped).toMatchObject({ source: 'project-files', deployedBy: null, deployedByName: null, note: null, definitionId: expect.any(String), resource: 'annual-review.bpmn' });
    expect(Number.isNaN(Date.parse(shipped.deployedAt))).toBe(false);
    const latest = before.body[0];

    const res = await deploy({ note: NOTE, resources: [{ name: 'annual-review.bpmn', content: changed }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const made = res.body.definitions.find((d: any) => d.key === 'annual-review');

    const after = await system.request('GET', '/api/definitions/process/annual-review/versions', { token: policy });
    expect(after.body.map((v: any) => v.version)).toEqual([latest.version + 1, ...before.body.map((v: any) => v.version)]);
    expect(after.body[0]).toMatchObject({
      version: latest.version + 1,
      definitionId: made.id,
      deploymentId: res.body.deploymentId,
      deployedBy: 'wang.fang',
      deployedByName: '王芳',
      note: NOTE,
      source: 'web-modeler',
    });
    expect(after.body[1]).toEqual(latest);
    expect(after.body.at(-1)).toEqual(shipped);

    const row = await system.db.query('select deployed_by, deployed_by_name, note, unchanged, resources from deployments where deployment_id = $1', [res.body.deploymentId]);
    expect(row.rows).toEqual([
      {
        deployed_by: 'wang.fang',
        deployed_by_name: '王芳',
        note: NOTE,
        unchanged: false,
        resources: [{ name: 'annual-review.bpmn', kind: 'process', key: 'annual-review', version: latest.version + 1, definitionId: made.id }],
      },
    ]);
    const audited = await system.db.query("select detail->>'note' as note from audit_log where action = 'deployment.create' and subject_id = $1", [res.body.deploymentId]);
    expect(audited.rows).toEqual([{ note: NOTE }]);

    const oldXml = await system.request('GET', `/api/definitions/process/annual-review/versions/${shipped.version}/source`, { token: policy });
    const newXml = await system.request('GET', `/api/definitions/process/annual-review/versions/${latest.version + 1}/source`, { token: policy });
    expect(oldXml.status).toBe(200);
    expect(newXml.status).toBe(200);
    // As deployed: the request's text is normalised on the way in (the final newline trimmed).
    expect(newXml.body.trimEnd()).toBe(changed.trimEnd());
    expect(oldXml.body.trimEnd()).toBe(original.trimEnd());
    expect(oldXml.body).not.toBe(newXml.body);

    const list = await system.request('GET', '/api/definitions?kind=process', { token: policy });
    expect(list.body).toContainEqual(expect.objectContaining({ key: 'annual-review', latestVersion: latest.version + 1, definitionId: made.id }));

    // The same diagram again: no new version, but the attempt is on record, marked unchanged.
    const again = await deploy({ note: '再次提交（无变化）', resources: [{ name: 'annual-review.bpmn', content: changed }] });
    expect(again.status).toBe(200);
    const unchanged = await system.db.query("select unchanged, resources from deployments where note = '再次提交（无变化）'");
    expect(unchanged.rows).toEqual([{ unchanged: true, resources: [{ name: 'annual-review.bpmn', kind: 'process', key: null, version: null, definitionId: null }] }]);
    const still = await system.request('GET', '/api/definitions/process/annual-review/versions', { token: policy });
    expect(still.body).toEqual(after.body);
  });

  it('lists a form\'s versions by the deployments holding it, and opens each', async () => {
    const versions = await system.request('GET', '/api/definitions/form/acceptance/versions', { token: policy });
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual([expect.objectContaining({ version: 1, definitionId: null, source: 'project-files', deployedBy: null })]);
    const source = await system.request('GET', '/api/definitions/form/acceptance/versions/1/source', { token: policy });
    expect(source.status).toBe(200);
    const shipped = JSON.parse(await readFile(path.join(projectRoot, 'forms', 'acceptance.form'), 'utf8'));
    expect(source.body).toEqual(shipped);
  });

  it('answers 404 for what is not deployed and 400 for malformed parameters', async () => {
    const get = (p: string) => system.request('GET', p, { token: policy });
    expect((await get('/api/definitions/process/no-such-process/versions')).status).toBe(404);
    expect((await get('/api/definitions/form/no-such-form/versions')).status).toBe(404);
    expect((await get('/api/definitions/process/annual-review/versions/999/source')).status).toBe(404);
    expect((await get('/api/definitions/form/acceptance/versions/999/source')).status).toBe(404);
    const badKind = await get('/api/definitions/script/annual-review/versions');
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors).toEqual([expect.objectContaining({ path: '/kind', code: 'FORMAT' })]);
    const badVersion = await get('/api/definitions/process/annual-review/versions/0/source');
    expect(badVersion.body.errors).toEqual([expect.objectContaining({ path: '/version', code: 'FORMAT' })]);
    const badKey = await get(`/api/definitions/process/${encodeURIComponent("a'b")}/versions`);
    expect(badKey.body.errors).toEqual([expect.objectContaining({ path: '/key', code: 'FORMAT' })]);
  });
});
