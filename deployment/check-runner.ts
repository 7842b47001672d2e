// The deployment checks (findingsOf in deployment-routes.ts) off the API's thread, on the shared off-thread runner
// (platform/off-thread.ts): one persistent thread (check-worker.ts) that runs the checks one request at a time. The
// web modeler calls the checks 600 ms after each edit, so the thread is kept, not started per call (starting one
// costs about a second: tsx, bpmnlint, dmnlint, form-js). Each request has a time limit counted from its arrival;
// a thread past it, or past its heap cap, is replaced and the request refused.
import { OffThreadMemoryError, OffThreadRunner, OffThreadTimeoutError } from '../platform/off-thread.ts';
import { Problem } from '../platform/problem.ts';
import type { Resource } from './deploy-resources.ts';
import type { CheckContext, ResourceFinding } from './deployment-findings.ts';

export interface CheckRequest {
  resources: Resource[];
  context: CheckContext;
}

export interface CheckRunnerOptions {
  /** Longest a request may take, queueing included (DEPLOYMENT_CHECK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Old-generation heap of the thread, in MB. */
  memoryMb?: number;
  /** The module the thread runs instead of check-worker.ts (tests). */
  entry?: string;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;
export const DEFAULT_CHECK_MEMORY_MB = 512;

/** The checks took longer than their limit. */
export { OffThreadTimeoutError as CheckTimeoutError } from '../platform/off-thread.ts';
/** The checking thread reached its heap cap and was replaced. */
export { OffThreadMemoryError as CheckMemoryError } from '../platform/off-thread.ts';

const ENTRY = new URL('./check-worker.ts', import.meta.url).href;

export class CheckRunner {
  private readonly runner: OffThreadRunner<CheckRequest, ResourceFinding[]>;

  constructor(options: CheckRunnerOptions) {
    this.runner = new OffThreadRunner({ task: '部署检查', entry: options.entry ?? ENTRY, timeoutMs: options.timeoutMs, memoryMb: options.memoryMb ?? DEFAULT_CHECK_MEMORY_MB });
  }

  /** Threads started so far (the first included): a test sees one thread serve many requests. */
  get started(): number {
    return this.runner.started;
  }

  /** Every finding of every resource, as findingsOf gives them, computed on the checking thread. */
  findings(resources: Resource[], context: CheckContext = {}): Promise<ResourceFinding[]> {
    return this.runner.run({ resources, context });
  }

  /** Ends the thread; what is queued or running is refused. */
  close(): Promise<void> {
    return this.runner.close();
  }
}

/** The answer to a request whose checks could not finish: 422 with a code (the files, not the server, are the cause). */
export function checkProblem(error: unknown): unknown {
  if (error instanceof OffThreadTimeoutError) {
    return new Problem(422, '部署检查超时', `${error.message}：文件可能过大或过于复杂，请拆分或简化后再试`, undefined, undefined, { code: 'CHECK_TIMEOUT' });
  }
  if (error instanceof OffThreadMemoryError) {
    return new Problem(422, '部署检查所需内存过多', `${error.message}：文件可能过大或过于复杂，请拆分或简化后再试`, undefined, undefined, { code: 'CHECK_MEMORY_EXCEEDED' });
  }
  return error;
}
