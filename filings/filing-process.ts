// Where a filing's process stands, asked of the engine as the service account: whether it waits for a message (the
// employer's feedback) or holds an open user task (modifying the declaration). The engine, not a status column,
// decides what an employer may do now, so the API and the diagram cannot disagree.
import type { EngineRest } from '../platform/engine-rest.ts';

interface ProcessInstance {
  id: string;
}

/** Whether a running instance of the filing (business key = filing id) has a subscription for the message now. */
export async function waitsForMessage(engine: EngineRest, filingId: string, messageName: string): Promise<boolean> {
  const instances = await engine.get<ProcessInstance[]>('/process-instance', { businessKey: filingId, active: true });
  for (const instance of instances) {
    const subscriptions = await engine.get<unknown[]>('/event-subscription', {
      eventType: 'message',
      eventName: messageName,
      processInstanceId: instance.id,
    });
    if (subscriptions.length > 0) return true;
  }
  return false;
}

/** Whether the filing's process holds an active user task of this definition key. */
export async function hasOpenTask(engine: EngineRest, filingId: string, taskDefinitionKey: string): Promise<boolean> {
  const { count } = await engine.get<{ count: number }>('/task/count', {
    processInstanceBusinessKey: filingId,
    taskDefinitionKey,
    active: true,
  });
  return count > 0;
}

/** The employer's feedback window after a certification, as the process holds it. */
export type FeedbackWindow =
  /** Waiting for feedback now, until dueAt (provisional: counted across a year not yet published). */
  | { state: 'open'; dueAt: string | null; provisional: boolean }
  /** Certified, the window about to open (the process is computing its deadline). */
  | { state: 'opening' }
  /** The window of the latest certification has closed, at dueAt. */
  | { state: 'closed'; dueAt: string }
  /** Feedback belongs to no step the filing is at. */
  | { state: 'not-at-this-step' };

export type Variables = Record<string, { value: unknown } | undefined>;

/** The variables of the filing's running instance (business key = filing id), or null when none runs. */
export async function activeVariables(engine: EngineRest, filingId: string): Promise<Variables | null> {
  const [instance] = await engine.get<ProcessInstance[]>('/process-instance', { businessKey: filingId, active: true });
  if (!instance) return null;
  return engine.get<Variables>(`/process-instance/${instance.id}/variables`, { deserializeValues: 'false' });
}

/** A deadline variable the diagram set (an ISO instant) and its `<name>Provisional` flag beside it. */
export function deadlineOf(variables: Variables, name: string): { dueAt: string | null; provisional: boolean } {
  const value = variables[name]?.value;
  return { dueAt: typeof value === 'string' ? value : null, provisional: variables[`${name}Provisional`]?.value === true };
}

/**
 * Where the filing's feedback window stands: from the message subscription (the diagram's timer decides when it
 * closes) and the deadline variables `feedbackDueAt` and `certifiedAt` the diagram sets. A window is the latest
 * certification's when it ends after that certification: an earlier window's deadline says nothing of the next.
 */
export async function feedbackWindowOf(engine: EngineRest, filingId: string, filingStatus: string, messageName: string): Promise<FeedbackWindow> {
  const variables = await activeVariables(engine, filingId);
  if (!variables) return { state: 'not-at-this-step' };
  const { dueAt, provisional } = deadlineOf(variables, 'feedbackDueAt');
  const certifiedAt = typeof variables.certifiedAt?.value === 'string' ? variables.certifiedAt.value : null;
  if (await waitsForMessage(engine, filingId, messageName)) {
    return { state: 'open', dueAt, provisional };
  }
  const ofThisCertification = dueAt !== null && certifiedAt !== null && new Date(dueAt).getTime() > new Date(certifiedAt).getTime();
  if (filingStatus === 'certified' && !ofThisCertification) return { state: 'opening' };
  if (dueAt !== null && (ofThisCertification || ['sent_to_tax', 'closed'].includes(filingStatus))) return { state: 'closed', dueAt };
  return { state: 'not-at-this-step' };
}
