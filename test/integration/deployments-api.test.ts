// POST /api/deployments: policy staff deploy a changed diagram or form; it is linted first, a finding answers 400
// with every finding and nothing deployed, and an unchanged resource makes no new version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let policy: string;

// A small process of its own, so that the run's annual-review is left as the project deployed it.
const probe = (name: string, topic = 'record-filing-status') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="policy-probe-definitions" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="policy-probe" name="${name}" isExecutable="true" operaton:historyTimeToLive="P30D">
    <bpmn:startEvent id="probe-start" name="开始"><bpmn:outgoing>p1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="probe-step" name="记录" operaton:type="external" operaton:topic="${topic}"><bpmn:incoming>p1</bpmn:incoming><bpmn:outgoing>p2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="probe-end" name="结束"><bpmn:incoming>p2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="p1" sourceRef="probe-start" targetRef="probe-step" />
    <bpmn:sequenceFlow id="p2" sourceRef="probe-step" targetRef="probe-end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="probe-diagram"><bpmndi:BPMNPlane id="probe-plane" bpmnElement="policy-probe">
    <bpmndi:BPMNShape id="probe-start_di" bpmnElement="probe-start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="probe-step_di" bpmnElement="probe-step"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="probe-end_di" bpmnElement="probe-end"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="p1_di" bpmnElement="p1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="p2_di" bpmnElement="p2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

async function versions(): Promise<number[]> {
  const defs = await system.rest.get<{ version: number }[]>('/process-definition', { key: 'policy-probe', sortBy: 'version', sortOrder: 'asc' });
  return defs.map((d) => d.version);
}

beforeAll(async () => {
  system = await startTestSystem({ WORKERS: 'off' });
  policy = await system.login({ role: 'policy' });
});

afterAll(async () => {
  await system?.stop();
});

