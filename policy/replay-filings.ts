// A preview's filings judged and added up in their order — in this thread, or for a season on a PreviewPool, whose
// threads judge while the next batch is read. Either way the answer is the same: outcomes are recorded in the
// filings' order (so the same changes are listed, and cut off at the same one), and the error thrown is that of the
// first filing that could not be judged.
import type { DecisionSources } from './decision-sources.ts';
import { ImpactTally, judgeFilings, type DecisionSets, type ImpactPreview, type JudgedFilings, type PreviewFiling } from './impact-preview.ts';
import { PreviewPool } from './preview-pool.ts';

export interface ReplayOptions {
  /** The decision sets, for judging in this thread. */
  sets: DecisionSets;
  /** The same as text, for the worker threads. */
  sources: DecisionSources;
  /** Worker threads to use; 1 judges every filing in this thread. */
  threads: number;
  /**
   * A batch smaller than this is judged in this thread unless the pool is already running: starting the threads
   * costs more than judging a few dozen filings.
   */
  minFilingsForThreads?: number;
}

// Threads take ~0.7 s to be ready (measured: tsx, the modules, the DMN read again) and a filing ~10 ms to judge, so
// two threads gain once a batch has more than 0.7 s ÷ (10 ms ÷ 2) = 140 filings.
export const MIN_FILINGS_FOR_THREADS = 150;

/** Batches handed to the pool and not yet added up: enough to keep its threads busy while the next is read. */
const BATCHES_AHEAD = 2;

/** Judges and adds up the filings; throws the PreviewJudgementError of the first filing that cannot be judged. */
export async function replayFilings(batches: AsyncIterable<PreviewFiling[]>, options: ReplayOptions): Promise<ImpactPreview> {
  const tally = new ImpactTally();
  const pending: Promise<JudgedFilings>[] = [];
  const addUpOldest = async () => {
    const judged = await pending.shift()!;
    for (const outcome of judged.outcomes) tally.record(outcome);
    if (judged.failure) throw judged.failure;
  };
  let pool: PreviewPool | undefined;
  try {
    for await (const batch of batches) {
      if (!pool && options.threads > 1 && batch.length >= (options.minFilingsForThreads ?? MIN_FILINGS_FOR_THREADS)) {
        pool = PreviewPool.start(options.sources, options.threads);
      }
      const judged = pool ? pool.judge(batch) : Promise.resolve(judgeFilings(batch, options.sets));
      judged.catch(() => undefined); // awaited in turn below; rejecting before then is not an unhandled rejection
      pending.push(judged);
      // Judged here, a batch is added up at once: a failure stops the reading, as it always did.
      while (pending.length > (pool ? BATCHES_AHEAD : 0)) await addUpOldest();
    }
    while (pending.length > 0) await addUpOldest();
  } finally {
    await pool?.close();
  }
  return tally.result();
}
