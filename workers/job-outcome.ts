// What a job handler returns: every path must say whether the job completed, failed (the engine retries,
// then raises an incident) or hit a business error the diagram routes on. Throwing is not an answer.

export type JobComplete<V extends object> = { kind: 'complete'; variables: V };
/** `retries` left after this failure; 0 raises the incident at once (a failure no retry can cure). */
export type JobFail = { kind: 'fail'; message: string; retryBackoffMs?: number; retries?: number };
export type JobBpmnError = { kind: 'bpmnError'; errorCode: string; message: string; variables?: Record<string, unknown> };

export type JobOutcome<V extends object = Record<string, unknown>> = JobComplete<V> | JobFail | JobBpmnError;

/** The job as a handler sees it; the engine adapter maps its own job type to this. */
export interface Job {
  /** The engine's external task id: the same each time the task is handed out again. */
  key: string;
  variables: unknown;
  /** The task's extension properties (`operaton:properties` in the diagram): its fixed settings. */
  properties?: Readonly<Record<string, string>>;
  retries: number;
  /** The process instance's business key: a filing's id. */
  businessKey?: string | null;
  processInstanceId?: string;
  /**
   * Fires when the task is no longer this worker's (its lock was lost to another worker) or the worker stops past
   * its grace: stop, the outcome will not be reported. Department calls made for the job honour it by themselves.
   */
  signal?: AbortSignal;
}

/** `In` documents the variables the handler expects; it checks them itself, since they arrive as unknown. */
export type JobHandler<In, Out extends object> = (job: Job) => Promise<JobOutcome<Out>>;

export function complete<V extends object>(variables: V): JobComplete<V> {
  return { kind: 'complete', variables };
}

/** A technical failure: the engine retries the job, and raises an incident when its retries run out. */
export function fail(message: string, retryBackoffMs?: number): JobFail {
  return retryBackoffMs === undefined ? { kind: 'fail', message } : { kind: 'fail', message, retryBackoffMs };
}

/** A failure no retry can cure until a person acts: the engine raises the incident at once. */
export function failForGood(message: string): JobFail {
  return { kind: 'fail', message, retries: 0 };
}

/** A business error with a code the diagram can catch; uncaught it becomes an incident. */
export function bpmnError(errorCode: string, message: string, variables?: Record<string, unknown>): JobBpmnError {
  return variables === undefined ? { kind: 'bpmnError', errorCode, message } : { kind: 'bpmnError', errorCode, message, variables };
}
