// A preview's filings judged on a PreviewPool and added up in their order: the threads judge while the next batch is
// read; outcomes are recorded in the filings' order (so the same changes are listed, and cut off at the same one,
// however many threads), and the error thrown is that of the first filing that could not be judged.
// Always on worker threads, however small the preview: a candidate's FEEL never runs on the API's own thread. The
// replay has a time limit: past it the threads are ended where they are and PreviewTimeoutError is thrown.
import type { DecisionSources } from './decision-sources.ts';
import { ImpactTally, type ImpactPreview, type JudgedFilings, type PreviewFiling } from './impact-preview.ts';
import { PreviewPool, type PoolLimits } from './preview-pool.ts';

export interface ReplayOptions {
  /** The decision sets as text, for the worker threads to read. */
  sources: DecisionSources;
  /** Worker threads for a season; a preview whose first batch is small gets one. */
  threads: number;
  /** Wall time of the whole replay, reading included. */
  timeoutMs: number;
  /** Heap cap of each thread, and the threads' module in tests. */
  limits?: PoolLimits;
  /** A first batch smaller than this is judged on one thread: starting more would cost more than they save. */
  minFilingsForThreads?: number;
}

export const DEFAULT_PREVIEW_TIMEOUT_MS = 60_000;

/** The replay took longer than its limit; its threads have been ended. */
export class PreviewTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`影响预览超过时间上限（${Math.round(timeoutMs / 1000)} 秒）`);
    this.name = 'PreviewTimeoutError';
  }
}

// Threads take ~0.7 s to be ready (measured: tsx, the modules, the DMN read again) and a filing ~10 ms to judge, so
// a second thread gains once a batch has more than 0.7 s ÷ (10 ms ÷ 2) = 140 filings.
export const MIN_FILINGS_FOR_THREADS = 150;

/** Batches handed to the pool and not yet added up: enough to keep its threads busy while the next is read. */
const BATCHES_AHEAD = 2;

/** Judges and adds up the filings; throws the PreviewJudgementError of the first filing that cannot be judged. */
export async function replayFilings(batches: AsyncIterable<PreviewFiling[]>, options: ReplayOptions): Promise<ImpactPreview> {
  const tally = new ImpactTally();
  const pending: Promise<JudgedFilings>[] = [];
  let pool: PreviewPool | undefined;
  let timedOut: PreviewTimeoutError | undefined;
  const timer = setTimeout(() => {
    timedOut = new PreviewTimeoutError(options.timeoutMs);
    // Rejects what the threads are judging, so the await below ends now, not when the filing would have.
    void pool?.close(timedOut);
  }, options.timeoutMs);
  const addUpOldest = async () => {
    const judged = await pending.shift()!;
    for (const outcome of judged.outcomes) tally.record(outcome);
    if (judged.failure) throw judged.failure;
  };
  try {
    for await (const batch of batches) {
      if (timedOut) throw timedOut;
      if (batch.length === 0) continue;
      if (!pool) {
        const size = batch.length >= (options.minFilingsForThreads ?? MIN_FILINGS_FOR_THREADS) ? options.threads : 1;
        pool = PreviewPool.start(options.sources, size, options.limits);
      }
      const judged = pool.judge(batch);
      judged.catch(() => undefined); // awaited in turn below; rejecting before then is not an unhandled rejection
      pending.push(judged);
      while (pending.length > BATCHES_AHEAD) await addUpOldest();
    }
    while (pending.length > 0) await addUpOldest();
    if (timedOut) throw timedOut;
  } catch (error) {
    throw timedOut ?? error;
  } finally {
    clearTimeout(timer);
    await pool?.close();
  }
  return tally.result();
}
