// The policy impact preview on worker threads answers exactly what it answers in one thread: the same totals, per
// county, the same changes in the same order cut off at the same one, and the same error for a filing the rules
// cannot judge. Small decision tables as in impact-preview.test.ts: a month counts when employed, the certificate
// is held and the wage is at least the minimum (deployed 2000, candidate 2500).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDecisionModel } from '../../decisions/decision-model.ts';
import type { ManualDecision } from '../../review/manual-review-store.ts';
import type { ReviewDecisions } from '../../review/judge-filing.ts';
import type { DecisionSources } from '../../policy/decision-sources.ts';
import { MAX_CHANGES, PreviewJudgementError, withCandidates, type DecisionSets, type PreviewFiling } from '../../policy/impact-preview.ts';
import { PreviewPool } from '../../policy/preview-pool.ts';
import { replayFilings } from '../../policy/replay-filings.ts';
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

const replay = (filings: PreviewFiling[], d: { sets: DecisionSets; sources: DecisionSources }, threads: number) =>
  replayFilings(inBatches(filings), { ...d, threads, minFilingsForThreads: 1 });

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the preview should have failed'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(PreviewJudgementError);
      const { side, filingId, message } = error as PreviewJudgementError;
      return { side, filingId, message };
    },
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the preview on worker threads', () => {
  it('answers the same as in one thread: totals, counties, changes in order and where they are cut off', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));
    const filings = season(660);
    const started = vi.spyOn(PreviewPool, 'start');

    const inOneThread = await replay(filings, d, 1);
    expect(started).not.toHaveBeenCalled();
    const onTwoThreads = await replay(filings, d, 2);
    expect(started).toHaveBeenCalledTimes(1);

    expect(inOneThread.changesTruncated).toBe(true);
    expect(inOneThread.changes).toHaveLength(MAX_CHANGES);
    expect(inOneThread.byCounty).toHaveLength(COUNTIES.length);
    expect(onTwoThreads).toEqual(inOneThread);
    expect(JSON.stringify(onTwoThreads)).toBe(JSON.stringify(inOneThread));
  });

  it('fails on the first filing the candidate cannot judge, as in one thread', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500), counting(true)));
    const filings = season(450, [250, 330, 430]); // two in one batch, in different chunks
    const inOneThread = await failureOf(replay(filings, d, 1));
    expect(inOneThread).toMatchObject({ side: 'after', filingId: 'filing-0250' });
    expect(await failureOf(replay(filings, d, 2))).toEqual(inOneThread);
  });

  it('blames the deployed rules when they cannot judge a filing, as in one thread', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(true), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));
    const filings = season(300, [260]);
    const inOneThread = await failureOf(replay(filings, d, 1));
    expect(inOneThread).toMatchObject({ side: 'before', filingId: 'filing-0260' });
    expect(await failureOf(replay(filings, d, 2))).toEqual(inOneThread);
  });

  it('judges a few filings in this thread: starting threads would cost more', async () => {
    const d = await decisions(dmnFile(minimumWageTable(2000), counting(false), weightTable, levyTable()), dmnFile(minimumWageTable(2500)));
    const started = vi.spyOn(PreviewPool, 'start');
    const preview = await replayFilings(inBatches(season(20)), { ...d, threads: 2 });
    expect(started).not.toHaveBeenCalled();
    expect(preview.filings).toBe(20);
  });
});
