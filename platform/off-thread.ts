// Work whose cost grows with its input (deployment checks, spreadsheet imports, PDF rendering) off the API's thread:
// a bounded pool of persistent worker threads (started on first use, kept for the next request — starting one costs
// about a second — and never what keeps the process running), each with a heap cap (resourceLimits), and a bounded
// queue, so that N hostile requests cannot start N threads or pile up without end. Each job has a time limit counted
// from its arrival: a job still queued when it passes is refused; a thread still working when it passes is terminated
// and a fresh one started for the next job. A thread that dies (its heap cap) is replaced the same way; the job it
// had is refused. The thread runs platform/thread-boot.mjs → `entry`, which answers with serveOffThread().
import { setPriority } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';

export interface OffThreadOptions {
  /** What the threads do, in Chinese, for the refusals' messages: 部署检查, 名单读取 … */
  task: string;
  /** The module the threads run (a file URL); it calls serveOffThread. */
  entry: string;
  /** Longest a job may take, queueing included. */
  timeoutMs: number;
  /** Old-generation heap of each thread, in MB. */
  memoryMb: number;
  /** Threads at most (default 1). */
  threads?: number;
  /** Jobs that may wait for a thread; one more is refused at once with OffThreadBusyError (default: unbounded). */
  maxQueued?: number;
  /**
   * Run the threads at the lowest CPU priority (nice 19, the thread alone: Linux sets it per thread), so that on a
   * busy machine the thread answering requests is scheduled first and a hostile input costs others no waiting.
   */
  lowPriority?: boolean;
}

/** The job took longer than its limit (its thread, if it had one, was terminated). */
export class OffThreadTimeoutError extends Error {
  constructor(readonly task: string, readonly timeoutMs: number) {
    super(`${task}超过时间上限（${Math.round(timeoutMs / 100) / 10} 秒）`);
    this.name = 'OffThreadTimeoutError';
  }
}

/** The job's thread reached its heap cap and was replaced. */
export class OffThreadMemoryError extends Error {
  constructor(readonly task: string, readonly memoryMb: number) {
    super(`${task}的内存超过上限（${memoryMb} MB）`);
    this.name = 'OffThreadMemoryError';
  }
}

/** Every thread is busy and the queue is full: the caller should answer 503 with Retry-After. */
export class OffThreadBusyError extends Error {
  constructor(readonly task: string) {
    super(`${task}正忙，请稍后再试`);
    this.name = 'OffThreadBusyError';
  }
}

interface JobMessage<I> {
  id: number;
  input: I;
}
type JobReply<O> = { id: number; output: O } | { id: number; error: string };

interface Job<I, O> {
  message: JobMessage<I>;
  resolve: (output: O) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** performance.now() at which the job is refused. */
  deadline: number;
}

/** A job with less time left than this when its turn comes is refused then, not handed to a thread. */
const MIN_TIME_TO_RUN_MS = 50;
const BOOT = new URL('./thread-boot.mjs', import.meta.url);

export class OffThreadRunner<I, O> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job<I, O>>();
  private readonly queue: Job<I, O>[] = [];
  private nextId = 0;
  private closed = false;
  /** Threads started so far: a test sees one thread serve many jobs, and a stuck one replaced. */
  started = 0;

  constructor(readonly options: OffThreadOptions) {}

  /** Runs one job on a thread; `input` is copied to it (structured clone). */
  run(input: I): Promise<O> {
    const { task, timeoutMs, maxQueued } = this.options;
    if (this.closed) return Promise.reject(new Error(`${task}已停止`));
    if (maxQueued !== undefined && this.queue.length >= maxQueued && this.idle.length === 0 && this.busy.size >= this.threads) {
      return Promise.reject(new OffThreadBusyError(task));
    }
    return new Promise((resolve, reject) => {
      const job: Job<I, O> = { message: { id: this.nextId++, input }, resolve, reject, timer: setTimeout(() => this.expire(job), timeoutMs), deadline: performance.now() + timeoutMs };
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Ends the threads; what is queued or running is refused. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error(`${this.options.task}已停止`);
    for (const job of [...this.queue, ...this.busy.values()]) this.settle(job, error);
    this.queue.length = 0;
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private get threads(): number {
    return Math.max(1, this.options.threads ?? 1);
  }

  private spawn(): Worker {
    const { entry, memoryMb, task, lowPriority = false } = this.options;
    const worker = new Worker(BOOT, { workerData: { entry, lowPriority }, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    this.started += 1;
    worker.unref();
    worker.on('message', (reply: JobReply<O>) => {
      const job = this.busy.get(worker);
      if (!job || job.message.id !== reply.id) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      if ('error' in reply) this.settle(job, new Error(`${task}出错：${reply.error}`));
      else this.settle(job, undefined, reply.output);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.lost(worker, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new OffThreadMemoryError(task, memoryMb) : new Error(`${task}线程出错：${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => this.lost(worker, new Error(`${task}线程意外退出（${code}）`)));
    return worker;
  }

  /** A thread is gone: the job it had is refused with `error`; the next job gets a new thread. */
  private lost(worker: Worker, error: Error): void {
    const idleAt = this.idle.indexOf(worker);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const job = this.busy.get(worker);
    if (!this.busy.delete(worker)) return;
    if (job) this.settle(job, error);
    this.dispatch();
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0 && (this.idle.length > 0 || this.busy.size < this.threads)) {
      const job = this.queue.shift()!;
      if (job.deadline - performance.now() < MIN_TIME_TO_RUN_MS) {
        this.settle(job, new OffThreadTimeoutError(this.options.task, this.options.timeoutMs));
        continue;
      }
      const worker = this.idle.pop() ?? this.spawn();
      this.busy.set(worker, job);
      try {
        worker.postMessage(job.message);
      } catch (error) {
        // Not plain data: that job fails, the thread stays.
        this.busy.delete(worker);
        this.idle.push(worker);
        this.settle(job, error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private expire(job: Job<I, O>): void {
    const error = new OffThreadTimeoutError(this.options.task, this.options.timeoutMs);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, error);
      return;
    }
    const worker = [...this.busy].find(([, j]) => j === job)?.[0];
    if (!worker) return;
    // Still working: the thread is ended where it is, and the next job gets a new one.
    this.busy.delete(worker);
    this.settle(job, error);
    void worker.terminate();
    this.dispatch();
  }

  private settle(job: Job<I, O>, error: Error | undefined, output?: O): void {
    clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(output as O);
  }
}

/** The thread's side: answers each job posted with `handle`'s output, one job at a time. */
export function serveOffThread<I, O>(handle: (input: I) => O | Promise<O>): void {
  if (!parentPort) throw new Error('serveOffThread runs in a worker thread (OffThreadRunner starts it)');
  const port = parentPort;
  if ((workerData as { lowPriority?: boolean } | undefined)?.lowPriority) {
    try {
      setPriority(19); // pid 0: on Linux the calling thread only, not the API's own
    } catch {
      // not permitted here: the thread runs at the process's priority
    }
  }
  port.on('message', async ({ id, input }: JobMessage<I>) => {
    let reply: JobReply<O>;
    try {
      reply = { id, output: await handle(input) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    port.postMessage(reply);
  });
}
