// After certification (issue 11): the employer's feedback is taken only while the filing's process waits for it, and
// reaches the process once through the outbox; the declaration may be modified only while the process holds the
// employer's `modify-declaration` task, with the old one kept; the rating of the service and its summary by scope.
// The API runs against the run's real engine, where a small diagram stands in for the annual review's last steps.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Filing } from '../../filings/declaration/filing.ts';
import type { OutboxMessage } from '../../outbox/outbox-commands.ts';
import { createEngineRest, toEngineVariables, type EngineRest } from '../../platform/engine-rest.ts';
import { freePort } from '../../platform/free-port.ts';
import { createFiling } from '../../filings/filing-store.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { createdId, syntheticFiling } from '../support/fixtures.ts';
import { eventually } from '../support/system.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

const PROCESS = 'test-feedback-then-modify';

// Certified → waits for the employer's feedback → the employer modifies the declaration → done.
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d-${PROCESS}" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:message id="feedbackFiled" name="feedback-filed" />
  <bpmn:process id="${PROCESS}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="feedback"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="feedbackFiled" />
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="modify-declaration" name="修改申报"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="feedback" />
    <bpmn:sequenceFlow id="f2" sourceRef="feedback" targetRef="modify-declaration" />
    <bpmn:sequenceFlow id="f3" sourceRef="modify-declaration" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

let api: TestApi;
let engine: EngineRest;
let nudges = 0;

beforeAll(async () => {
  engine = createEngineRest(inject('engine'));
  await deployDiagram(engine, PROCESS, DIAGRAM);
  api = await startTestApi({}, { engine, nudgeOutbox: () => nudges++ });
});

afterAll(async () => {
  await api.close();
});

/** A stored filing whose process is the test diagram (its own process start is marked sent, never made). */
async function storedFiling(seed: number, opts: { regionCode?: string; year?: number; status?: string } = {}): Promise<{ id: string; filing: Filing; token: string }> {
  const filing = syntheticFiling(seed, opts);
  const who = { sub: `dev-employer-${filing.employer.uscc}`, role: 'employer' as const, uscc: filing.employer.uscc };
  const id = createdId(await createFiling(api.db, who, filing, undefined));
  await api.db.query(`update outbox set dispatched_at = now() where business_key = $1 and command = 'create-process-instance'`, [id]);
  if (opts.status) await api.db.query('update filings set status = $2 where id = $1', [id, opts.status]);
  const token = await api.login({ role: 'employer', uscc: filing.employer.uscc });
  return { id, filing, token };
}

async function startProcess(filingId: string): Promise<string> {
  const instance = await engine.post<{ id: string }>(`/process-definition/key/${PROCESS}/start`, { businessKey: filingId });
  return instance.id;
}

/**
 * Sends the filing's pending messages as the outbox dispatcher does (its own test covers exactly-once), without
 * sending what other files of the run left in the shared outbox.
 */
async function deliver(filingId: string): Promise<void> {
  const pending = await rows(
    `select id, payload from outbox where business_key = $1 and command = 'correlate-message' and dispatched_at is null order by id`,
    [filingId],
  );
  for (const row of pending) {
    const { messageName, variables } = row.payload as OutboxMessage;
    await engine.post('/message', { messageName, businessKey: filingId, processVariables: toEngineVariables(variables) });
    await api.db.query('update outbox set dispatched_at = now() where id = $1', [row.id]);
  }
}

async function openTask(instanceId: string): Promise<{ id: string } | undefined> {
  const tasks = await engine.get<{ id: string }[]>('/task', { processInstanceId: instanceId, taskDefinitionKey: 'modify-declaration' });
  return tasks[0];
}

async function rows(sql: string, params: unknown[]): Promise<any[]> {
  return (await api.db.query(sql, params)).rows;
}

const SEED = 1_100_000;

