// The people in the procedure on the real engine, each path walked as its role would walk it: window intake with
// missing material and a transfer between counties, reminders and escalations fired by their timers, the dispute
// and the manual review with a breached deadline, certification and its PDF, feedback and re-review, the tax
// hand-over with an inconsistent answer, the rating; a transfer out of the province; and a deadline changed in the
// diagram that the next filing follows. Timers are fired through the engine's job API instead of waited for.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import type { Filing } from '../../filings/declaration/filing.ts';
import { loadConfig, projectRoot } from '../../platform/config.ts';
import { fireTimer as fireTimerOf, timerDue as timerDueOf } from '../support/process-timers.ts';
import { eventually, startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let dataDir: string;
const HANDLING = '330108';
const HANDLING_CITY = '330100';
const RECEIVING = '330102';
const seed = () => Math.floor(Math.random() * 1e9);
const calendar = new WorkingDayCalendar();

// The unit the tax bureau disagrees with; registered in good standing like the others.
const TAX_DISPUTED_UNIT = syntheticFiling(820_001, { regionCode: HANDLING });
// The unit whose first push the bureau never answers.
const TAX_SILENT_UNIT = syntheticFiling(820_002, { regionCode: HANDLING });

interface Task {
  id: string;
  taskDefinitionKey: string;
  due: string | null;
  created: string;
  processInstanceId: string;
  filing: { id: string } | null;
}

async function login(body: Record<string, unknown>): Promise<string> {
  return system.login(body);
}

async function taskOf(token: string, filingId: string, key: string, deadlineMs?: number): Promise<Task> {
  return eventually(`task ${key} of ${filingId}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return (res.body.items as Task[]).find((t) => t.filing?.id === filingId && t.taskDefinitionKey === key);
  }, deadlineMs);
}

async function complete(token: string, task: Task, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  return system.request('POST', `/api/tasks/${task.id}/complete`, { token, body });
}

async function filingIn(token: string, id: string, status: string): Promise<any> {
  return eventually(`filing ${id} to be ${status}`, async () => {
    const res = await system.request('GET', `/api/filings/${id}`, { token });
    return res.body.status === status ? res.body : undefined;
  });
}

const fireTimer = (filingId: string, activityId: string) => fireTimerOf(system, filingId, activityId);
const timerDue = (filingId: string, activityId: string) => timerDueOf(system, filingId, activityId);

async function notificationsOf(token: string, filingId: string, kind: string): Promise<any[]> {
  const res = await system.request('GET', `/api/notifications?kind=${kind}`, { token });
  expect(res.status).toBe(200);
  return (res.body.items as any[]).filter((n) => n.filingId === filingId);
}

// The engine writes China time with a +0800 offset, the calendar +08:00: compare instants.
const instant = (text: string) => new Date(text).getTime();
const sameInstant = (a: string, b: string) => instant(a) === instant(b);

function syntheticPdf(tag: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

async function uploadEvidence(token: string, filingId: string, employeeIndex: number): Promise<void> {
  const body = new FormData();
  body.append('kind', 'evidence');
  body.append('employeeIndex', String(employeeIndex));
  body.append('file', new Blob([new Uint8Array(syntheticPdf(`evidence-${employeeIndex}`))], { type: 'application/pdf' }), '劳动合同.pdf');
  const res = await fetch(`${system.apiUrl}/api/filings/${filingId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  expect(res.status).toBe(201);
}

async function fileOnline(filing: Filing): Promise<{ id: string; employer: string }> {
  const employer = await login({ role: 'employer', uscc: filing.employer.uscc });
  const res = await system.request('POST', '/api/filings', { token: employer, body: filing });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, employer };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'people-sim-'));
  await cp(path.join(projectRoot, 'connectors', 'seed-data'), dataDir, { recursive: true });
  const taxFile = path.join(dataDir, 'tax-results.json');
  const tax = JSON.parse(await readFile(taxFile, 'utf8')) as unknown[];
  tax.push({ uscc: TAX_DISPUTED_UNIT.employer.uscc, year: TAX_DISPUTED_UNIT.year, consistent: false, levyCollected: 38_400 });
  tax.push({ uscc: TAX_SILENT_UNIT.employer.uscc, year: TAX_SILENT_UNIT.year, consistent: true, levyCollected: 12_000, unansweredPushes: 1 });
  await writeFile(taxFile, JSON.stringify(tax));
  // The simulated platform delivers with the token this process's configuration holds.
  system = await startTestSystem({ SIM_DATA_DIR: dataDir, NATIONAL_PLATFORM_TOKEN: loadConfig().nationalPlatformToken });
});

