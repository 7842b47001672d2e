// The policy impact preview on worker threads answers exactly what it answers in one thread: the same totals, per
// county, the same changes in the same order cut off at the same one, and the same error for a filing the rules
// cannot judge. Small decision tables as in impact-preview.test.ts: a month counts when employed, the certificate
// is held and the wage is at least the minimum (deployed 2000, candidate 2500).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDecisionModel } from '../../decisions/decision-model.ts';
import { syntheticFiling } from '../../domain/synthetic-filing.ts';
import { monthsOf, type DepartmentEvidence } from '../../review/employee-month-facts.ts';
import type { ManualDecision } from '../../review/manual-review-store.ts';
import type { ReviewDecisions } from '../../review/judge-filing.ts';
import type { DecisionSources } from '../../policy/decision-sources.ts';
import { MAX_CHANGES, PreviewJudgementError, withCandidates, type DecisionSets, type PreviewFiling } from '../../policy/impact-preview.ts';
import { PreviewPool } from '../../policy/preview-pool.ts';
import { replayFilings } from '../../policy/replay-filings.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';

const YEAR = 2025;
const ALL = monthsOf(YEAR).map((m) => m.month);
const COUNTIES = ['330102', '330106', '330112', '330802'];
/** A wage the broken rule below cannot judge. */
const UNJUDGEABLE_WAGE = 1234;

const minimumWage = (amount: number) =>
  decisionTable({ id: 'min-wage', inputs: [{ expr: 'regionCode' }], outputs: [{ name: 'minimumWage', typeRef: 'integer' }], rules: [[['-'], [String(amount)]]] });

const counting = (broken: boolean) =>
  decisionTable({
    id: 'counting',
    hitPolicy: 'COLLECT',
    requires: ['min-wage'],
    inputs: [
      { expr: 'employedInMonth', typeRef: 'boolean' },
      { expr: 'certFound', typeRef: 'boolean' },
      { expr: 'monthlyWage', typeRef: 'double' },
    ],
    outputs: [{ name: 'reason' }],
    rules: [
      [['false', '-', '-'], ['"NOT_EMPLOYED"']],
      [['true', 'false', '-'], ['"CERT_NOT_FOUND"']],
      [['true', '-', 'null'], ['"WAGE_NOT_FOUND"']],
      [['true', '-', '< minimumWage'], ['"WAGE_BELOW_MINIMUM"']],
      // A reason the review does not know: judging such a month fails (RuleOutcomeError).
      ...(broken ? ([[['true', '-', String(UNJUDGEABLE_WAGE)], ['"NO_SUCH_REASON"']]] as [string[], string[]][]) : []),
    ],
  });

const weight = decisionTable({
  id: 'weight',
  hitPolicy: 'FIRST',
  inputs: [{ expr: 'certGrade', typeRef: 'integer' }],
  outputs: [{ name: 'weight', typeRef: 'integer' }],
  rules: [
    [['[1..2]'], ['2']],
    [['[3..4]'], ['1']],
    [['-'], ['0']],
  ],
});

const levy = decisionTable({
  id: 'levy',
  inputs: [{ expr: 'year', typeRef: 'integer' }],
  outputs: [
    { name: 'quotaRatio', typeRef: 'double' },
    { name: 'reductionRate', typeRef: 'double' },
    { name: 'wageBaseCap', typeRef: 'double' },
    { name: 'exempt', typeRef: 'boolean' },
  ],
  rules: [[['-'], ['0.015', '0', '200000', 'false']]],
});

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

/** A filing of 200 staff whose people (grade 2, certificate held) earn the given monthly wage all year. */
function filing(seed: number, wages: number[]): PreviewFiling {
  const regionCode = COUNTIES[seed % COUNTIES.length]!;
  const declaration = syntheticFiling(seed, { year: YEAR, regionCode, employees: wages.length });
  declaration.employer = { ...declaration.employer, averageStaffCount: 200, averageAnnualWage: 100_000 };
  declaration.employees = declaration.employees.map((e) => ({ ...e, certType: 'disability', disabilityGrade: 2, employedFrom: `${YEAR}-01-01`, employedTo: `${YEAR}-12-31` }));
  const evidence: DepartmentEvidence = {
    dpfCertificates: wages.map((_w, index) => ({ index, found: true, nameMatches: true, idMatches: true, grade: 2, validFrom: '2020-01-01', validUntil: '2030-12-31', category: 4, status: 'valid' as const })),
    veteranCertificates: [],
    pension: wages.map((_w, index) => ({ index, source: 'zhejiang' as const, paidMonths: ALL, unpaidMonths: [] })),
    medical: wages.map((_w, index) => ({ index, source: 'zhejiang' as const, paidMonths: ALL, unpaidMonths: [] }) as never),
    wages: wages.map((amount, index) => ({ index, months: ALL.map((month) => ({ month, amount })) })) as never,
  };
  // Now and then a reviewer's decision: a Map, which must reach a worker intact.
  const manualDecisions = new Map<number, ManualDecision>(
    seed % 7 === 0 ? [[0, { employeeIndex: 0, decision: 'not_count', countedMonths: [], reason: '测试', reviewer: 'reviewer-1', decidedAt: '2026-03-01T00:00:00.000Z' }]] : [],
  );
  return { id: `filing-${String(seed).padStart(4, '0')}`, employerName: declaration.employer.name, regionCode, declaration, evidence, registration: undefined, manualDecisions };
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
    const d = await decisions(dmnFile(minimumWage(2000), counting(false), weight, levy), dmnFile(minimumWage(2500)));
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
    const d = await decisions(dmnFile(minimumWage(2000), counting(false), weight, levy), dmnFile(minimumWage(2500), counting(true)));
    const filings = season(450, [250, 330, 430]); // two in one batch, in different chunks
    const inOneThread = await failureOf(replay(filings, d, 1));
    expect(inOneThread).toMatchObject({ side: 'after', filingId: 'filing-0250' });
    expect(await failureOf(replay(filings, d, 2))).toEqual(inOneThread);
  });

  it('blames the deployed rules when they cannot judge a filing, as in one thread', async () => {
    const d = await decisions(dmnFile(minimumWage(2000), counting(true), weight, levy), dmnFile(minimumWage(2500)));
    const filings = season(300, [260]);
    const inOneThread = await failureOf(replay(filings, d, 1));
    expect(inOneThread).toMatchObject({ side: 'before', filingId: 'filing-0260' });
    expect(await failureOf(replay(filings, d, 2))).toEqual(inOneThread);
  });

  it('judges a few filings in this thread: starting threads would cost more', async () => {
    const d = await decisions(dmnFile(minimumWage(2000), counting(false), weight, levy), dmnFile(minimumWage(2500)));
    const started = vi.spyOn(PreviewPool, 'start');
    const preview = await replayFilings(inBatches(season(20)), { ...d, threads: 2 });
    expect(started).not.toHaveBeenCalled();
    expect(preview.filings).toBe(20);
  });
});