describe('POST /api/filings/{id}/feedback', () => {
  it('takes feedback while the process waits for it, with the message that reaches the process in the outbox', async () => {
    const { id, token, filing } = await storedFiling(SEED + 1);
    const instanceId = await startProcess(id);
    const before = nudges;

    // An ID number typed into the reason stays in PostgreSQL, masked in the engine.
    const reason = '  第 2 名职工 330106199001011236 的工资填写有误，申请修改  ';
    const res = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'filed' });
    const feedbackId = res.body.id as string;
    expect(nudges).toBe(before + 1);

    expect(await rows('select filing_id, reason, filed_by from feedback where id = $1', [feedbackId])).toEqual([
      { filing_id: id, reason: reason.trim(), filed_by: expect.stringContaining('employer') },
    ]);
    const outbox = await rows(`select payload, dispatched_at from outbox where business_key = $1 and command = 'correlate-message'`, [id]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].payload).toMatchObject({
      messageName: 'feedback-filed',
      variables: { feedbackId, feedbackFiledBy: expect.any(String) },
      marker: { name: 'feedbackId', value: feedbackId },
    });
    expect(outbox[0].payload.variables.feedbackReason).toContain('3301**********1236');
    expect(JSON.stringify(outbox[0].payload)).not.toContain('330106199001011236');
    expect(await rows(`select actor_role from audit_log where action = 'feedback.create' and subject_id = $1`, [id])).toEqual([{ actor_role: 'employer' }]);

    // A second feedback before the first reached the process would find nobody waiting for it.
    const second = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '再次反馈' } });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('FEEDBACK_PENDING');

    await deliver(id);
    expect(await openTask(instanceId)).toBeDefined();
    const variables = await engine.get<Record<string, { value: unknown }>>(`/process-instance/${instanceId}/variables`);
    expect(variables.feedbackId?.value).toBe(feedbackId);
    expect(variables.feedbackFiledBy?.value).toBe(`dev-employer-${filing.employer.uscc}`);
    expect(String(variables.feedbackReason?.value)).not.toContain('330106199001011236');

    // The process has moved on: the feedback window is closed.
    const late = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '又一次反馈' } });
    expect(late.status).toBe(409);
    // This process has no feedback deadline: not "the period has ended", which would not be true.
    expect(late.body.code).toBe('FEEDBACK_NOT_AT_THIS_STEP');
    expect(late.body.title).toBe('申报当前所处的环节不能提交反馈：反馈在年审认证之后提出');
    expect(await rows('select id from feedback where filing_id = $1', [id])).toHaveLength(1);
  });

  it('refuses feedback when the process does not wait for it, in the caller language, writing nothing', async () => {
    const { id, token } = await storedFiling(SEED + 2); // no process at all
    const zh = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '申请修改' } });
    expect(zh.status).toBe(409);
    expect(zh.body).toMatchObject({ code: 'FEEDBACK_NOT_AT_THIS_STEP', filingId: id });
    const en = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '申请修改' }, headers: { 'accept-language': 'en' } });
    expect(en.body.title).toMatch(/cannot be filed at this step/);
    expect(await rows('select 1 from feedback where filing_id = $1', [id])).toHaveLength(0);
    expect(await rows(`select 1 from outbox where business_key = $1 and command = 'correlate-message'`, [id])).toHaveLength(0);
  });

  it('answers a retry with the same Idempotency-Key as it did, even after the window closed', async () => {
    const { id, token } = await storedFiling(SEED + 3);
    const instanceId = await startProcess(id);
    const headers = { 'idempotency-key': `fb-${id}` };
    const first = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '单位名称有误' }, headers });
    expect(first.status).toBe(202);
    await deliver(id);
    expect(await openTask(instanceId)).toBeDefined();

    const retry = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '单位名称有误' }, headers });
    expect(retry.status).toBe(202);
    expect(retry.body.id).toBe(first.body.id);
    const other = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '另一个理由' }, headers });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await rows('select 1 from feedback where filing_id = $1', [id])).toHaveLength(1);
  });

  it('is only for the employer of the unit', async () => {
    const { id, token } = await storedFiling(SEED + 4);
    await startProcess(id);
    const stranger = await api.login({ role: 'employer', uscc: syntheticFiling(SEED + 5).employer.uscc });
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106' });
    expect((await api.request('POST', `/api/filings/${id}/feedback`, { token: stranger, body: { reason: '理由' } })).status).toBe(404);
    expect((await api.request('POST', `/api/filings/${id}/feedback`, { token: reviewer, body: { reason: '理由' } })).status).toBe(403);
    expect((await api.request('POST', `/api/filings/${id}/feedback`, { body: { reason: '理由' } })).status).toBe(401);
    expect((await api.request('POST', '/api/filings/not-a-uuid/feedback', { token, body: { reason: '理由' } })).status).toBe(404);
    expect(await rows('select 1 from feedback where filing_id = $1', [id])).toHaveLength(0);
  });

  it('refuses hostile bodies field by field, writing nothing', async () => {
    const { id, token } = await storedFiling(SEED + 6);
    await startProcess(id);
    const cases: [unknown, string, string][] = [
      [{}, '/reason', 'REQUIRED'],
      [{ reason: '   ' }, '/reason', 'REQUIRED'],
      [{ reason: 'x'.repeat(1001) }, '/reason', 'FORMAT'],
      [{ reason: 42 }, '/reason', 'FORMAT'],
      [{ reason: ['a'] }, '/reason', 'FORMAT'],
      [{ reason: '理由\u202e反向' }, '/reason', 'FORMAT'],
      [{ reason: '理由', extra: 1 }, '/extra', 'UNKNOWN_FIELD'],
      ['{"reason": "理由", "__proto__": {"admin": true}}', '/__proto__', 'UNKNOWN_FIELD'],
      [[{ reason: '理由' }], '/', 'FORMAT'],
      ['"理由"', '/', 'FORMAT'],
      ['{"reason": "理由"', '/', 'FORMAT'],
    ];
    for (const [body, path, code] of cases) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await api.request('POST', `/api/filings/${id}/feedback`, { token, body: raw });
      expect(res.status, raw.slice(0, 60)).toBe(400);
      expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`), raw.slice(0, 60)).toContain(`${path} ${code}`);
    }
    expect(await rows('select 1 from feedback where filing_id = $1', [id])).toHaveLength(0);
  });

  it('answers 503 when the engine does not answer', async () => {
    const down = await startTestApi({}, { engine: createEngineRest({ baseUrl: `http://127.0.0.1:${await freePort()}`, user: 'x', password: 'x' }) });
    try {
      const { id, token } = await storedFiling(SEED + 7);
      const res = await down.request('POST', `/api/filings/${id}/feedback`, { token, body: { reason: '理由' } });
      expect(res.status).toBe(503);
      expect(await rows('select 1 from feedback where filing_id = $1', [id])).toHaveLength(0);
    } finally {
      await down.close();
    }
  });
});

