// The people of the fault suite, over the API as anyone would: employers filing (retrying, as a browser's user
// would, while the API is unreachable or answers 5xx) and confirming their results, and the operator retrying
// incidents and completing the manual department-data checks.
import type { Filing } from '../../filings/declaration/filing.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ApiAnswer {
  status: number;
  body: any;
}

/** One call; a refused connection or a cut answer is status 0. */
export async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Calls until an answer that is not 0/5xx/429, or the deadline (then the last answer). */
export async function callPatiently(base: string, method: string, path: string, deadline: number, token?: string, body?: unknown): Promise<ApiAnswer> {
  for (;;) {
    const answer = await call(base, method, path, token, body);
    if ((answer.status !== 0 && answer.status < 500 && answer.status !== 429) || Date.now() > deadline) return answer;
    await sleep(250);
  }
}

export async function signIn(base: string, who: Record<string, unknown>, deadline: number): Promise<string> {
  const answer = await callPatiently(base, 'POST', '/api/dev/login', deadline, undefined, who);
  if (answer.status !== 200) throw new Error(`sign-in as ${JSON.stringify(who)} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

/**
 * Files a declaration as its employer; answers whether the system holds it. A 409 FILING_EXISTS after a lost answer
 * means an earlier attempt was stored: the employer sees their filing, nothing more is sent.
 */
export async function file(base: string, filing: Filing, deadline: number): Promise<boolean> {
  for (;;) {
    try {
      const token = await signIn(base, { role: 'employer', uscc: filing.employer.uscc }, deadline);
      const answer = await callPatiently(base, 'POST', '/api/filings', deadline, token, filing);
      if (answer.status === 201 || (answer.status === 409 && answer.body?.code === 'FILING_EXISTS')) return true;
      // A session ended by the fault (e.g. its row not yet readable) is signed in again.
      if (answer.status !== 401 || Date.now() > deadline) return false;
    } catch {
      if (Date.now() > deadline) return false;
    }
    await sleep(250);
  }
}

/** The operator retries every open incident, as from the incident list; answers how many were retried. */
export async function retryIncidents(base: string, operator: string): Promise<number> {
  const list = await call(base, 'GET', '/api/operations/incidents', operator);
  if (list.status !== 200) return 0;
  const ids = (list.body.incidents as { id: string }[]).map((i) => i.id);
  if (ids.length === 0) return 0;
  const retried = await call(base, 'POST', '/api/operations/incidents/retry', operator, { incidentIds: ids.slice(0, 100) });
  return retried.status === 200 ? (retried.body.retried as string[]).length : 0;
}

/** The operator completes every manual department-data check waiting, once the department is fixed. */
export async function completeDepartmentChecks(base: string, operator: string): Promise<number> {
  const list = await call(base, 'GET', '/api/tasks', operator);
  if (list.status !== 200) return 0;
  let done = 0;
  for (const task of list.body.items as { id: string; taskDefinitionKey: string }[]) {
    if (task.taskDefinitionKey !== 'check-department-data') continue;
    const answer = await call(base, 'POST', `/api/tasks/${task.id}/complete`, operator, { departmentCheckNote: '部门已修复数据（故障演练）' });
    if (answer.status === 200) done++;
  }
  return done;
}

/** The employer confirms the automatic result of its filing; answers whether it was taken. */
export async function confirmResult(base: string, uscc: string, filingId: string): Promise<boolean> {
  const token = await signIn(base, { role: 'employer', uscc }, Date.now() + 10_000).catch(() => undefined);
  if (!token) return false;
  const list = await call(base, 'GET', '/api/tasks', token);
  if (list.status !== 200) return false;
  const task = (list.body.items as { id: string; taskDefinitionKey: string; filing: { id: string } | null }[]).find(
    (t) => t.taskDefinitionKey === 'confirm-result' && t.filing?.id === filingId,
  );
  if (!task) return false;
  return (await call(base, 'POST', `/api/tasks/${task.id}/complete`, token, { confirmationDecision: 'confirm' })).status === 200;
}
