// The policy impact preview on worker threads answers exactly what judging in one thread answers: the same totals, per
// county, the same changes in the same order cut off at the same one, and the same error for a filing the rules
// cannot judge. It always runs on threads, however small; a replay past its time limit, or a thread past its heap
// cap, ends with its threads terminated. Small decision tables as in impact-preview.test.ts: a month counts when
// employed, the certificate is held and the wage is at least the minimum (deployed 2000, candidate 2500).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDecisionModel } from '../../dmn-evaluator/decision-model.ts';
import type { ManualDecision } from '../../review/manual-review-store.ts';
import type { ReviewDecisions } from '../../review/judge-filing.ts';
import type { DecisionSources } from '../../impact-preview/decision-sources.ts';
import { MAX_CHANGES, PreviewJudgementError, previewImpact, withCandidates, type DecisionSets, type PreviewFiling } from '../../impact-preview/impact-preview.ts';
import { livePreviewThreads, PreviewMemoryError, PreviewPool } from '../../impact-preview/preview-pool.ts';
import { PreviewTimeoutError, replayFilings } from '../../impact-preview/replay-filings.ts';
import { eventually } from '../support/system.ts';
import { dmnFile } from '../support/dmn-fixtures.ts';
import { countingTable, levyTable, minimumWageTable, previewFiling, weightTable } from '../support/preview-fixtures.ts';

const COUNTIES = ['330102', '330106', '330112', '330802'];
/** A wage the broken rule below cannot judge. */
const UNJUDGEABLE_WAGE = 1234;

// A reason the review does not know: judging such a month fails (RuleOutcomeError).
const counting = (broken: boolean) => countingTable(broken ? [[['true', '-', String(UNJUDGEABLE_WAGE)], ['"NO_SUCH_REASON"']]] : []);

/** The decisions twice, as the route has them: models for this thread, texts for the workers. */
async function decisions(deployedXml: string, candidateXml: string): Promise<{ sets: DecisionSets; sources: DecisionSources }> {
  const deployedModel = await readDecisionModel(deployedXml);
  const before: ReviewDecisions = {
    counting: { model: deployedModel, decisionId: 'counting' },
    weight: { model: deployedModel, decisionId: 'weight' },
    levy: { model: deployedModel, decisionId: 'levy' },
  };
  const sources: DecisionSources = {
    deployed: { counting: { xml: deployedXml, decisionId: 'counting' }, weight: { xml: deployedXml, decisionId: 'weight' }, levy: { xml: deployedXml, decisionId: 'levy' } },
    candidates: [candidateXml],
  };
  return { sets: { before, after: withCandidates(before, [await readDecisionModel(candidateXml)]) }, sources };
}

/** A filing of the season, in one of four counties; now and then with a reviewer's decision. */
function filing(seed: number, wages: number[]): PreviewFiling {
  const made = previewFiling(seed, COUNTIES[seed % COUNTIES.length]!, wages);
  // A reviewer's decision is a Map, which must reach a worker intact.
  const manualDecisions = new Map<number, ManualDecision>(
    seed % 7 === 0 ? [[0, { employeeIndex: 0, decision: 'not_count', countedMonths: [], reason: '测试', reviewer: 'reviewer-1', decidedAt: '2026-03-01T00:00:00.000Z' }]] : [],
  );
  return { ...made, id: `filing-${String(seed).padStart(4, '0')}`, manualDecisions };
}

/** More filings than MAX_CHANGES change (most wages lie between the two minimums): the list is cut off. */
function season(count: number, unjudgeable: number[] = []): PreviewFiling[] {
  const wages = [2100, 2300, 2400, 2600, 3000];
  return Array.from({ length: count }, (_v, i) =>
    filing(i, unjudgeable.includes(i) ? [UNJUDGEABLE_WAGE] : [wages[i % wages.length]!, wages[(i * 3 + 1) % wages.length]!]),
  );
}

/** As preview-store.ts reads them: batches of 200. */
async function* inBatches(filings: PreviewFiling[]): AsyncGenerator<PreviewFiling[]> {
  for (let i = 0; i < filings.length; i += 200) yield filings.slice(i, i + 200);
}

const replay = (filings: PreviewFiling[], d: { sources: DecisionSources }, threads: number) =>
  replayFilings(inBatches(filings), { sources: d.sources, threads, minFilingsForThreads: 1, timeoutMs: 60_000 });

/** The same filings judged in this thread, as the reference. */
const inThisThread = async (filings: PreviewFiling[], d: { sets: DecisionSets }) => previewImpact(filings, d.sets);

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the preview should have failed'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(PreviewJudgementError);
      const { side, filingId, message } = error as PreviewJudgementError;
      return { side, filingId, message };
    },
  );