describe('PUT /api/filings/{id}/declaration', () => {
  /** A filing whose process has taken feedback and now holds the employer's modify-declaration task. */
  async function openForModification(seed: number) {
    const stored = await storedFiling(seed);
    const instanceId = await startProcess(stored.id);
    const fb = await api.request('POST', `/api/filings/${stored.id}/feedback`, { token: stored.token, body: { reason: '工资填写有误' } });
    expect(fb.status).toBe(202);
    await deliver(stored.id);
    const task = await eventually('the modify-declaration task', () => openTask(instanceId));
    return { ...stored, instanceId, taskId: task.id };
  }

  it('is refused while the process holds no modify-declaration task', async () => {
    const { id, token, filing } = await storedFiling(SEED + 10);
    await startProcess(id); // waits for feedback
    const res = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: filing });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MODIFICATION_CLOSED');
    expect(await rows('select 1 from declaration_versions where filing_id = $1', [id])).toHaveLength(0);
  });

  it('replaces the declaration while the task is open, keeping the old one, and answers masked', async () => {
    const { id, token, filing, taskId } = await openForModification(SEED + 11);
    // A manual review decision on the old declaration, which names employees by position.
    await api.db.query(
      `insert into manual_review_decisions (filing_id, employee_index, decision, reason, reviewer, source_task_id) values ($1, 1, 'count', '材料齐全', 'reviewer', $2)`,
      [id, `test-${id}`],
    );
    const modified = structuredClone(filing);
    modified.employees[0]!.annualWage = 72000;
    modified.employees.pop();
    const res = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: modified });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: 1, changed: true });
    expect(res.body.employees).toHaveLength(1);
    expect(res.body.employees[0].idNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(res.body)).not.toContain(filing.employees[0]!.idNumber);

    const [current] = await rows('select declaration from filings where id = $1', [id]);
    expect(current.declaration.employees).toHaveLength(1);
    const versions = await rows('select version, declaration, replaced_by from declaration_versions where filing_id = $1', [id]);
    expect(versions).toHaveLength(1);
    expect(versions[0].version).toBe(1);
    expect(versions[0].declaration.employees).toHaveLength(2);
    expect(await rows(`select 1 from audit_log where action = 'filing.modify_declaration' and subject_id = $1`, [id])).toHaveLength(1);
    expect(await rows('select 1 from manual_review_decisions where filing_id = $1 and cleared_at is null', [id])).toHaveLength(0);

    // The same body again is no second modification.
    const again = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: modified });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, changed: false });
    // A further change while the task is still open is version 2.
    modified.employees[0]!.annualWage = 65000;
    const third = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: modified });
    expect(third.body).toMatchObject({ version: 2, changed: true });
    expect(await rows('select 1 from declaration_versions where filing_id = $1', [id])).toHaveLength(2);

    // Once the task is done, the declaration is closed again.
    await engine.post(`/task/${taskId}/complete`, { variables: {} });
    const late = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: filing });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MODIFICATION_CLOSED');
  });

  it('keeps the numbers sent back masked as filed, and names each masked number that matches nothing filed', async () => {
    const { id, token, filing } = await openForModification(SEED + 14);
    const shown = (await api.request('GET', `/api/filings/${id}`, { token })).body;
    expect(shown.employees[0].idNumber).toContain('*');
    const body = { year: shown.year, channel: shown.channel, employer: shown.employer, employees: structuredClone(shown.employees), commitment: shown.commitment };

    // A masked phone edited by hand: refused at that field, in Chinese, and nothing stored.
    const tampered = structuredClone(body);
    tampered.employees[1].phone = tampered.employees[1].phone.replace(/\d$/, (d: string) => (d === '1' ? '2' : '1'));
    const bad = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: tampered });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: '/employees/1/phone', code: 'MASKED_NOT_FILED', message: '第 2 名残疾职工的联系电话只显示了部分号码，对不上原申报中的号码，请填写完整的号码' }]);
    expect(await rows('select 1 from declaration_versions where filing_id = $1', [id])).toHaveLength(0);

    // One wage changed, every number left as shown: stored whole, as filed.
    body.employees[1].annualWage = 54_321;
    const res = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, changed: true });
    const [current] = await rows('select declaration from filings where id = $1', [id]);
    const expected = JSON.parse(JSON.stringify(filing)) as Filing;
    expected.employees[1]!.annualWage = 54_321;
    expect(current.declaration.employees).toEqual(expected.employees);
    expect(current.declaration.employer).toEqual(expected.employer);
    expect(JSON.stringify(current.declaration)).not.toContain('*');
  });

  it('checks the body like a new filing, and keeps the unit, year and county', async () => {
    const { id, token, filing } = await openForModification(SEED + 12);
    const broken = structuredClone(filing) as any;
    broken.employees[0].idNumber = broken.employees[0].idNumber.slice(0, 17) + (broken.employees[0].idNumber.endsWith('1') ? '2' : '1');
    delete broken.employer.legalRepName;
    const bad = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: broken });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(
      ['/employees/0/idNumber ID_CHECKSUM', '/employer/legalRepName REQUIRED'],
    );

    const otherUnit = { ...structuredClone(filing), employer: { ...filing.employer, uscc: syntheticFiling(SEED + 13).employer.uscc } };
    const unit = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: otherUnit });
    expect(unit.status).toBe(422);
    expect(unit.body.errors.map((e: { path: string }) => e.path)).toEqual(['/employer/uscc']);

    const otherYear = syntheticFiling(SEED + 12, { year: 2024 });
    expect(otherYear.employer.uscc).toBe(filing.employer.uscc);
    const year = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: otherYear });
    expect(year.status).toBe(422);
    expect(year.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/year FILING_YEAR_MISMATCH']);

    const moved = { ...structuredClone(filing), employer: { ...filing.employer, regionCode: '330102', dpfAuthority: '330102' } };
    const county = await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: moved });
    expect(county.status).toBe(422);
    expect(county.body.errors.map((e: { path: string }) => e.path)).toEqual(['/employer/regionCode']);

    for (const hostile of ['[]', '"x"', '{"year": 2025', JSON.stringify({ ...filing, admin: true })]) {
      expect((await api.request('PUT', `/api/filings/${id}/declaration`, { token, body: hostile })).status).toBe(400);
    }
    const [current] = await rows('select declaration from filings where id = $1', [id]);
    expect(current.declaration).toEqual(JSON.parse(JSON.stringify(filing)));
    expect(await rows('select 1 from declaration_versions where filing_id = $1', [id])).toHaveLength(0);

    const stranger = await api.login({ role: 'employer', uscc: syntheticFiling(SEED + 13).employer.uscc });
    expect((await api.request('PUT', `/api/filings/${id}/declaration`, { token: stranger, body: filing })).status).toBe(404);
  });
});

