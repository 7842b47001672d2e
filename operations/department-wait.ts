// Whether a filing's automatic review is waiting on a department that has not answered: a department check that
// failed and is being tried again, or one that ran out of tries and is now an incident for the operators (Cockpit).
// The employer's page says so plainly instead of "the page will refresh" for ever (issue 18).
import type { EngineRest } from '../platform/engine-rest.ts';
import { departmentOfReviewCheck } from '../workers/department-of-topic.ts';

export interface DepartmentWait {
  /** retrying: tried again by the system; held: out of tries, an incident the operators handle. */
  state: 'retrying' | 'held';
  departments: string[];
}

interface ExternalTask {
  topicName: string;
  retries: number | null;
  errorMessage: string | null;
}

/** The filing's department checks that failed and wait, or null when none does (or the engine cannot tell now). */
export async function departmentWaitOf(engine: EngineRest, filingId: string): Promise<DepartmentWait | null> {
  try {
    const instances = await engine.get<{ id: string }[]>('/process-instance', { businessKey: filingId });
    const tasks = (
      await Promise.all(instances.map((i) => engine.get<ExternalTask[]>('/external-task', { processInstanceId: i.id })))
    ).flat();
    const waiting = tasks.filter((t) => t.errorMessage !== null && departmentOfReviewCheck(t.topicName) !== undefined);
    if (waiting.length === 0) return null;
    return {
      state: waiting.some((t) => t.retries === 0) ? 'held' : 'retrying',
      departments: [...new Set(waiting.map((t) => departmentOfReviewCheck(t.topicName)!))],
    };
  } catch {
    // The page reads the filing every few seconds: an engine that does not answer now must not fail that read.
    return null;
  }
}
