// The dispute and the manual review against the test database and the run's engine: the record-dispute and
// record-manual-decision handlers (called directly, as the worker runtime would, with a job handed out again),
// the completion checks of the tasks API on a small diagram with the two forms, and count-employees applying the
// decisions in force, shown by GET /api/filings/{id}.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deployedDecisions } from '../../dmn-evaluator/deployed-decisions.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { createEngineRest, type EngineRest } from '../../platform/engine-rest.ts';
import { Problem } from '../../platform/problem.ts';
import { confirmResultCheck } from '../../completion-checks/confirm-result-check.ts';
import { monthsOf } from '../../review/employee-month-facts.ts';
import { clearManualReview, decisionsInForce } from '../../review/manual-review-store.ts';
import { findReview, saveEvidence } from '../../review/review-store.ts';
import { createFiling } from '../../filings/filing-store.ts';
import { createCountEmployeesHandler } from '../../workers/count-employees.ts';
import { createRecordDisputeHandler } from '../../workers/record-dispute.ts';
import { createRecordManualDecisionHandler } from '../../workers/record-manual-decision.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { createdId, syntheticFiling } from '../support/fixtures.ts';
import { eventually } from '../support/system.ts';
import { deployDiagram } from '../support/deploy-diagram.ts';

const PROCESS = 'test-dispute-and-manual-review';

// The employer confirms or disputes → a reviewer decides about one employee → done: the two forms as the annual
// review's diagram offers them, to the same candidate groups.
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="d-${PROCESS}" targetNamespace="http://dpf.zj.cn/test">
  <bpmn:process id="${PROCESS}" isExecutable="true" operaton:historyTimeToLive="P1D">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="confirm-result" name="确认审核结果" operaton:candidateGroups="employer-\${employerUscc}" operaton:formRef="confirm-result" operaton:formRefBinding="latest">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="review-employee" name="人工审核" operaton:candidateGroups="reviewer-\${handlingRegionCode}" operaton:formRef="manual-review" operaton:formRefBinding="latest">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="confirm-result" />
    <bpmn:sequenceFlow id="f2" sourceRef="confirm-result" targetRef="review-employee" />
    <bpmn:sequenceFlow id="f3" sourceRef="review-employee" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const YEAR = 2025;
const ALL = monthsOf(YEAR).map((m) => m.month);
const SEED = 1_300_000;

let api: TestApi;
let engine: EngineRest;

beforeAll(async () => {
  engine = createEngineRest(inject('engine'));
  await deployDiagram(engine, PROCESS, DIAGRAM);
  api = await startTestApi({}, { engine });
});

afterAll(async () => {
  await api.close();
});

async function storedFiling(seed: number, employees = 3): Promise<{ id: string; filing: Filing }> {
  const filing = syntheticFiling(seed, { year: YEAR, employees });
  const who = { sub: `dev-employer-${filing.employer.uscc}`, role: 'employer' as const, uscc: filing.employer.uscc };
  const id = createdId(await createFiling(api.db, who, filing, undefined));
  await api.db.query(`update outbox set dispatched_at = now() where business_key = $1 and command = 'create-process-instance'`, [id]);
  return { id, filing };
}

/** An uploaded document's row (the bytes do not matter here). */
async function uploaded(filingId: string, kind: 'evidence' | 'scan' | 'other', employeeIndex: number | null): Promise<void> {
  await api.db.query(
    `insert into documents (id, filing_id, kind, employee_index, original_name, media_type, size_bytes, sha256, uploaded_by)
     values ($1, $2, $3, $4, 'evidence.pdf', 'application/pdf', 1024, $5, 'dev-employer')`,
    [randomUUID(), filingId, kind, employeeIndex, 'a'.repeat(64)],
  );
}

async function rows(sql: string, params: unknown[]): Promise<any[]> {
  return (await api.db.query(sql, params)).rows;
}

const job = (key: string, variables: Record<string, unknown>) => ({ key, variables, retries: 3 });