describe('POST /api/deployments', () => {
  it('is for policy staff only', async () => {
    const clerk = await system.login({ role: 'clerk', regionCode: '330106' });
    const body = { note: '测试部署', resources: [{ name: 'policy-probe.bpmn', content: probe('探针') }] };
    expect((await system.request('POST', '/api/deployments', { token: clerk, body })).status).toBe(403);
    expect((await system.request('POST', '/api/deployments', { body })).status).toBe(401);
  });

  it('deploys a new version of a changed diagram, and none for an unchanged one', async () => {
    const first = await system.request('POST', '/api/deployments', { token: policy, body: { note: '测试部署', resources: [{ name: 'policy-probe.bpmn', content: probe('探针') }] } });
    expect(first.status).toBe(201);
    expect(first.body.definitions).toEqual([expect.objectContaining({ kind: 'process', key: 'policy-probe', version: 1 })]);

    const same = await system.request('POST', '/api/deployments', { token: policy, body: { note: '测试部署', resources: [{ name: 'policy-probe.bpmn', content: probe('探针') }] } });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ created: false, definitions: [] });

    const changed = await system.request('POST', '/api/deployments', { token: policy, body: { note: '测试部署', resources: [{ name: 'policy-probe.bpmn', content: probe('探针（改）') }] } });
    expect(changed.status).toBe(201);
    expect(changed.body.definitions[0]).toMatchObject({ key: 'policy-probe', version: 2 });
    expect(await versions()).toEqual([1, 2]);
    const audit = await system.db.query("select actor, detail from audit_log where action = 'deployment.create' and subject_id = $1", [changed.body.deploymentId]);
    expect(audit.rows).toEqual([{ actor: 'dev-policy-all', detail: expect.objectContaining({ outcome: 'ok', note: '测试部署', definitions: ['policy-probe:2'] }) }]);
    // Its intent, committed before the engine was asked, named by the outcome.
    const intent = await system.db.query("select action, subject_id, detail from audit_log where seq = $1", [audit.rows[0].detail.intentSeq]);
    expect(intent.rows).toEqual([{ action: 'deployment.create.intent', subject_id: 'new', detail: { note: '测试部署', resources: ['policy-probe.bpmn'] } }]);
  });

  it('makes no new version of a file the project deployed unchanged, though the engine compares within one source only', async () => {
    const levy = readFileSync(path.join(projectRoot, 'processes', 'levy-estimate.dmn'), 'utf8');
    const before = await system.rest.get<{ version: number }[]>('/decision-definition', { key: 'levy-policy', latestVersion: true });
    const res = await system.request('POST', '/api/deployments', { token: policy, body: { note: '未改动的文件', resources: [{ name: 'levy-estimate.dmn', content: levy }] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: false, definitions: [] });
    expect(await system.rest.get('/decision-definition', { key: 'levy-policy', latestVersion: true })).toEqual(before);
    // Changed beside an unchanged one: only the changed file becomes a version.
    const both = await system.request('POST', '/api/deployments', {
      token: policy,
      body: { note: '只改探针', resources: [{ name: 'levy-estimate.dmn', content: levy }, { name: 'policy-probe.bpmn', content: probe('探针（再改）') }] },
    });
    expect(both.status, JSON.stringify(both.body)).toBe(201);
    expect(both.body.definitions.map((d: any) => d.key)).toEqual(['policy-probe']);
  });

  it('answers 400 with every lint finding and deploys nothing', async () => {
    const before = await versions();
    const form = JSON.parse(readFileSync(path.join(projectRoot, 'forms', 'acceptance.form'), 'utf8'));
    const badForm = { ...form, components: [...form.components, { ...form.components[1], id: 'again' }] };
    const res = await system.request('POST', '/api/deployments', {
      token: policy,
      body: {
        note: '测试部署',
        resources: [
          { name: 'policy-probe.bpmn', content: probe('探针（坏）', 'no-such-topic') },
          { name: 'acceptance.form', content: JSON.stringify(badForm) },
        ],
      },
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: any) => [e.path, e.code]);
    expect(paths).toContainEqual(['/resources/0/content', 'LINT']);
    expect(paths).toContainEqual(['/resources/1/content', 'FORM_INVALID']);
    expect(res.body.errors.find((e: any) => e.code === 'LINT').message).toContain('no-such-topic');
    // The same findings as data, each on its file and element, for the modeler to mark on its canvas.
    expect(res.body.findings).toContainEqual({
      file: 'policy-probe.bpmn',
      index: 0,
      elementId: 'probe-step',
      rule: 'topic-has-worker',
      category: 'error',
      message: expect.stringContaining('no-such-topic'),
    });
    expect(res.body.findings.filter((f: any) => f.file === 'acceptance.form').length).toBeGreaterThan(0);
    expect(await versions()).toEqual(before);
  });

  it("answers 400 with the engine parser's findings on their elements when the engine refuses what the lint let through", async () => {
    const before = await versions();
    // A timer with no time: nothing the lint checks, but the engine's parser refuses it.
    const timerWithoutTime = probe('探针（无时间的定时器）').replace(
      /<bpmn:serviceTask id="probe-step"[^]*?<\/bpmn:serviceTask>/,
      '<bpmn:intermediateCatchEvent id="probe-step" name="等待"><bpmn:incoming>p1</bpmn:incoming><bpmn:outgoing>p2</bpmn:outgoing><bpmn:timerEventDefinition id="probe-timer" /></bpmn:intermediateCatchEvent>',
    );
    expect(timerWithoutTime).toContain('probe-timer');
    const res = await system.request('POST', '/api/deployments', { token: policy, body: { note: '测试部署', resources: [{ name: 'policy-probe.bpmn', content: timerWithoutTime }] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/resources/0/content', code: 'ENGINE_REFUSED' })]);
    expect(res.body.findings).toEqual([
      { file: 'policy-probe.bpmn', index: 0, elementId: 'probe-step', rule: 'engine', category: 'error', message: expect.stringContaining('Timer needs configuration') },
    ]);
    expect(await versions()).toEqual(before);
    // The engine was asked: the intent, then its outcome failed with the status answered.
    const audited = await system.db.query("select seq::text, action, detail from audit_log where action like 'deployment.create%' order by audit_log.seq desc limit 2");
    expect(audited.rows.reverse()).toEqual([
      { seq: expect.any(String), action: 'deployment.create.intent', detail: { note: '测试部署', resources: ['policy-probe.bpmn'] } },
      { seq: expect.any(String), action: 'deployment.create', detail: { note: '测试部署', resources: ['policy-probe.bpmn'], intentSeq: audited.rows[0].seq, outcome: 'failed', status: 400 } },
    ]);
  });

  it('checks the request itself, field by field', async () => {
    const noNote = await system.request('POST', '/api/deployments', { token: policy, body: { note: '', resources: [{ name: 'policy-probe.bpmn', content: probe('无说明') }] } });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors).toEqual([expect.objectContaining({ path: '/note', code: 'REQUIRED' })]);

    const res = await system.request('POST', '/api/deployments', {
      token: policy,
      body: { note: '测试部署', resources: [{ name: '../evil.sh', content: '' }], extra: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['/resources/0/name', 'FORMAT'],
        ['/resources/0/content', 'REQUIRED'],
        ['/extra', 'UNKNOWN_FIELD'],
      ]),
    );
    const garbage = await system.request('POST', '/api/deployments', { token: policy, body: { note: '测试部署', resources: [{ name: 'x.bpmn', content: '<not xml' }] } });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0]).toMatchObject({ path: '/resources/0/content', code: 'LINT' });
    const nul = await system.request('POST', '/api/deployments', { token: policy, body: { note: '测试部署', resources: [{ name: 'x.bpmn', content: '\u0000<x/>' }] } });
    expect(nul.body.errors).toEqual([expect.objectContaining({ path: '/resources/0/content', code: 'FORMAT' })]);
  });
});

