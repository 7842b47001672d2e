// A filing driven through the annual review by its people over the API, for tests that walk a later step in the
// browser: filed and reviewed, its result confirmed, feedback filed and approved. Each step waits with a deadline.
import { expect } from 'vitest';
import type { Filing } from '../../filings/declaration/filing.ts';
import { eventually, type TestSystem } from './system.ts';

export interface ApiTask {
  id: string;
  taskDefinitionKey: string;
  due: string | null;
  dueProvisional: boolean;
  filing: { id: string } | null;
  [more: string]: unknown;
}

/** The open task `key` of a filing, as `token`'s inbox lists it. */
export function filingTask(system: TestSystem, token: string, filingId: string, key: string, deadlineMs = 60_000): Promise<ApiTask> {
  return eventually(`task ${key} of ${filingId}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return (res.body.items as ApiTask[]).find((t) => t.filing?.id === filingId && t.taskDefinitionKey === key);
  }, deadlineMs);
}

/** Completes a filing's task `key` with the form's values, as its person would. */
export async function completeFilingTask(system: TestSystem, token: string, filingId: string, key: string, values: Record<string, unknown>): Promise<void> {
  const task = await filingTask(system, token, filingId, key);
  const done = await system.request('POST', `/api/tasks/${task.id}/complete`, { token, body: values });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
}

/** The filing as `token` reads it once `ready` says so. */
export function filingWhen(system: TestSystem, token: string, id: string, what: string, ready: (filing: any) => boolean, deadlineMs = 90_000): Promise<any> {
  return eventually(`filing ${id}: ${what}`, async () => {
    const res = await system.request('GET', `/api/filings/${id}`, { token });
    return res.status === 200 && ready(res.body) ? res.body : undefined;
  }, deadlineMs);
}

/** Files a declaration online as its employer; answers its id and the employer's token at once. */
export async function fileOnline(system: TestSystem, filing: Filing): Promise<{ id: string; employer: string }> {
  const employer = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  const res = await system.request('POST', '/api/filings', { token: employer, body: filing });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, employer };
}

/** Moves the due date of the filing's first open user task `days` days into the past, as if it had been missed. */
export async function makeTaskOverdue(system: TestSystem, filingId: string, days: number): Promise<{ id: string; taskDefinitionKey: string }> {
  const task = await eventually(`a person's task of filing ${filingId}`, async () => (await system.rest.get<any[]>('/task', { processInstanceBusinessKey: filingId }))[0], 60_000);
  // The engine's task update sets every field it is given: the task's own, with the due date changed.
  const { name, description, priority, assignee, owner, followUp, tenantId } = task;
  const due = new Date(Date.now() - days * 86_400_000).toISOString().replace('Z', '+0000');
  await system.rest.put(`/task/${task.id}`, { name, description, priority, assignee, owner, followUp, tenantId, due });
  return task;
}

/** Files a declaration online as its employer; answers once the automatic result waits for confirmation. */
export async function fileAndReview(system: TestSystem, filing: Filing): Promise<{ id: string; employer: string; reviewed: any }> {
  const { id, employer } = await fileOnline(system, filing);
  const reviewed = await filingWhen(system, employer, id, 'the automatic result', (f) => f.status === 'awaiting_confirmation' && f.review !== null && f.review !== undefined);
  return { id, employer, reviewed };
}

/**
 * The employer confirms the result and, once certified, files feedback asking to modify; the county's reviewer
 * approves it. Answers when the employer holds the task to modify the declaration.
 */
export async function certifyAndApproveFeedback(system: TestSystem, filing: { id: string; employer: string; regionCode: string }, reason: string): Promise<void> {
  const { id, employer } = filing;
  await completeFilingTask(system, employer, id, 'confirm-result', { confirmationDecision: 'confirm' });
  await filingWhen(system, employer, id, 'certified', (f) => f.status === 'certified');
  // The feedback is taken once the process waits for it, a moment after the certification.
  await eventually('the feedback to be taken', async () => {
    const res = await system.request('POST', `/api/filings/${id}/feedback`, { token: employer, body: { reason } });
    return res.status === 202 ? res.body : undefined;
  }, 60_000);
  const reviewer = await system.login({ role: 'reviewer', regionCode: filing.regionCode });
  await completeFilingTask(system, reviewer, id, 'review-feedback', { feedbackDecision: 'approve' });
  await filingTask(system, employer, id, 'modify-declaration');
}