describe('record-dispute', () => {
  const handler = () => createRecordDisputeHandler(api.db);
  const variables = (filingId: string, disputedEmployees: string) => ({
    filingId,
    disputedEmployees,
    disputeReason: ' 第 3 名职工 3 月、4 月的养老保险已补缴 ',
    confirmResultCompletedBy: 'dev-employer-x',
  });

  it('stores the dispute once, however often the task is handed out, and gives the diagram the list in one spelling', async () => {
    const { id } = await storedFiling(SEED + 1);
    const key = randomUUID();
    const first = await handler()(job(key, variables(id, ' 3，1、3 ')));
    expect(first).toEqual({ kind: 'complete', variables: { disputedEmployees: '1,3', disputedCount: 2 } });
    expect(await handler()(job(key, variables(id, ' 3，1、3 ')))).toEqual(first);
    expect(await rows('select employee_indexes, reason, filed_by from disputes where filing_id = $1', [id])).toEqual([
      { employee_indexes: [0, 2], reason: '第 3 名职工 3 月、4 月的养老保险已补缴', filed_by: 'dev-employer-x' },
    ]);
    // A later dispute of the same filing (after another round) is a dispute of its own.
    await handler()(job(randomUUID(), variables(id, '2')));
    expect((await rows('select employee_indexes from disputes where filing_id = $1 order by id', [id])).map((r) => r.employee_indexes)).toEqual([[0, 2], [1]]);
  });

  it('ends with INVALID_VARIABLES for numbers outside the declaration or not numbers, and stores nothing', async () => {
    const { id } = await storedFiling(SEED + 2);
    for (const typed of ['4', '0,1', '1;2', '']) {
      const outcome = await handler()(job(randomUUID(), variables(id, typed)));
      expect(outcome, typed).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    }
    expect(await handler()(job(randomUUID(), { filingId: id, disputedEmployees: '1' }))).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await rows('select 1 from disputes where filing_id = $1', [id])).toEqual([]);
    expect(await handler()(job(randomUUID(), variables(randomUUID(), '1')))).toMatchObject({ kind: 'bpmnError', errorCode: 'FILING_NOT_FOUND' });
  });
});

describe('record-manual-decision', () => {
  const handler = () => createRecordManualDecisionHandler(api.db);
  const variables = (filingId: string, more: Record<string, unknown>) => ({
    filingId,
    employeeNumber: '2',
    manualDecision: 'count',
    manualReason: ' 已核实补缴凭证 ',
    reviewEmployeeCompletedBy: 'dev-reviewer-330106',
    ...more,
  });

  it('stores each decision once, months as YYYY-MM of the filing’s year; the latest per employee is in force', async () => {
    const { id } = await storedFiling(SEED + 11);
    const key = randomUUID();
    expect(await handler()(job(key, variables(id, { manualDecision: 'months', countedMonths: '1-3，9' })))).toEqual({ kind: 'complete', variables: {} });
    expect(await handler()(job(key, variables(id, { manualDecision: 'months', countedMonths: '1-3，9' })))).toEqual({ kind: 'complete', variables: {} });
    expect(await rows('select employee_index, decision, counted_months, reason, reviewer from manual_review_decisions where filing_id = $1', [id])).toEqual([
      { employee_index: 1, decision: 'months', counted_months: ['2025-01', '2025-02', '2025-03', '2025-09'], reason: '已核实补缴凭证', reviewer: 'dev-reviewer-330106' },
    ]);

    // A later decision about the same employee replaces it; months left over from another review are ignored.
    await handler()(job(randomUUID(), variables(id, { manualDecision: 'not_count', countedMonths: '1-3' })));
    await handler()(job(randomUUID(), variables(id, { employeeNumber: 1, manualDecision: 'count', countedMonths: null })));
    const inForce = await decisionsInForce(api.db, id);
    expect([...inForce.keys()].sort()).toEqual([0, 1]);
    expect(inForce.get(1)).toMatchObject({ decision: 'not_count', countedMonths: [] });
    expect(inForce.get(0)).toMatchObject({ decision: 'count', reviewer: 'dev-reviewer-330106', decidedAt: expect.any(String) });

    // A modified declaration takes every decision out of force; the rows stay as history.
    await clearManualReview(api.db, id);
    expect((await decisionsInForce(api.db, id)).size).toBe(0);
    expect(await rows('select count(*)::int as n from manual_review_decisions where filing_id = $1', [id])).toEqual([{ n: 3 }]);
  });

  it('ends with INVALID_VARIABLES for an employee outside the declaration, bad months or a missing decision', async () => {
    const { id } = await storedFiling(SEED + 12);
    const bad = [
      variables(id, { employeeNumber: '4' }),
      variables(id, { employeeNumber: '0' }),
      variables(id, { manualDecision: 'months', countedMonths: '1-13' }),
      variables(id, { manualDecision: 'months', countedMonths: null }),
      variables(id, { manualDecision: 'maybe' }),
      variables(id, { manualReason: '   ' }),
      { filingId: id, employeeNumber: '1' },
    ];
    for (const vars of bad) expect(await handler()(job(randomUUID(), vars)), JSON.stringify(vars)).toMatchObject({ kind: 'bpmnError', errorCode: 'INVALID_VARIABLES' });
    expect(await rows('select 1 from manual_review_decisions where filing_id = $1', [id])).toEqual([]);
  });
});