describe('POST /api/deployments/checks', () => {
  it('runs the deployment checks without deploying, warnings included, for those who may read the definitions', async () => {
    const before = await versions();
    const body = { resources: [{ name: 'policy-probe.bpmn', content: probe('探针（检查）', 'no-such-topic') }] };
    const res = await system.request('POST', '/api/deployments/checks', { token: policy, body });
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([
      expect.objectContaining({ file: 'policy-probe.bpmn', elementId: 'probe-step', rule: 'topic-has-worker', category: 'error' }),
    ]);
    const clean = await system.request('POST', '/api/deployments/checks', { token: policy, body: { resources: [{ name: 'policy-probe.bpmn', content: probe('探针（检查）') }] } });
    expect(clean.body).toEqual({ findings: [] });
    expect(await versions()).toEqual(before);

    const province = await system.login({ role: 'province' });
    expect((await system.request('POST', '/api/deployments/checks', { token: province, body })).status).toBe(200);
    const clerk = await system.login({ role: 'clerk', regionCode: '330106' });
    expect((await system.request('POST', '/api/deployments/checks', { token: clerk, body })).status).toBe(403);
    const bad = await system.request('POST', '/api/deployments/checks', { token: policy, body: { resources: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: '/resources' });
  });

  it('runs off the API thread with a time limit, and each user may check only so often', async () => {
    // Another API on the same database and engine: 3 checks a minute per user, 100 ms each — less than the
    // checking thread takes to start, so every check here runs out of time and its thread is replaced.
    const limited = await startTestSystem({ WORKERS: 'off', DEPLOYMENT_CHECKS_PER_MINUTE: '3', DEPLOYMENT_CHECK_TIMEOUT_MS: '100' });
    try {
      const a = await limited.login({ role: 'policy', userId: 'policy-a' });
      const b = await limited.login({ role: 'policy', userId: 'policy-b' });
      const body = { resources: [{ name: 'policy-probe.bpmn', content: probe('探针（限时）') }] };
      const check = (token: string) =>
        fetch(`${limited.apiUrl}/api/deployments/checks`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      for (let i = 0; i < 3; i++) {
        const res = await check(a);
        expect(res.status).toBe(422);
        expect(await res.json()).toMatchObject({ code: 'CHECK_TIMEOUT', title: '部署检查超时' });
      }
      const refused = await check(a);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_CHECKS', title: '检查过于频繁，请稍后再试' });
      // Another user is not held back by the first.
      expect((await check(b)).status).toBe(422);
      // A deployment's checks run on the same thread, within the same limit; nothing is deployed.
      const before = await versions();
      const deployed = await limited.request('POST', '/api/deployments', { token: b, body: { note: '测试部署', ...body } });
      expect(deployed.status, JSON.stringify(deployed.body)).toBe(422);
      expect(deployed.body.code).toBe('CHECK_TIMEOUT');
      expect(await versions()).toEqual(before);
    } finally {
      await limited.stop();
    }
  });
});
