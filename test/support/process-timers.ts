// A filing's timers in the engine, for tests that cannot wait days for a deadline: when one is due, and firing it
// now as if its time had come (the job the engine made for it, executed).
import { eventually, type TestSystem } from './system.ts';

export async function instanceIdOf(system: TestSystem, filingId: string): Promise<string> {
  const [instance] = await system.rest.get<{ id: string }[]>('/history/process-instance', { processInstanceBusinessKey: filingId, processDefinitionKey: 'annual-review' });
  if (!instance) throw new Error(`no instance for ${filingId}`);
  return instance.id;
}

async function timerJob(system: TestSystem, filingId: string, activityId: string): Promise<{ id: string; dueDate: string }> {
  const processInstanceId = await eventually(`the process of ${filingId}`, () => instanceIdOf(system, filingId));
  return eventually(`the timer ${activityId} of ${filingId}`, async () => {
    const jobs = await system.rest.get<{ id: string; dueDate: string }[]>('/job', { processInstanceId, activityId, timers: true });
    return jobs[0];
  });
}

/** When the timer `activityId` of the filing's process is due. */
export async function timerDue(system: TestSystem, filingId: string, activityId: string): Promise<string> {
  return (await timerJob(system, filingId, activityId)).dueDate;
}

/** Fires the timer `activityId` of the filing's process now. */
export async function fireTimer(system: TestSystem, filingId: string, activityId: string): Promise<{ dueDate: string }> {
  const job = await timerJob(system, filingId, activityId);
  await system.rest.post(`/job/${job.id}/execute`);
  return job;
}