describe('the completion checks in the tasks API', () => {
  async function taskOf(token: string, filingId: string, taskDefinitionKey: string): Promise<any> {
    return eventually(`the ${taskDefinitionKey} task of ${filingId}`, async () => {
      const res = await api.request('GET', '/api/tasks', { token });
      return res.body.items.find((t: any) => t.filing?.id === filingId && t.taskDefinitionKey === taskDefinitionKey);
    });
  }

  it('refuses a dispute of employees without evidence, naming them; takes it once each has evidence', async () => {
    const { id, filing } = await storedFiling(SEED + 21);
    const instance = await engine.post<{ id: string }>(`/process-definition/key/${PROCESS}/start`, {
      businessKey: id,
      variables: { employerUscc: { value: filing.employer.uscc, type: 'String' }, handlingRegionCode: { value: filing.employer.regionCode, type: 'String' } },
    });
    const employer = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    const confirm = await taskOf(employer, id, 'confirm-result');
    const complete = (token: string, taskId: string, body: unknown, headers: Record<string, string> = {}) =>
      api.request('POST', `/api/tasks/${taskId}/complete`, { token, body, headers });

    // Evidence for employee 1; employee 2 has only a scan, which is not evidence.
    await uploaded(id, 'evidence', 0);
    await uploaded(id, 'scan', 1);
    const missing = await complete(employer, confirm.id, { confirmationDecision: 'dispute', disputedEmployees: '1，2、4', disputeReason: '社保已补缴' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: '/disputedEmployees', code: 'EMPLOYEE_NUMBER_RANGE', message: '有异议的职工序号中的 4 不在申报名单的序号范围内（1 至 3）' },
      { path: '/disputedEmployees', code: 'EVIDENCE_MISSING', message: '第 2 名职工还没有上传证明材料，请先为每一名有异议的职工上传证明材料，再提交异议' },
    ]);
    const english = await complete(employer, confirm.id, { confirmationDecision: 'dispute', disputedEmployees: '2', disputeReason: 'x' }, { 'accept-language': 'en' });
    expect(english.body.errors.map((e: any) => e.message)).toEqual(['no evidence uploaded yet for employee 2: upload evidence for every disputed employee first']);
    // The form's own problems come first, and alone.
    const formProblems = await complete(employer, confirm.id, { confirmationDecision: 'dispute', disputedEmployees: '2' });
    expect(formProblems.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/disputeReason', 'REQUIRED']]);

    await uploaded(id, 'evidence', 1);
    const done = await complete(employer, confirm.id, { confirmationDecision: 'dispute', disputedEmployees: '1，2', disputeReason: '社保已补缴' });
    expect(done.status).toBe(200);
    const vars = await engine.get<Record<string, { value: unknown }>>(`/process-instance/${instance.id}/variables`);
    expect([vars.confirmationDecision?.value, vars.disputedEmployees?.value, vars.disputeReason?.value]).toEqual(['dispute', '1，2', '社保已补缴']);
    expect(vars.confirmResultCompletedBy?.value).toBe(`dev-employer-${filing.employer.uscc}`);

    // The reviewer's months must be months of the year.
    const reviewer = await api.login({ role: 'reviewer', regionCode: filing.employer.regionCode });
    const review = await taskOf(reviewer, id, 'review-employee');
    const badMonths = await complete(reviewer, review.id, { manualDecision: 'months', countedMonths: '1-6,13', manualReason: '部分月份' });
    expect(badMonths.status).toBe(400);
    expect(badMonths.body.errors).toEqual([
      { path: '/countedMonths', code: 'MONTH_RANGE', message: '认定计入的月份中的 13 不是 1 至 12 月之间的月份（区间应从小到大，如 1-6）' },
    ]);
    expect((await complete(reviewer, review.id, { manualDecision: 'months', countedMonths: '1-6', manualReason: '部分月份' })).status).toBe(200);
  });

  it('a confirmation needs no evidence, and the check refuses a task whose filing does not exist', async () => {
    expect(await confirmResultCheck.check(api.db, randomUUID(), { confirmationDecision: 'confirm', disputedEmployees: null, disputeReason: null })).toEqual([]);
    await expect(confirmResultCheck.check(api.db, randomUUID(), { confirmationDecision: 'dispute', disputedEmployees: '1', disputeReason: 'x' })).rejects.toThrow(Problem);
    await expect(confirmResultCheck.check(api.db, 'not-a-filing', { confirmationDecision: 'dispute', disputedEmployees: '1', disputeReason: 'x' })).rejects.toMatchObject({ status: 409 });
  });
});