afterAll(async () => {
  await system?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('window intake with missing material, received in another county', () => {
  it('is transferred to the handling county, tells the employer what is missing, reminds, escalates, and is accepted there', async () => {
    const filing = syntheticFiling(seed(), { regionCode: HANDLING });
    const receivingClerk = await login({ role: 'clerk', regionCode: RECEIVING });
    const handlingClerk = await login({ role: 'clerk', regionCode: HANDLING });
    const lead = await login({ role: 'lead', regionCode: HANDLING });
    const employer = await login({ role: 'employer', uscc: filing.employer.uscc });

    // An incomplete window filing must say what is missing.
    const unsaid = await system.request('POST', '/api/filings', {
      token: receivingClerk,
      body: { ...filing, channel: 'window', receivingRegionCode: RECEIVING, windowIntake: { materialsComplete: false } },
    });
    expect(unsaid.status).toBe(400);
    expect(unsaid.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/windowIntake/missingMaterials', 'REQUIRED']]);

    const res = await system.request('POST', '/api/filings', {
      token: receivingClerk,
      body: { ...filing, channel: 'window', receivingRegionCode: RECEIVING, windowIntake: { materialsComplete: false, missingMaterials: '缺少残疾职工劳动合同复印件' } },
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;

    // The handling county's clerks get the acceptance, due 3 working days after it was opened; the receiving county's do not.
    const task = await taskOf(handlingClerk, id, 'acceptance');
    expect(sameInstant(task.due!, calendar.deadline(new Date(task.created), 3).dueAt)).toBe(true);
    const elsewhere = await system.request('GET', '/api/tasks', { token: receivingClerk });
    expect(elsewhere.body.items.some((t: Task) => t.filing?.id === id)).toBe(false);

    // The employer reads why it is not accepted yet; the office that received it still sees it.
    const seen = await system.request('GET', `/api/filings/${id}`, { token: employer });
    expect(seen.body.history.map((h: any) => [h.status, h.step, h.note]).slice(2)).toEqual([
      ['transferred', 'transfer', `由 ${RECEIVING} 收件，转单位所在地 ${HANDLING} 办理`],
      ['submitted', 'awaiting-acceptance', '缺少残疾职工劳动合同复印件'],
    ]);
    expect((await system.request('GET', `/api/filings/${id}`, { token: receivingClerk })).status).toBe(200);
    // What is missing and until when, the date being the task's: the filing waits on the clerks, not on a department.
    expect(seen.body.acceptance).toEqual({ missingMaterials: '缺少残疾职工劳动合同复印件', dueAt: expect.any(String), provisional: expect.any(Boolean) });
    expect(sameInstant(seen.body.acceptance.dueAt, task.due!)).toBe(true);
    expect(seen.body.departmentWait).toBeNull();

    // The reminder on the morning of the last day goes to the clerks; after the deadline the county lead is told.
    const reminder = await fireTimer(id, 'acceptance-due-soon');
    expect(sameInstant(reminder.dueDate, calendar.deadline(new Date(task.created), 3, 1).remindAt!)).toBe(true);
    const reminded = await eventually('the clerks to be reminded', async () => (await notificationsOf(handlingClerk, id, 'reminder'))[0]);
    expect(reminded.title).toBe('申报待受理，今天到期');
    const overdue = await fireTimer(id, 'acceptance-overdue');
    expect(sameInstant(overdue.dueDate, task.due!)).toBe(true);
    const escalated = await eventually('the lead to be told', async () => (await notificationsOf(lead, id, 'escalation'))[0]);
    expect(escalated.title).toBe('申报受理已逾期');
    // The count comes from the diagram's compute task, through the variable it sets beside the due date.
    expect(escalated.body).toContain('超过 3 个工作日仍未受理');
    expect(await notificationsOf(await login({ role: 'lead', regionCode: RECEIVING }), id, 'escalation')).toEqual([]);
    // The filing itself shows the breach to staff; the employer's view has no supervision notes.
    expect((await system.request('GET', `/api/filings/${id}`, { token: lead })).body.escalations).toEqual([
      expect.objectContaining({ title: '申报受理已逾期', recipientGroup: `lead-${HANDLING}` }),
    ]);
    expect((await system.request('GET', `/api/filings/${id}`, { token: employer })).body.escalations).toBeUndefined();

    // Still the clerks' to accept: the escalation does not take the task away.
    expect((await complete(handlingClerk, task, { acceptanceDecision: 'accept', acceptanceNote: '已补交劳动合同' })).status).toBe(200);
    const accepted = await filingIn(employer, id, 'awaiting_confirmation');
    expect(accepted.history.find((h: any) => h.status === 'accepted')).toMatchObject({ actor: `dev-clerk-${HANDLING}`, note: '已补交劳动合同' });
    expect(accepted.acceptance).toBeNull();
  });

  it("keeps a clerk's task to clerks of that county, whoever signs in under the clerk's user id", async () => {
    const filing = syntheticFiling(seed(), { regionCode: HANDLING });
    const clerk = await login({ role: 'clerk', regionCode: HANDLING });
    const res = await system.request('POST', '/api/filings', {
      token: clerk,
      body: { ...filing, channel: 'window', receivingRegionCode: HANDLING, windowIntake: { materialsComplete: false, missingMaterials: '缺少营业执照复印件' } },
    });
    expect(res.status).toBe(201);
    const task = await taskOf(clerk, res.body.id, 'acceptance');
    expect((await system.request('POST', `/api/tasks/${task.id}/claim`, { token: clerk })).status).toBe(200);

    // The unit itself, a clerk of another county, and a reviewer of the same county (another role in the region the
    // task names), each signed in with the clerk's user id.
    const clerkId = `dev-clerk-${HANDLING}`;
    const impostors = [
      await login({ role: 'employer', uscc: filing.employer.uscc, userId: clerkId }),
      await login({ role: 'clerk', regionCode: RECEIVING, userId: clerkId }),
      await login({ role: 'reviewer', regionCode: HANDLING, userId: clerkId }),
    ];
    for (const token of impostors) {
      const inbox = await system.request('GET', '/api/tasks', { token });
      expect(inbox.body.items.some((t: Task) => t.id === task.id)).toBe(false);
      expect((await system.request('GET', `/api/tasks/${task.id}`, { token })).status).toBe(404);
      expect((await system.request('POST', `/api/tasks/${task.id}/claim`, { token })).status).toBe(404);
      expect((await system.request('POST', `/api/tasks/${task.id}/unclaim`, { token })).status).toBe(404);
      expect((await complete(token, task, { acceptanceDecision: 'accept', acceptanceNote: '自行受理' })).status).toBe(404);
    }
    // Still the clerk's, untouched.
    expect((await system.request('GET', `/api/tasks/${task.id}`, { token: clerk })).body.assignee).toBe(clerkId);
    expect((await complete(clerk, task, { acceptanceDecision: 'accept', acceptanceNote: '材料已补齐' })).status).toBe(200);
  });

  it('accepts a complete window filing on the spot, with no acceptance task', async () => {
    const filing = syntheticFiling(seed(), { regionCode: HANDLING });
    const clerk = await login({ role: 'clerk', regionCode: HANDLING });
    const res = await system.request('POST', '/api/filings', {
      token: clerk,
      body: { ...filing, channel: 'window', receivingRegionCode: HANDLING, windowIntake: { materialsComplete: true } },
    });
    expect(res.status).toBe(201);
    const done = await filingIn(clerk, res.body.id, 'awaiting_confirmation');
    expect(done.history.map((h: any) => h.step)).toEqual(['filed', 'registration-checked', 'acceptance', 'automatic-review', 'automatic-review']);
  });
});

describe('a filing for a unit of another province', () => {
  it('leaves through the national platform and stays visible to the office that received it', async () => {
    const filing = syntheticFiling(seed(), { regionCode: '320102' });
    const clerk = await login({ role: 'clerk', regionCode: RECEIVING });
    const res = await system.request('POST', '/api/filings', { token: clerk, body: { ...filing, channel: 'window', receivingRegionCode: RECEIVING } });
    expect(res.status).toBe(201);
    const out = await filingIn(clerk, res.body.id, 'transferred');
    expect(out.history.at(-1)).toMatchObject({ status: 'transferred', step: 'transfer-out' });
    expect(out.history.at(-1).note).toMatch(/^已经全国“跨省通办”平台转单位所在地办理，平台回执 \S+/);
    expect(out.transfer).toMatchObject({ direction: 'outbound' });
    await eventually('the instance to end', async () => {
      const [instance] = await system.rest.get<{ state: string }[]>('/history/process-instance', { processInstanceBusinessKey: res.body.id });
      return instance?.state === 'COMPLETED' ? true : undefined;
    });
  });
});

describe('a filing from another province', () => {
  it('arrives through the national platform, is handled here, and its certified result goes back the same way', async () => {
    const filing = syntheticFiling(seed(), { regionCode: HANDLING });
    const transferId = `SH-${seed()}`;
    const platform = `${system.simulators!.url}/national-platform`;
    const delivered = await fetch(`${platform}/_admin/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transfer: { transferId, receivingRegionCode: '310104', receivedAt: '2026-04-01T09:30:00+08:00', filing }, to: system.apiUrl }),
    });
    expect(delivered.status).toBe(201);
    const { id } = (await delivered.json()) as { id: string };
    const employer = await login({ role: 'employer', uscc: filing.employer.uscc });
    // The other province's office accepted the paper: no acceptance task here, straight to the review.
    await filingIn(employer, id, 'awaiting_confirmation');
    expect((await complete(employer, await taskOf(employer, id, 'confirm-result'), { confirmationDecision: 'confirm' })).status).toBe(200);
    await filingIn(employer, id, 'certified');
    const reported = await eventually('the result reported to the platform', async () => {
      const res = await fetch(`${platform}/transfers/${transferId}`);
      const body = (await res.json()) as { results?: { status: string; certifiedCount: number }[] };
      return body.results?.[0];
    });
    expect(reported).toMatchObject({ status: 'certified', certifiedCount: 0 });
  });
});

describe('dispute, manual review, certification, feedback, tax hand-over and rating', () => {
  it('walks one filing through every person in the procedure', async () => {
    const { id, employer } = await fileOnline(TAX_DISPUTED_UNIT);
    const reviewer = await login({ role: 'reviewer', regionCode: HANDLING });
    const city = await login({ role: 'city', regionCode: HANDLING_CITY });

    // The automatic result: nobody counts, since no department knows these synthetic people.
    const automatic = await filingIn(employer, id, 'awaiting_confirmation');
    expect(automatic.review.certifiedCount).toBe(0);

    // Disputing needs evidence for each named employee, and the numbers must exist.
    const confirm = await taskOf(employer, id, 'confirm-result');
    const noEvidence = await complete(employer, confirm, { confirmationDecision: 'dispute', disputedEmployees: '1', disputeReason: '该职工全年在岗，社保由集团统一缴纳' });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/disputedEmployees', 'EVIDENCE_MISSING']]);
    const noSuch = await complete(employer, confirm, { confirmationDecision: 'dispute', disputedEmployees: '1,99', disputeReason: 'x' });
    expect(noSuch.status).toBe(400);
    await uploadEvidence(employer, id, 0);
    // A personal number typed into the reason is masked before it becomes a process variable and a history note.
    const reason = '该职工（身份证号 330106199001011234）全年在岗，社保由集团统一缴纳';
    expect((await complete(employer, confirm, { confirmationDecision: 'dispute', disputedEmployees: '1', disputeReason: reason })).status).toBe(200);

    // One review task per disputed employee for the handling county's reviewers, due in 10 working days.
    const review = await taskOf(reviewer, id, 'review-employee');
    expect(sameInstant(review.due!, calendar.deadline(new Date(review.created), 10).dueAt)).toBe(true);
    const detail = await system.request('GET', `/api/tasks/${review.id}`, { token: reviewer });
    expect(detail.body.values).toMatchObject({ employeeNumber: 1 });
    const underReview = await system.request('GET', `/api/filings/${id}`, { token: employer });
    expect(underReview.body.status).toBe('manual_review');
    const disputedNote = underReview.body.history.find((h: any) => h.status === 'disputed').note as string;
    expect(disputedNote).not.toContain('330106199001011234');
    expect(disputedNote).toMatch(/^该职工（身份证号 3301\*+1234）全年在岗/);

    // The deadline breached: the city's supervisors are told.
    await fireTimer(id, 'manual-review-overdue');
    const escalation = await eventually('the city to be told', async () => (await notificationsOf(city, id, 'escalation'))[0]);
    expect(escalation.title).toBe('人工审核已逾期');
    expect(escalation.body).toContain('超过 10 个工作日仍未完成人工审核');

    // The reviewer counts the person, with a reason; the result is counted again and goes back to the employer.
    const bad = await complete(reviewer, review, { manualDecision: 'months' , manualReason: '部分月份' });
    expect(bad.status).toBe(400);
    expect((await complete(reviewer, review, { manualDecision: 'count', manualReason: '劳动合同和集团社保缴费证明齐全，全年在岗' })).status).toBe(200);
    const reviewed = await eventually('the reviewed result', async () => {
      const res = await system.request('GET', `/api/filings/${id}`, { token: employer });
      return res.body.status === 'awaiting_confirmation' && res.body.history.at(-1).step === 'manual-review' ? res.body : undefined;
    });
    expect(reviewed.review.certifiedCount).toBeGreaterThan(0);
    expect(reviewed.review.employees[0]).toMatchObject({ counted: true, manualReview: { decision: 'count', reason: '劳动合同和集团社保缴费证明齐全，全年在岗' } });

    // The employer certifies: the confirmation is issued, downloadable as a PDF, and anyone can check its code.
    const again = await taskOf(employer, id, 'confirm-result');
    expect((await complete(employer, again, { confirmationDecision: 'confirm' })).status).toBe(200);
    const certified = await filingIn(employer, id, 'certified');
    const certificate = await system.request('GET', `/api/filings/${id}/certificate`, { token: employer });
    expect(certificate.status).toBe(200);
    expect(certified.history.at(-1).note).toBe(`年审认证确认书 ${certificate.body.code}`);
    // The system certifies once the unit confirmed: the unit is not credited with the certification.
    expect(certified.history.at(-1)).toMatchObject({ status: 'certified', step: 'certification', actor: 'system' });
    const pdf = await fetch(`${system.apiUrl}/api/filings/${id}/certificate.pdf`, { headers: { authorization: `Bearer ${employer}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const verified = await system.request('GET', `/api/certificates/${certificate.body.code}`);
    expect(verified.body).toMatchObject({ valid: true, year: TAX_DISPUTED_UNIT.year, certifiedCount: reviewed.review.certifiedCount });

    // The tax hand-over deadline: 20 working days from the first certification; the reviewers are reminded 3 working
    // days before, watched wherever the filing is meanwhile.
    const certifiedAt = new Date(certificate.body.issuedAt);
    expect(sameInstant(await timerDue(id, 'feedback-window-closed'), calendar.deadline(certifiedAt, 7).dueAt)).toBe(true);
    // The employer's page gives the window's end, as the process holds it.
    const window = (await system.request('GET', `/api/filings/${id}`, { token: employer })).body.feedbackWindow;
    expect(window.state).toBe('open');
    expect(sameInstant(window.dueAt, calendar.deadline(certifiedAt, 7).dueAt)).toBe(true);
    expect(window.provisional).toBe(calendar.deadline(certifiedAt, 7).provisionalYears.length > 0);
    const remindTax = await fireTimer(id, 'tax-hand-over-due-soon');
    expect(sameInstant(remindTax.dueDate, calendar.deadline(certifiedAt, 20, 3).remindAt!)).toBe(true);
    const taxReminder = await eventually('the reviewers to be reminded of the tax hand-over', async () => (await notificationsOf(reviewer, id, 'reminder'))[0]);
    expect(taxReminder.title).toBe('报送税务即将到期');
    const taxDue = await timerDue(id, 'tax-hand-over-overdue');
    expect(sameInstant(taxDue, calendar.deadline(certifiedAt, 20).dueAt)).toBe(true);

    // Feedback within the window: the reviewer approves, the employer modifies, the filing is reviewed again.
    const feedback = await system.request('POST', `/api/filings/${id}/feedback`, { token: employer, body: { reason: '平均在职职工人数填报有误，应为 180 人' } });
    expect(feedback.status).toBe(202);
    const feedbackReview = await taskOf(reviewer, id, 'review-feedback');
    const feedbackTask = (await system.request('GET', `/api/tasks/${feedbackReview.id}`, { token: reviewer })).body;
    expect(feedbackTask.values.feedbackReason).toBe('平均在职职工人数填报有误，应为 180 人');
    // Answered within the window, so a refused unit can still file again: due when the window closes, 暂定 with it.
    expect(sameInstant(feedbackTask.due, calendar.deadline(certifiedAt, 7).dueAt)).toBe(true);
    expect(feedbackTask.dueProvisional).toBe(window.provisional);
    // A refusal needs its reason; an approval needs none (the field is not even shown then).
    const refusal = await complete(reviewer, feedbackReview, { feedbackDecision: 'reject' });
    expect(refusal.status).toBe(400);
    expect(refusal.body.errors.map((e: any) => [e.path, e.code])).toEqual([['/feedbackReviewNote', 'REQUIRED']]);
    expect((await complete(reviewer, feedbackReview, { feedbackDecision: 'approve' })).status).toBe(200);
    const modify = await taskOf(employer, id, 'modify-declaration');
    const modified = { ...TAX_DISPUTED_UNIT, employer: { ...TAX_DISPUTED_UNIT.employer, averageStaffCount: 180 } };
    expect((await system.request('PUT', `/api/filings/${id}/declaration`, { token: employer, body: modified })).status).toBe(200);
    expect((await complete(employer, modify, { declarationModified: true })).status).toBe(200);
    const rereviewed = await eventually('the re-review', async () => {
      const res = await system.request('GET', `/api/filings/${id}`, { token: employer });
      return res.body.status === 'awaiting_confirmation' && res.body.history.some((h: any) => h.step === 're-review') ? res.body : undefined;
    });
    expect(rereviewed.employer.averageStaffCount).toBe(180);
    // The unit reads its feedback back with the county's answer.
    expect(rereviewed.feedback).toEqual([
      { id: expect.any(String), reason: '平均在职职工人数填报有误，应为 180 人', filedAt: expect.any(String), state: 'approved', reviewNote: null, decidedAt: expect.any(String) },
    ]);
    const third = await taskOf(employer, id, 'confirm-result');
    expect((await complete(employer, third, { confirmationDecision: 'confirm' })).status).toBe(200);
    await filingIn(employer, id, 'certified');
    const second = await eventually('the second certificate', async () => {
      const res = await system.request('GET', `/api/filings/${id}/certificate`, { token: employer });
      return res.body.code !== certificate.body.code ? res.body : undefined;
    });
    expect(second.sequence).toBe(2);
    expect((await system.request('GET', `/api/certificates/${certificate.body.code}`)).body).toMatchObject({ valid: false, status: 'superseded' });
    // The tax deadline still counts from the first certification; missed before the hand-over, the city is told.
    expect(sameInstant(await timerDue(id, 'tax-hand-over-overdue'), taxDue)).toBe(true);
    await fireTimer(id, 'tax-hand-over-overdue');
    const taxEscalation = await eventually('the city to be told of the tax hand-over', async () =>
      (await notificationsOf(city, id, 'escalation')).find((n) => n.title === '报送税务已逾期'),
    );
    expect(taxEscalation.body).toContain('20 个工作日');

    // Past the window no feedback is taken: the window's timer fires, the result goes to the tax bureau.
    await fireTimer(id, 'feedback-window-closed');
    const closedWindow = await system.request('POST', `/api/filings/${id}/feedback`, { token: employer, body: { reason: '再次反馈' } });
    expect(closedWindow.status).toBe(409);
    expect(closedWindow.body.code ?? closedWindow.body.errors?.[0]?.code).toBe('FEEDBACK_CLOSED');
    // Told with the window's own end, as the diagram computed it.
    const windowEnd = calendar.deadline(new Date(second.issuedAt), 7).dueAt;
    expect(closedWindow.body.title).toBe(`反馈期已于 ${Number(windowEnd.slice(0, 4))}年${Number(windowEnd.slice(5, 7))}月${Number(windowEnd.slice(8, 10))}日 截止`);

    // The bureau finds it inconsistent: a reconciliation task for the reviewers; the levy it collected is kept.
    const reconcile = await taskOf(reviewer, id, 'reconcile-with-tax');
    const handedOver = await system.request('GET', `/api/filings/${id}`, { token: reviewer });
    expect(handedOver.body.status).toBe('sent_to_tax');
    expect(handedOver.body.taxHandover).toMatchObject({ consistent: false, levyCollected: 38_400 });
    expect((await complete(reviewer, reconcile, { reconciliationOutcome: 'result_stands', reconciliationNote: '经核实维持认证结果，已函告税务部门' })).status).toBe(200);
    const closed = await filingIn(employer, id, 'closed');
    // Closing the filing ends its instance, the deadline watch included.
    await eventually('the instance to end', async () => {
      const [instance] = await system.rest.get<{ state: string }[]>('/history/process-instance', { processInstanceBusinessKey: id });
      return instance?.state === 'COMPLETED' ? true : undefined;
    });
    expect(closed.history.at(-1)).toMatchObject({ step: 'reconciliation', actor: `dev-reviewer-${HANDLING}`, note: '经核实维持认证结果，已函告税务部门' });

    // The employer rates the finished service.
    const rated = await system.request('POST', `/api/filings/${id}/rating`, { token: employer, body: { score: 4, comment: '窗口人员很耐心' } });
    expect(rated.status).toBe(201);
    expect((await system.request('GET', `/api/filings/${id}`, { token: employer })).body.rating).toMatchObject({ score: 4, comment: '窗口人员很耐心' });

    // The whole walk in the filing's own history, in order.
    expect(closed.history.map((h: any) => `${h.status}/${h.step}`)).toEqual([
      'submitted/filed', 'submitted/registration-checked', 'accepted/acceptance', 'reviewing/automatic-review',
      'awaiting_confirmation/automatic-review', 'disputed/dispute', 'manual_review/manual-review',
      'awaiting_confirmation/manual-review', 'certified/certification', 'feedback/feedback', 'feedback/feedback-approved',
      'reviewing/re-review', 'awaiting_confirmation/automatic-review', 'certified/certification',
      'sent_to_tax/tax-hand-over', 'sent_to_tax/tax-inconsistent', 'closed/reconciliation',
    ]);
  });
});

describe('a tax bureau that does not answer', () => {
  it('is chased after 5 working days, the result pushed again, and its answer closes the filing', async () => {
    const { id, employer } = await fileOnline(TAX_SILENT_UNIT);
    const reviewer = await login({ role: 'reviewer', regionCode: HANDLING });
    await filingIn(employer, id, 'awaiting_confirmation');
    expect((await complete(employer, await taskOf(employer, id, 'confirm-result'), { confirmationDecision: 'confirm' })).status).toBe(200);
    await filingIn(employer, id, 'certified');
    await fireTimer(id, 'feedback-window-closed');
    const sent = await filingIn(reviewer, id, 'sent_to_tax');
    expect(sent.taxHandover).toMatchObject({ round: 1, consistent: null });

    const silence = await timerDue(id, 'tax-answer-overdue');
    expect(sameInstant(silence, calendar.deadline(new Date(sent.taxHandover.pushedAt), 5).dueAt)).toBe(true);
    await fireTimer(id, 'tax-answer-overdue');
    const chase = await taskOf(reviewer, id, 'chase-tax-answer');
    expect(sameInstant(chase.due!, silence)).toBe(true);
    // Its form says how long the bureau has been waited for from the variable the compute task set, not a written 5.
    const shown = await system.request('GET', `/api/tasks/${chase.id}`, { token: reviewer });
    expect(shown.body.form.components[0].text).toContain('{{taxAnswerWorkingDays}}');
    expect(shown.body.values.taxAnswerWorkingDays).toBe(5);
    expect((await complete(reviewer, chase, { chaseDecision: 'repush', chaseNote: '税务部门称未收到，已重新报送' })).status).toBe(200);

    const closed = await filingIn(employer, id, 'closed');
    expect(closed.history.map((h: any) => `${h.status}/${h.step}`).slice(-3)).toEqual(['sent_to_tax/tax-hand-over', 'sent_to_tax/tax-re-push', 'closed/tax-answer']);
    expect(closed.history.at(-2).note).toMatch(/^重新报送（第 2 次），税务部门回执 TAX-/);
    expect(closed.history.at(-1).note).toBe('税务部门核对一致，已征收残疾人就业保障金 12000 元');
    expect(closed.taxHandover).toMatchObject({ round: 2, consistent: true, levyCollected: 12_000 });
  });
});

describe('deadlines are the diagram\'s', () => {
  let original: string;
  let policy: string;

  async function deploy(xml: string): Promise<void> {
    const res = await system.request('POST', '/api/deployments', {
      token: policy,
      body: { note: '测试：调整办理时限', resources: [{ name: 'annual-review.bpmn', content: xml }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }

  beforeAll(async () => {
    original = await readFile(path.join(projectRoot, 'processes', 'annual-review.bpmn'), 'utf8');
    policy = await login({ role: 'policy' });
  });

  afterAll(async () => {
    // Later suites share this engine: the project's own diagram is the latest again.
    await deploy(original);
  });

  async function fileIncompleteAtWindow(clerk: string): Promise<string> {
    const filing = syntheticFiling(seed(), { regionCode: HANDLING });
    const res = await system.request('POST', '/api/filings', {
      token: clerk,
      body: { ...filing, channel: 'window', receivingRegionCode: HANDLING, windowIntake: { materialsComplete: false, missingMaterials: '缺少工资发放记录' } },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  it('follows a changed number of working days from the next filing on, and says so where it states them', async () => {
    const clerk = await login({ role: 'clerk', regionCode: HANDLING });
    const lead = await login({ role: 'lead', regionCode: HANDLING });
    // Under way before the change: it keeps the version it started on, and its pages keep saying 3.
    const earlier = await fileIncompleteAtWindow(clerk);
    await timerDue(earlier, 'acceptance-overdue');
    expect((await system.request('GET', '/api/deadlines', { token: clerk })).body.deadlines.acceptance).toEqual({ workingDays: 3, remindBefore: 1 });

    const changed = original.replace(
      /(<bpmn:serviceTask id="compute-acceptance-due"[\s\S]*?<operaton:inputParameter name="workingDays">)\$\{3\}/,
      '$1${5}',
    );
    expect(changed).not.toBe(original);
    await deploy(changed);
    const latest = await system.request('GET', '/api/deadlines', { token: clerk });
    expect(latest.status).toBe(200);
    expect(latest.body.deadlines).toEqual({
      acceptance: { workingDays: 5, remindBefore: 1 },
      review: { workingDays: 10, remindBefore: 2 },
      tax: { workingDays: 20, remindBefore: 3 },
      feedback: { workingDays: 7, remindBefore: null },
      taxAnswer: { workingDays: 5, remindBefore: null },
      unitStatus: { workingDays: 5, remindBefore: null },
    });
    const ofEarlier = await system.request('GET', `/api/filings/${earlier}/deadlines`, { token: clerk });
    expect(ofEarlier.status).toBe(200);
    expect(ofEarlier.body.deadlines.acceptance.workingDays).toBe(3);
    expect(ofEarlier.body.version).toBe(latest.body.version - 1);
    // Another county's clerk is told there is no such filing, as for the filing itself.
    const elsewhere = await login({ role: 'clerk', regionCode: '330212' });
    expect((await system.request('GET', `/api/filings/${earlier}/deadlines`, { token: elsewhere })).status).toBe(404);
    expect((await system.request('GET', '/api/deadlines')).status).toBe(401);

    const id = await fileIncompleteAtWindow(clerk);
    const task = await taskOf(clerk, id, 'acceptance');
    expect(sameInstant(task.due!, calendar.deadline(new Date(task.created), 5).dueAt)).toBe(true);
    expect(sameInstant(await timerDue(id, 'acceptance-overdue'), task.due!)).toBe(true);
    expect((await system.request('GET', `/api/filings/${id}/deadlines`, { token: clerk })).body.deadlines.acceptance.workingDays).toBe(5);
    // The county lead's escalation names the count this filing was held to.
    await fireTimer(id, 'acceptance-overdue');
    const escalation = await eventually('the lead to be told of the missed acceptance', async () =>
      (await notificationsOf(lead, id, 'escalation')).find((n) => n.title === '申报受理已逾期'),
    );
    expect(escalation.body).toContain('超过 5 个工作日仍未受理');
  });
});