/** Every preview thread has exited (terminate() takes a moment to be reported). */
const noThreadsLeft = () => eventually('the preview threads to exit', async () => (livePreviewThreads() === 0 ? true : undefined), 5_000);

afterEach(async () => {
  vi.restoreAllMocks();
  await noThreadsLeft();
});

describe('the preview on worker threads', () => {
  it('answers the same as in one thread: totals, counties, changes in order and where they are cut off', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));
    const filings = season(660);
    const started = vi.spyOn(PreviewPool, 'start');

    const inOneThread = await inThisThread(filings, d);
    const onOneWorker = await replay(filings, d, 1);
    const onTwoThreads = await replay(filings, d, 2);
    expect(started.mock.calls.map(([, size]) => size)).toEqual([1, 2]);
    expect(onOneWorker).toEqual(inOneThread);

    expect(inOneThread.changesTruncated).toBe(true);
    expect(inOneThread.changes).toHaveLength(MAX_CHANGES);
    expect(inOneThread.byCounty).toHaveLength(COUNTIES.length);
    expect(onTwoThreads).toEqual(inOneThread);
    expect(JSON.stringify(onTwoThreads)).toBe(JSON.stringify(inOneThread));
  });

  it('fails on the first filing the candidate cannot judge, as in one thread', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500), counting(true)));
    const filings = season(450, [250, 330, 430]); // two in one batch, in different chunks
    const inOneThread = await failureOf(inThisThread(filings, d));
    expect(inOneThread).toMatchObject({ side: 'after', filingId: 'filing-0250' });
    expect(await failureOf(replay(filings, d, 1))).toEqual(inOneThread);
    expect(await failureOf(replay(filings, d, 2))).toEqual(inOneThread);
  });

  it('blames the deployed rules when they cannot judge a filing, as in one thread', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(true), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));
    const filings = season(300, [260]);
    const inOneThread = await failureOf(inThisThread(filings, d));
    expect(inOneThread).toMatchObject({ side: 'before', filingId: 'filing-0260' });
    expect(await failureOf(replay(filings, d, 2))).toEqual(inOneThread);
  });

  it('judges even a few filings on a worker thread — one: starting more would cost more than they save', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));
    const started = vi.spyOn(PreviewPool, 'start');
    const preview = await replayFilings(inBatches(season(20)), { sources: d.sources, threads: 2, timeoutMs: 60_000 });
    expect(started.mock.calls.map(([, size]) => size)).toEqual([1]);
    expect(preview).toEqual(await inThisThread(season(20), d));
  });
});

describe('the limits of a preview', () => {
  const season20 = async () => decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));

  it('ends a season that takes longer than its time limit, threads and all', async () => {
    const d = await season20();
    // 200 distinct filings over and over: a season of 40 000 takes far longer than 2 s on this machine.
    const some = season(200);
    async function* large(): AsyncGenerator<PreviewFiling[]> {
      for (let b = 0; b < 200; b++) yield some.map((f, i) => ({ ...f, id: `filing-${b}-${i}` }));
    }
    const started = performance.now();
    const error = await replayFilings(large(), { sources: d.sources, threads: 2, timeoutMs: 2_000 }).then(
      () => expect.fail('the season should have run out of time'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PreviewTimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000 + 1_500);
    await noThreadsLeft();
  });

  it('terminates a thread stuck in one filing (a FEEL loop would be) when the time is up', async () => {
    const d = await season20();
    const started = performance.now();
    const error = await replayFilings(inBatches(season(3)), {
      sources: d.sources,
      threads: 1,
      timeoutMs: 1_500,
      limits: { entry: new URL('../support/threads/stuck-preview-worker.ts', import.meta.url).href },
    }).then(
      () => expect.fail('a stuck thread cannot answer'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PreviewTimeoutError);
    expect((error as Error).message).toBe('影响预览超过时间上限（2 秒）');
    expect(performance.now() - started).toBeLessThan(1_500 + 1_000);
    await noThreadsLeft();
  });

  it('caps the memory of each thread: one that needs more dies alone, and the preview says so', async () => {
    const d = await season20();
    const error = await replayFilings(inBatches(season(3)), {
      sources: d.sources,
      threads: 1,
      timeoutMs: 60_000,
      limits: { memoryMb: 64, entry: new URL('../support/threads/hungry-worker.ts', import.meta.url).href },
    }).then(
      () => expect.fail('the thread should have died of its heap cap'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PreviewMemoryError);
    expect((error as Error).message).toBe('预览计算线程的内存超过上限（64 MB）');
    await noThreadsLeft();
  });
});