describe('ratings', () => {
  it('may be given once the filing is certified, and rating again replaces it', async () => {
    const { id, token } = await storedFiling(SEED + 20);
    const early = await api.request('POST', `/api/filings/${id}/rating`, { token, body: { score: 5 } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('RATING_NOT_OPEN');

    await api.db.query(`update filings set status = 'certified' where id = $1`, [id]);
    const first = await api.request('POST', `/api/filings/${id}/rating`, { token, body: { score: 4, comment: '  办理很快  ' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ score: 4, comment: '办理很快' });
    const shown = await api.request('GET', `/api/filings/${id}`, { token });
    expect(shown.body.rating).toEqual({ score: 4, comment: '办理很快', ratedAt: first.body.ratedAt, updatedAt: first.body.updatedAt });

    const second = await api.request('POST', `/api/filings/${id}/rating`, { token, body: { score: 2 } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ score: 2, comment: null, ratedAt: first.body.ratedAt });
    expect(await rows('select score from ratings where filing_id = $1', [id])).toEqual([{ score: 2 }]);
    expect(await rows(`select 1 from audit_log where action = 'rating.set' and subject_id = $1`, [id])).toHaveLength(2);

    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106' });
    expect((await api.request('GET', `/api/filings/${id}`, { token: reviewer })).body.rating.score).toBe(2);
    expect((await api.request('POST', `/api/filings/${id}/rating`, { token: reviewer, body: { score: 1 } })).status).toBe(403);
    const stranger = await api.login({ role: 'employer', uscc: syntheticFiling(SEED + 21).employer.uscc });
    expect((await api.request('POST', `/api/filings/${id}/rating`, { token: stranger, body: { score: 1 } })).status).toBe(404);
    const unrated = await storedFiling(SEED + 22);
    expect((await api.request('GET', `/api/filings/${unrated.id}`, { token: unrated.token })).body.rating).toBeNull();
  });

  it('refuses scores outside 1–5 and long comments, field by field', async () => {
    const { id, token } = await storedFiling(SEED + 23, { status: 'closed' });
    const cases: [unknown, string, string][] = [
      [{}, '/score', 'REQUIRED'],
      [{ score: 0 }, '/score', 'FORMAT'],
      [{ score: 6 }, '/score', 'FORMAT'],
      [{ score: 3.5 }, '/score', 'FORMAT'],
      [{ score: '5' }, '/score', 'FORMAT'],
      [{ score: 5, comment: '好'.repeat(501) }, '/comment', 'FORMAT'],
      [{ score: 5, comment: 5 }, '/comment', 'FORMAT'],
      [{ score: 5, who: 'x' }, '/who', 'UNKNOWN_FIELD'],
    ];
    for (const [body, path, code] of cases) {
      const res = await api.request('POST', `/api/filings/${id}/rating`, { token, body });
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toContain(`${path} ${code}`);
    }
    const en = await api.request('POST', `/api/filings/${id}/rating`, { token, body: { score: 9 }, headers: { 'accept-language': 'en' } });
    expect(en.body.errors[0].message).toBe('score must be a whole number from 1 to 5');
    expect(await rows('select 1 from ratings where filing_id = $1', [id])).toHaveLength(0);
  });

  it('summarises the ratings in the caller scope for city and province, without naming units', async () => {
    const year = 2019;
    const units: string[] = [];
    const rate = async (seed: number, regionCode: string, score: number, comment?: string) => {
      const { id, token, filing } = await storedFiling(seed, { regionCode, year, status: 'sent_to_tax' });
      units.push(filing.employer.name, filing.employer.uscc);
      const res = await api.request('POST', `/api/filings/${id}/rating`, { token, body: comment ? { score, comment } : { score } });
      expect(res.status).toBe(201);
    };
    await rate(SEED + 30, '330106', 5, '窗口服务很好');
    await rate(SEED + 31, '330106', 3);
    await rate(SEED + 32, '330110', 4, '联系电话 13812345678，身份证 330106199001011236 已更正');
    await rate(SEED + 33, '330205', 1, '等待太久');

    const summary = async (login: Record<string, unknown>, query: string) =>
      api.request('GET', `/api/ratings/summary?${query}`, { token: await api.login(login) });

    const county = await summary({ role: 'reviewer', regionCode: '330106' }, `year=${year}`);
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({ year, regionCode: '330106', count: 2, average: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });
    expect(county.body.comments).toEqual([{ score: 5, comment: '窗口服务很好', ratedAt: expect.any(String), year, regionCode: '330106' }]);

    const lead = await summary({ role: 'lead', regionCode: '330110' }, `year=${year}`);
    expect(lead.body).toMatchObject({ count: 1, average: 4 });
    expect(lead.body.comments[0].comment).toBe('联系电话 138****5678，身份证 3301**********1236 已更正');

    const city = await summary({ role: 'city', regionCode: '330100' }, `year=${year}`);
    expect(city.body).toMatchObject({ count: 3, average: 4, distribution: { 3: 1, 4: 1, 5: 1 } });
    const oneCounty = await summary({ role: 'city', regionCode: '330100' }, `year=${year}&regionCode=330110`);
    expect(oneCounty.body).toMatchObject({ regionCode: '330110', count: 1 });
    expect((await summary({ role: 'city', regionCode: '330100' }, `year=${year}&regionCode=330205`)).status).toBe(403);
    expect((await summary({ role: 'reviewer', regionCode: '330106' }, `year=${year}&regionCode=330110`)).status).toBe(403);

    const province = await summary({ role: 'province' }, `year=${year}`);
    expect(province.body).toMatchObject({ count: 4, average: 3.25, distribution: { 1: 1, 3: 1, 4: 1, 5: 1 } });
    expect(province.body.comments.map((c: { comment: string }) => c.comment)).toHaveLength(3);
    const text = JSON.stringify(province.body);
    for (const unit of units) expect(text).not.toContain(unit);
    expect(text).not.toMatch(/uscc|employer/i);
    expect((await summary({ role: 'province' }, 'year=2018')).body).toMatchObject({ count: 0, average: null });

    expect((await summary({ role: 'employer', uscc: syntheticFiling(SEED + 30).employer.uscc }, `year=${year}`)).status).toBe(403);
    for (const bad of ['year=19', 'regionCode=3301', 'year=2019&year=2020', 'limit=5']) {
      expect((await summary({ role: 'province' }, bad)).status, bad).toBe(400);
    }
  });
});
