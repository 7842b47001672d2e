// A few worker threads judging one preview's filings (preview-worker.ts): started for the preview and ended with it.
// Starting costs under a second (measured 0.6–0.9 s a thread on a busy 2-core machine: tsx, the modules, the DMN read
// again) — little beside a season's judging; and a pool per preview holds no threads, models or memory between
// requests, needs no stopping when the server closes, and keeps no state a failure could spoil.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DecisionSources } from './decision-sources.ts';
import { PreviewJudgementError, type JudgedFilings, type PreviewFiling } from './impact-preview.ts';
import type { JudgeReply, JudgeRequest, PreviewWorkerData } from './preview-worker.ts';

/** Threads a preview uses unless told: the cores there are, up to 4 (a server has other work). */
export const defaultPreviewThreads = (): number => Math.min(availableParallelism(), 4);

/** Filings posted to a worker at a time: small enough to share a batch out evenly, large enough that posting is cheap. */
const CHUNK_SIZE = 25;

interface Chunk {
  request: JudgeRequest;
  resolve: (reply: Extract<JudgeReply, { outcomes: unknown }>) => void;
  reject: (error: Error) => void;
}

const WORKER_BOOT = new URL('./preview-worker-boot.mjs', import.meta.url);
const WORKER_ENTRY = new URL('./preview-worker.ts', import.meta.url).href;

export class PreviewPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Chunk[] = [];
  private readonly busy = new Map<Worker, Chunk>();
  private nextId = 0;
  /** Set when the pool cannot judge any more (a worker died, or close()): every later judge() rejects with it. */
  private broken: Error | undefined;

  private constructor(private readonly workers: Worker[]) {
    this.idle.push(...workers);
    for (const worker of workers) {
      worker.on('message', (reply: JudgeReply) => this.answered(worker, reply));
      worker.on('error', (error) => this.fail(new Error(`预览计算线程出错：${error.message}`, { cause: error })));
      worker.on('messageerror', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`预览计算线程意外退出（${code}）`)));
    }
  }

  /** `size` threads, each reading `sources` into decision models of its own. */
  static start(sources: DecisionSources, size: number): PreviewPool {
    const workerData: PreviewWorkerData = { entry: WORKER_ENTRY, sources };
    return new PreviewPool(Array.from({ length: Math.max(1, size) }, () => new Worker(WORKER_BOOT, { workerData })));
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

  /** Ends the threads; what is still being judged is rejected. */
  async close(): Promise<void> {
    this.fail(new Error('预览已结束'));
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
