// A few worker threads judging one preview's filings (preview-worker.ts): started for the preview and ended with it.
// Starting costs under a second (measured 0.6–0.9 s a thread on a busy 2-core machine: tsx, the modules, the DMN read
// again) — little beside a season's judging; and a pool per preview holds no threads, models or memory between
// requests, needs no stopping when the server closes, and keeps no state a failure could spoil.
// A candidate's FEEL is evaluated only here, never on the API's thread: each thread has a heap cap (a thread that
// reaches it dies alone, PreviewMemoryError) and terminate() ends a preview that ran out of time mid-filing.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DecisionSources } from './decision-sources.ts';
import { PreviewJudgementError, type JudgedFilings, type PreviewFiling } from './impact-preview.ts';
import type { JudgeReply, JudgeRequest, PreviewWorkerData } from './preview-worker.ts';

/** Threads a preview uses unless told: the cores there are, up to 4 (a server has other work). */
export const defaultPreviewThreads = (): number => Math.min(availableParallelism(), 4);

/** Heap of one preview thread unless told (PREVIEW_MEMORY_MB). */
export const DEFAULT_PREVIEW_MEMORY_MB = 512;

/** A preview thread reached its heap cap and was ended: the candidate (or the season) needs more than a preview may use. */
export class PreviewMemoryError extends Error {
  constructor(readonly memoryMb: number) {
    super(`预览计算线程的内存超过上限（${memoryMb} MB）`);
    this.name = 'PreviewMemoryError';
  }
}

let liveThreads = 0;
/** Preview threads started and not yet exited, in this process: none once every preview has ended. */
export const livePreviewThreads = (): number => liveThreads;

export interface PoolLimits {
  /** Old-generation heap of each thread, in MB (worker resourceLimits). */
  memoryMb?: number;
  /** The module the threads run instead of preview-worker.ts (tests). */
  entry?: string;
}

/** Filings posted to a worker at a time: small enough to share a batch out evenly, large enough that posting is cheap. */
const CHUNK_SIZE = 25;

interface Chunk {
  request: JudgeRequest;
  resolve: (reply: Extract<JudgeReply, { outcomes: unknown }>) => void;
  reject: (error: Error) => void;
}

const WORKER_BOOT = new URL('../platform/thread-boot.mjs', import.meta.url);
const WORKER_ENTRY = new URL('./preview-worker.ts', import.meta.url).href;

export class PreviewPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Chunk[] = [];
  private readonly busy = new Map<Worker, Chunk>();
  private nextId = 0;
  /** Set when the pool cannot judge any more (a worker died, or close()): every later judge() rejects with it. */
  private broken: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    private readonly memoryMb: number,
  ) {
    this.idle.push(...workers);
    for (const worker of workers) {
      liveThreads += 1;
      worker.on('message', (reply: JudgeReply) => this.answered(worker, reply));
      worker.on('error', (error: Error & { code?: string }) =>
        this.fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new PreviewMemoryError(this.memoryMb) : new Error(`预览计算线程出错：${error.message}`, { cause: error })),
      );
      worker.on('messageerror', (error) => this.fail(error));
      worker.on('exit', (code) => {
        liveThreads -= 1;
        this.fail(new Error(`预览计算线程意外退出（${code}）`));
      });
    }
  }

  /** `size` threads, each reading `sources` into decision models of its own. */
  static start(sources: DecisionSources, size: number, limits: PoolLimits = {}): PreviewPool {
    const memoryMb = limits.memoryMb ?? DEFAULT_PREVIEW_MEMORY_MB;
    const workerData: PreviewWorkerData = { entry: limits.entry ?? WORKER_ENTRY, sources };
    const resourceLimits = { maxOldGenerationSizeMb: memoryMb };
    return new PreviewPool(
      Array.from({ length: Math.max(1, size) }, () => new Worker(WORKER_BOOT, { workerData, resourceLimits })),
      memoryMb,
    );
  }

  /** Judges the filings on the pool's threads; the outcomes come back in the filings' order. */
  async judge(filings: readonly PreviewFiling[]): Promise<JudgedFilings> {
    const size = Math.max(1, Math.min(CHUNK_SIZE, Math.ceil(filings.length / this.workers.length)));
    const chunks: Promise<Extract<JudgeReply, { outcomes: unknown }>>[] = [];
    for (let i = 0; i < filings.length; i += size) chunks.push(this.post(filings.slice(i, i + size)));
    const judged: JudgedFilings = { outcomes: [] };
    for (const reply of await Promise.all(chunks)) {
      judged.outcomes.push(...reply.outcomes);
      if (reply.failure) {
        const { side, filingId, causeName, causeMessage } = reply.failure;
        const cause = new Error(causeMessage);
        cause.name = causeName;
        judged.failure = new PreviewJudgementError(side, filingId, cause);
        break;
      }
    }
    return judged;
  }

  /** Ends the threads at once, mid-filing if need be; what is still being judged is rejected with `reason`. */
  async close(reason: Error = new Error('预览已结束')): Promise<void> {
    this.fail(reason);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private post(filings: PreviewFiling[]): Promise<Extract<JudgeReply, { outcomes: unknown }>> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, filings }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const chunk = this.queue.shift()!;
      try {
        worker.postMessage(chunk.request);
      } catch (error) {
        // A filing that cannot be copied to a thread (not plain data): that chunk fails, the worker stays free.
        this.idle.push(worker);
        chunk.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      this.busy.set(worker, chunk);
    }
  }

  private answered(worker: Worker, reply: JudgeReply): void {
    const chunk = this.busy.get(worker);
    if (!chunk || chunk.request.id !== reply.id) return this.fail(new Error('预览计算线程的答复与请求不符'));
    this.busy.delete(worker);
    this.idle.push(worker);
    if ('error' in reply) chunk.reject(new Error(`预览计算线程出错：${reply.error}`));
    else chunk.resolve(reply);
    this.dispatch();
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const chunk of [...this.busy.values(), ...this.queue]) chunk.reject(this.broken);
    this.busy.clear();
    this.queue.length = 0;
    this.idle.length = 0;
  }
}
