// A preview worker thread: reads the decision files it was started with into models of its own (with their own
// FEEL caches), then judges the chunks of filings the pool posts, answering each filing's outcome in order.
import { parentPort, workerData } from 'node:worker_threads';
import { decisionSetsOf, type DecisionSources } from './decision-sources.ts';
import { judgeFilings, type FilingOutcome, type PreviewFiling } from './impact-preview.ts';

export interface PreviewWorkerData {
  /** This module's URL, for platform/thread-boot.mjs. */
  entry: string;
  sources: DecisionSources;
}

export interface JudgeRequest {
  id: number;
  filings: PreviewFiling[];
}

/** A PreviewJudgementError as data: an Error's own class and fields do not survive postMessage. */
export interface JudgementFailure {
  side: 'before' | 'after';
  filingId: string;
  causeName: string;
  causeMessage: string;
}

export type JudgeReply =
  /** The outcomes of the chunk's filings in order, up to one that could not be judged (`failure`): the tally stops there. */
  | { id: number; outcomes: FilingOutcome[]; failure?: JudgementFailure }
  /** Anything else went wrong: no preview. */
  | { id: number; error: string };

if (!parentPort) throw new Error('preview-worker.ts runs in a worker thread (preview-pool.ts starts it)');
const port = parentPort;
const { sources } = workerData as PreviewWorkerData;
const sets = decisionSetsOf(sources);
sets.catch(() => undefined); // reported with the first request

port.on('message', async ({ id, filings }: JudgeRequest) => {
  let reply: JudgeReply;
  try {
    const { outcomes, failure } = judgeFilings(filings, await sets);
    reply = failure
      ? { id, outcomes, failure: { side: failure.side, filingId: failure.filingId, causeName: failure.cause.name, causeMessage: failure.cause.message } }
      : { id, outcomes };
  } catch (error) {
    reply = { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
