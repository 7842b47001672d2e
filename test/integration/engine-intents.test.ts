// An API killed between an engine action and its record: the intent audited before the engine was called is settled
// from what the engine holds — a deployment the engine made gets its record of who and why, a completed task its
// outcome, an action the engine never took is said not done — once, however often the reconciler runs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deployResources, WEB_MODELER_SOURCE } from '../../deployment/deploy-resources.ts';
import { reconcileEngineIntents } from '../../operations/engine-intents.ts';
import { createPool, type Db } from '../../platform/db.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { audit, type Actor } from '../../platform/http/audit.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

let db: Db;
let engine: EngineRest;
const silent = () => undefined;
const reconcile = () => reconcileEngineIntents({ db, engine, settleMs: 0, log: silent });

async function outcomesOf(intentSeq: string) {
  const { rows } = await db.query<{ action: string; subject_id: string; detail: { outcome: string; reconciled?: boolean } }>(
    `select action, subject_id, detail from audit_log where detail ->> 'intentSeq' = $1`,
    [intentSeq],
  );
  return rows;
}

beforeAll(async () => {
  db = createPool(inject('databaseUrl'));
  engine = createEngineRest(inject('engine'));
  await deployDiagram(
    engine,
    'intent-probe',
    `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="intent-probe-d" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="intent-probe" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="decide"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
    <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`,
  );
});

afterAll(async () => {
  await db.end();
});

async function userTask(): Promise<string> {
  const instance = await engine.post<{ id: string }>('/process-definition/key/intent-probe/start', { businessKey: `intent-${randomUUID()}` });
  const [task] = await engine.get<{ id: string }[]>('/task', { processInstanceId: instance.id });
  return task!.id;
}

describe('engine actions settled after the API died between the engine and our record', () => {
  const reviewer: Actor = { sub: `reviewer-${randomUUID().slice(0, 8)}`, role: 'reviewer' } as Actor;

  it('a task completed by the engine gets its outcome; a claim the engine never took is said not done; both once', async () => {
    const completed = await userTask();
    const completeIntent = await audit(db, reviewer, 'task.complete.intent', { type: 'task', id: completed }, { taskDefinitionKey: 'decide' });
    await engine.post(`/task/${completed}/complete`, { variables: {} });
    const unclaimed = await userTask();
    const claimIntent = await audit(db, reviewer, 'task.claim.intent', { type: 'task', id: unclaimed }, { taskDefinitionKey: 'decide' });

    await reconcile();
    expect(await outcomesOf(completeIntent)).toEqual([
      expect.objectContaining({ action: 'task.complete', subject_id: completed, detail: expect.objectContaining({ outcome: 'ok', reconciled: true }) }),
    ]);
    expect(await outcomesOf(claimIntent)).toEqual([
      expect.objectContaining({ action: 'task.claim', detail: expect.objectContaining({ outcome: 'not-done', reconciled: true }) }),
    ]);
    await reconcile();
    expect(await outcomesOf(completeIntent)).toHaveLength(1);
    expect(await outcomesOf(claimIntent)).toHaveLength(1);
  });

  it('a modeler deployment the engine made is recorded with who deployed it and why', async () => {
    const key = `intent-deploy-${randomUUID().slice(0, 8)}`;
    const note = '核对补记测试';
    const name = `${key}.bpmn`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d-${key}" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="${key}" isExecutable="true" operaton:historyTimeToLive="P1D"><bpmn:startEvent id="start" /></bpmn:process>
</bpmn:definitions>`;
    const policy: Actor = { sub: `policy-${randomUUID().slice(0, 8)}`, role: 'policy' } as Actor;
    const intent = await audit(db, policy, 'deployment.create.intent', { type: 'deployment', id: 'new' }, { note, resources: [name] });
    // What the request did before it died: the engine deployed, nothing recorded.
    const made = await deployResources(engine, [{ name, content: xml }], WEB_MODELER_SOURCE);
    expect(made.created).toBe(true);

    await reconcile();
    const [outcome] = await outcomesOf(intent);
    expect(outcome).toMatchObject({ action: 'deployment.create', subject_id: made.deploymentId, detail: { outcome: 'ok', reconciled: true } });
    const { rows } = await db.query('select note, deployed_by, unchanged, resources from deployments where deployment_id = $1', [made.deploymentId]);
    expect(rows).toEqual([
      { note, deployed_by: policy.sub, unchanged: false, resources: [expect.objectContaining({ name, kind: 'process', key, version: 1 })] },
    ]);
    await reconcile();
    expect(await outcomesOf(intent)).toHaveLength(1);
    expect((await db.query('select 1 from deployments where deployment_id = $1', [made.deploymentId])).rowCount).toBe(1);
  });
});
