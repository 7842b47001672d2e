// The engine's user tasks as this API needs them, read and changed through the REST API (never its tables).
import { EngineError, toEngineVariables, type EngineRest, type PrimitiveValue } from '../platform/engine-rest.ts';

export interface EngineTask {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  processInstanceId: string;
  /** The execution the task waits in (where a multi-instance step keeps its own variables). */
  executionId?: string | null;
  processDefinitionId: string;
  operatonFormRef?: { key: string; binding: string; version: number | null } | null;
  formKey?: string | null;
  suspended: boolean;
}

interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

export async function listTasksFor(engine: EngineRest, groups: string[], userId: string, max = 200): Promise<EngineTask[]> {
  // Tasks offered to one of the caller's groups (role and region), unclaimed or claimed by the caller: a task claimed
  // under this user id but offered to another role or region is not theirs to see.
  if (groups.length === 0) return [];
  const offered = await engine.post<EngineTask[]>(`/task?firstResult=0&maxResults=${max}`, {
    candidateGroups: groups,
    includeAssignedTasks: true,
    active: true,
    sorting: [{ sortBy: 'created', sortOrder: 'asc' }],
  });
  return offered.filter((task) => task.assignee === null || task.assignee === userId);
}

/** The task, or undefined when the engine knows no such task. */
export async function findTask(engine: EngineRest, id: string): Promise<EngineTask | undefined> {
  try {
    return await engine.get<EngineTask>(`/task/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof EngineError && error.status === 404) return undefined;
    throw error;
  }
}

export async function candidateGroupsOfTask(engine: EngineRest, id: string): Promise<string[]> {
  const links = await engine.get<IdentityLink[]>(`/task/${encodeURIComponent(id)}/identity-links`, { type: 'candidate' });
  return links.map((l) => l.groupId).filter((g): g is string => g !== null);
}

export async function businessKeysOf(engine: EngineRest, processInstanceIds: string[]): Promise<Map<string, string>> {
  if (processInstanceIds.length === 0) return new Map();
  const instances = await engine.post<{ id: string; businessKey: string | null }[]>('/process-instance', {
    processInstanceIds: [...new Set(processInstanceIds)],
  });
  return new Map(instances.filter((i) => i.businessKey).map((i) => [i.id, i.businessKey as string]));
}

export async function deployedForm(engine: EngineRest, taskId: string): Promise<unknown> {
  return engine.get<unknown>(`/task/${encodeURIComponent(taskId)}/deployed-form`);
}

/** The task's visible variables, values only, limited to `names`. */
export async function taskValues(engine: EngineRest, taskId: string, names: string[]): Promise<Record<string, unknown>> {
  if (names.length === 0) return {};
  // GET /task/{id}/variables ignores `variableNames` (only /form-variables takes it): the filter is ours.
  const all = await engine.get<Record<string, { value: unknown }>>(`/task/${encodeURIComponent(taskId)}/variables`, { deserializeValues: false });
  const wanted = new Set(names);
  return Object.fromEntries(Object.entries(all).filter(([name]) => wanted.has(name)).map(([name, v]) => [name, v.value]));
}

export async function claimTask(engine: EngineRest, taskId: string, userId: string): Promise<void> {
  await engine.post(`/task/${encodeURIComponent(taskId)}/claim`, { userId });
}

export async function unclaimTask(engine: EngineRest, taskId: string): Promise<void> {
  await engine.post(`/task/${encodeURIComponent(taskId)}/unclaim`);
}

export async function completeTask(engine: EngineRest, taskId: string, values: Record<string, PrimitiveValue>): Promise<void> {
  await engine.post(`/task/${encodeURIComponent(taskId)}/complete`, { variables: toEngineVariables(values) });
}
