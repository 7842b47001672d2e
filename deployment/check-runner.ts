// The deployment checks (findingsOf in deployment-routes.ts) off the API's thread: one persistent worker thread
// (check-worker.ts) that runs the checks one request at a time. The web modeler calls the checks 600 ms after each
// edit, so the thread is kept, not started per call (starting one costs about a second: tsx, bpmnlint, dmnlint,
// form-js). Each request has a time limit counted from its arrival: a request still queued when it passes is
// refused; a thread still checking when it passes is terminated and a fresh one started. A thread that dies (its
// heap cap, resourceLimits) is replaced the same way; the request it was checking is refused.
import { Worker } from 'node:worker_threads';
import { Problem } from '../platform/problem.ts';
import type { Resource } from './deploy-resources.ts';
import type { CheckContext, ResourceFinding } from './deployment-findings.ts';

export interface CheckRequest {
  id: number;
  resources: Resource[];
  context: CheckContext;
}

export type CheckReply = { id: number; findings: ResourceFinding[] } | { id: number; error: string };

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
export class CheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`部署检查超过时间上限（${Math.round(timeoutMs / 100) / 10} 秒）`);
    this.name = 'CheckTimeoutError';
  }
}

/** The checking thread reached its heap cap and was replaced. */
export class CheckMemoryError extends Error {
  constructor(readonly memoryMb: number) {
    super(`部署检查的内存超过上限（${memoryMb} MB）`);
    this.name = 'CheckMemoryError';
  }
}

interface Job {
  request: CheckRequest;
  resolve: (findings: ResourceFinding[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** performance.now() at which the request is refused. */
  deadline: number;
}

/** A request with less time left than this when its turn comes is refused then, not handed to the thread. */
const MIN_TIME_TO_RUN_MS = 50;

const BOOT = new URL('../platform/thread-boot.mjs', import.meta.url);
const ENTRY = new URL('./check-worker.ts', import.meta.url).href;

export class CheckRunner {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private nextId = 0;
  private closed = false;
  /** Threads started so far (the first included): a test sees one thread serve many requests. */
  started = 0;

  constructor(private readonly options: CheckRunnerOptions) {}

  /** Every finding of every resource, as findingsOf gives them, computed on the checking thread. */
  findings(resources: Resource[], context: CheckContext = {}): Promise<ResourceFinding[]> {
    if (this.closed) return Promise.reject(new Error('部署检查已停止'));
    return new Promise((resolve, reject) => {
      const request: CheckRequest = { id: this.nextId++, resources, context };
      const job: Job = { request, resolve, reject, timer: setTimeout(() => this.expire(job), this.options.timeoutMs), deadline: performance.now() + this.options.timeoutMs };
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Ends the thread; what is queued or running is refused. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('部署检查已停止');
    for (const job of [...this.queue, ...(this.current ? [this.current] : [])]) this.settle(job, error);
    this.queue.length = 0;
    this.current = undefined;
    await this.discard();
  }

  private spawn(): Worker {
    const memoryMb = this.options.memoryMb ?? DEFAULT_CHECK_MEMORY_MB;
    const worker = new Worker(BOOT, { workerData: { entry: this.options.entry ?? ENTRY }, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    this.started += 1;
    // Kept for the next edit, but never what keeps the process running.
    worker.unref();
    worker.on('message', (reply: CheckReply) => {
      const job = this.current;
      if (worker !== this.worker || !job || job.request.id !== reply.id) return;
      this.current = undefined;
      if ('error' in reply) this.settle(job, new Error(`部署检查出错：${reply.error}`));
      else this.settle(job, undefined, reply.findings);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      this.lost(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new CheckMemoryError(memoryMb) : new Error(`部署检查线程出错：${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.lost(new Error(`部署检查线程意外退出（${code}）`));
    });
    return worker;
  }

  /** The thread is gone: the request it had is refused with `error`, and a new thread takes the queue. */
  private lost(error: Error): void {
    const job = this.current;
    this.current = undefined;
    this.worker = undefined;
    if (job) this.settle(job, error);
    this.dispatch();
  }

  private dispatch(): void {
    if (this.closed || this.current) return;
    let job: Job | undefined;
    while ((job = this.queue.shift()) && job.deadline - performance.now() < MIN_TIME_TO_RUN_MS) this.settle(job, new CheckTimeoutError(this.options.timeoutMs));
    if (!job) return;
    this.worker ??= this.spawn();
    this.current = job;
    try {
      this.worker.postMessage(job.request);
    } catch (error) {
      // Not plain data: that request fails, the thread stays.
      this.current = undefined;
      this.settle(job, error instanceof Error ? error : new Error(String(error)));
      this.dispatch();
    }
  }

  private expire(job: Job): void {
    const error = new CheckTimeoutError(this.options.timeoutMs);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, error);
      return;
    }
    if (this.current !== job) return;
    // Still checking: the thread is ended where it is, and the next request gets a new one.
    this.current = undefined;
    this.settle(job, error);
    void this.discard();
    this.dispatch();
  }

  private async discard(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private settle(job: Job, error: Error | undefined, findings?: ResourceFinding[]): void {
    clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(findings!);
  }
}

/** The answer to a request whose checks could not finish: 422 with a code (the files, not the server, are the cause). */
export function checkProblem(error: unknown): unknown {
  if (error instanceof CheckTimeoutError) {
    return new Problem(422, '部署检查超时', `${error.message}：文件可能过大或过于复杂，请拆分或简化后再试`, undefined, undefined, { code: 'CHECK_TIMEOUT' });
  }
  if (error instanceof CheckMemoryError) {
    return new Problem(422, '部署检查所需内存过多', `${error.message}：文件可能过大或过于复杂，请拆分或简化后再试`, undefined, undefined, { code: 'CHECK_MEMORY_EXCEEDED' });
  }
  return error;
}
