// Steps of the annual review driven through the API as its people would, for tests that need a filing at a later
// step (the reviewer's tasks, the feedback) without walking every earlier page again.
import type { Filing } from '../../domain/filing/filing.ts';
import { eventually, type TestSystem } from './system.ts';

export interface TaskRow {
  id: string;
  taskDefinitionKey: string;
  due: string | null;
  dueProvisional: boolean;
  filing: { id: string } | null;
  [more: string]: unknown;
}

/** Files the declaration as its employer and waits for the automatic review's result; the filing's id. */
export async function fileAndAwaitResult(system: TestSystem, filing: Filing): Promise<string> {
  const token = await system.login({ role: 'employer', uscc: filing.employer.uscc });
  const res = await system.request('POST', '/api/filings', { token, body: filing });
  if (res.status !== 201) throw new Error(`filing refused: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  await eventually('the automatic review result', async () => {
    const rows = await system.db.query(`select 1 from filings f join filing_reviews r on r.filing_id = f.id where f.id = $1 and f.status = 'awaiting_confirmation'`, [id]);
    return rows.rowCount ? true : undefined;
  }, 90_000);
  return id;
}

/** The open task of this kind on the filing that the token's holder may act on, once the process has made it. */
export async function taskOn(system: TestSystem, token: string, filingId: string, key: string, deadlineMs = 60_000): Promise<TaskRow> {
  return eventually(`task ${key} of ${filingId}`, async () => {
    const res = await system.request('GET', '/api/tasks', { token });
    return (res.body.items as TaskRow[]).find((t) => t.filing?.id === filingId && t.taskDefinitionKey === key);
  }, deadlineMs);
}

/** Completes a task through the API, failing with the server's answer if refused. */
export async function completeTask(system: TestSystem, token: string, task: TaskRow, body: Record<string, unknown>): Promise<void> {
  const res = await system.request('POST', `/api/tasks/${task.id}/complete`, { token, body });
  if (res.status !== 200) throw new Error(`task ${task.taskDefinitionKey} refused: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The filing's status once it is `status`. */
export async function filingReaches(system: TestSystem, token: string, filingId: string, status: string, deadlineMs = 60_000): Promise<void> {
  await eventually(`filing ${filingId} to be ${status}`, async () => {
    const res = await system.request('GET', `/api/filings/${filingId}`, { token });
    return res.body.status === status ? true : undefined;
  }, deadlineMs);
}
