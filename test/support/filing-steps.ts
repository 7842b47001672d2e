// Driving a filing through its process over the API, as its people would: wait for a status, find a person's task
// on it, complete it. For tests that need a filing at some step before they look at a page.
import { expect } from 'vitest';
import { eventually, type TestSystem } from './system.ts';

export interface FilingTask {
  id: string;
  taskDefinitionKey: string;
  filing: { id: string } | null;
}

/** The filing as `token` reads it, once `ready` says it has come where the test needs it. */
export function filingWhen(system: TestSystem, token: string, id: string, what: string, ready: (filing: any) => boolean, deadlineMs = 60_000): Promise<any> {
  return eventually(`filing ${id}: ${what}`, async () => {
    const res = await system.request('GET', `/api/filings/${id}`, { token });
    return res.status === 200 && ready(res.body) ? res.body : undefined;
  }, deadlineMs);
}

/** The open task `key` on the filing in `token`'s task list, once the process has made it. */
export function taskOn(system: TestSystem, token: string, filingId: string, key: string, deadlineMs = 60_000): Promise<FilingTask> {
  return eventually(`task ${key} of ${filingId}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return (res.body.items as FilingTask[]).find((t) => t.filing?.id === filingId && t.taskDefinitionKey === key);
  }, deadlineMs);
}

/** Completes the task `key` on the filing with the form's values, requiring the server to take them. */
export async function completeTaskOn(system: TestSystem, token: string, filingId: string, key: string, values: Record<string, unknown>): Promise<void> {
  const task = await taskOn(system, token, filingId, key);
  const res = await system.request('POST', `/api/tasks/${task.id}/complete`, { token, body: values });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