describe('count-employees with the decisions in force', () => {
  it('replaces the decided employees’ months, keeps the automatic result beside them, and shows both', async () => {
    const { id, filing } = await storedFiling(SEED + 31, 2);
    const paidAll = (index: number) => ({ index, source: 'zhejiang', paidMonths: ALL, unpaidMonths: [] });
    // Employee 1: pension unpaid in March and April. Employee 2: not in the register (no grade, weight 0).
    await saveEvidence(api.db, id, 'dpf-certificates', {
      dpfCertificates: [
        { index: 0, found: true, nameMatches: true, idMatches: true, category: 4, grade: filing.employees[0]!.disabilityGrade, validFrom: '2020-01-01', validUntil: '2030-12-31', status: 'valid' },
        { index: 1, found: false, nameMatches: null, idMatches: null, category: null, grade: null, validFrom: null, validUntil: null, status: null },
      ],
    }, 'k1');
    await saveEvidence(api.db, id, 'veteran-certificates', { veteranCertificates: [] }, 'k2');
    await saveEvidence(api.db, id, 'pension', { pension: [{ ...paidAll(0), paidMonths: ALL.filter((m) => m !== '2025-03' && m !== '2025-04'), unpaidMonths: ['2025-03', '2025-04'] }, paidAll(1)] }, 'k3');
    await saveEvidence(api.db, id, 'medical', { medical: [paidAll(0), paidAll(1)] }, 'k4');
    await saveEvidence(api.db, id, 'wages', { wages: [0, 1].map((index) => ({ index, months: ALL.map((month) => ({ month, amount: 6000 })) })) }, 'k5');

    const count = createCountEmployeesHandler({ db: api.db, decisions: deployedDecisions(engine) });
    expect((await count(job(randomUUID(), { filingId: id }))).kind).toBe('complete');
    const automatic = (await findReview(api.db, id))!.result;
    const [first, second] = automatic.employees;
    expect(first!.months.filter((m) => m.reasons.includes('PENSION_NOT_PAID')).map((m) => m.month)).toEqual(['2025-03', '2025-04']);
    expect(second).toMatchObject({ weight: 0, countedMonths: 0 });
    expect(second!.reasons).toContain('CERT_NOT_FOUND');

    const decide = createRecordManualDecisionHandler(api.db);
    const reviewer = 'dev-reviewer-330106';
    await decide(job(randomUUID(), { filingId: id, employeeNumber: '1', manualDecision: 'count', manualReason: '已补缴', reviewEmployeeCompletedBy: reviewer }));
    await decide(job(randomUUID(), { filingId: id, employeeNumber: '2', manualDecision: 'months', countedMonths: '1-6', manualReason: '证件已补办', reviewEmployeeCompletedBy: reviewer }));
    const again = await count(job(randomUUID(), { filingId: id }));
    expect(again.kind).toBe('complete');

    const { result } = (await findReview(api.db, id))!;
    const [decidedFirst, decidedSecond] = result.employees;
    expect(decidedFirst).toMatchObject({ countedMonths: 12, weight: first!.weight, reasons: [], manualReview: { decision: 'count', months: ALL, reviewer } });
    expect(decidedFirst!.automatic).toMatchObject({ countedMonths: first!.countedMonths, reasons: first!.reasons });
    // The declared grade's weight, through the deployed certificate-weight decision.
    const declaredWeight = filing.employees[1]!.disabilityGrade <= 2 ? 2 : 1;
    expect(decidedSecond).toMatchObject({ weight: declaredWeight, countedMonths: 6, manualReview: { decision: 'months', months: ALL.slice(0, 6) } });
    const weighted = decidedFirst!.weight * 12 + declaredWeight * 6;
    expect(result.certifiedCount).toBe(Math.round((weighted * 100) / 12) / 100);
    expect(again).toMatchObject({ variables: { certifiedCount: result.certifiedCount } });

    const token = await api.login({ role: 'reviewer', regionCode: filing.employer.regionCode });
    const shown = await api.request('GET', `/api/filings/${id}`, { token });
    expect(shown.status).toBe(200);
    const employees = shown.body.review.employees;
    expect(employees[0].manualReview).toMatchObject({ decision: 'count', months: ALL, reason: '已补缴', reviewer, message: expect.stringContaining('经人工审核认定计入（全年）') });
    expect(employees[0].automaticReasons).toEqual(first!.reasons);
    expect(employees[0].automaticExplanation.map((e: any) => e.code)).toEqual(first!.reasons);
    expect(employees[1].manualReview.message).toContain('2025年1月、2月、3月、4月、5月、6月');
    expect(shown.body.review.certifiedCount).toBe(result.certifiedCount);
  });
});
