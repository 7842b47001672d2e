// Where a filing's process stands, asked of the engine as the service account: whether it waits for a message (the
// employer's feedback) or holds an open user task (modifying the declaration). The engine, not a status column,
// decides what an employer may do now, so the API and the diagram cannot disagree.
import type { EngineRest } from '../../platform/engine-rest.ts';

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
