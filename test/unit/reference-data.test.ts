// The reference data shipped in the DMN (docs/review.md §Reference data), read by the worker's evaluator (the
// conformance test holds it to the engine): the minimum wage by tier and month — four tiers from December 2017,
// three from August 2021 and from January 2025 — the county's tier by month, so a county the city moved to another
// tier has the right one on either side of the date; every row citing its source or saying none was found; and the
// average social wage's `provisional`, carried into the levy estimate and its sentence.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDecisionModel, type DecisionModel } from '../../dmn-evaluator/decision-model.ts';
import { evaluateDecision } from '../../dmn-evaluator/evaluate-decision.ts';
import { processesDir } from '../../deployment/deploy-resources.ts';
import { judgeFiling, RuleOutcomeError, type ReviewDecisions } from '../../review/judge-filing.ts';
import { presentReview } from '../../review/present-review.ts';
import type { RuleVersions } from '../../review/review-result.ts';
import { dmnFile } from '../support/dmn-fixtures.ts';
import { levyTable, previewFiling } from '../support/preview-fixtures.ts';

const read = (name: string) => readFileSync(path.join(processesDir, name), 'utf8');
const countingXml = read('employee-counting.dmn');
const levyXml = read('levy-estimate.dmn');

let counting: DecisionModel;
let levy: DecisionModel;

beforeAll(async () => {
  counting = await readDecisionModel(countingXml);
  levy = await readDecisionModel(levyXml);
});

/** The tier and minimum wage the shipped tables give a county in a month (YYYYMM). */
function minimumOf(regionCode: string, monthKey: number): { tier: unknown; wage: unknown } {
  const variables = { regionCode, cityCode: `${regionCode.slice(0, 4)}00`, monthKey };
  return {
    tier: evaluateDecision(counting, 'wage-tier', variables)[0]?.wageTier ?? null,
    wage: evaluateDecision(counting, 'minimum-wage', variables)[0]?.minimumWage ?? null,
  };
}

describe('minimum wage and county tier by month', () => {
  it('has four tiers from December 2017 to July 2021 (2010/1800/1660/1500), none before, three after', async () => {
    // The table alone, without `wage-tier` (which would decide the tier from the county): no county is in tier 4.
    const table = countingXml.match(/<decision id="minimum-wage"[\s\S]*?<\/decision>/)![0].replace(/<informationRequirement[^\n]*\n/, '');
    const alone = await readDecisionModel(dmnFile(table));
    const byTier = (wageTier: number, monthKey: number) => evaluateDecision(alone, 'minimum-wage', { wageTier, monthKey }).map((r) => r.minimumWage);
    expect([1, 2, 3, 4].map((t) => byTier(t, 201712))).toEqual([[2010], [1800], [1660], [1500]]);
    expect([1, 2, 3, 4].map((t) => byTier(t, 202107))).toEqual([[2010], [1800], [1660], [1500]]);
    expect([1, 2, 3, 4].map((t) => byTier(t, 202108))).toEqual([[2280], [2070], [1840], []]);
    expect([1, 2, 3, 4].map((t) => byTier(t, 202412))).toEqual([[2280], [2070], [1840], []]);
    expect([1, 2, 3, 4].map((t) => byTier(t, 202501))).toEqual([[2490], [2260], [2010], []]);
    expect(byTier(1, 201711)).toEqual([]);
  });

  it('moves Shaoxing’s Yuecheng district (330602) from tier 1 to tier 2 in August 2021', () => {
    expect(minimumOf('330602', 202107)).toEqual({ tier: 1, wage: 2010 });
    expect(minimumOf('330602', 202108)).toEqual({ tier: 2, wage: 2070 });
  });

  it('moves Jingning (331127), provisionally in tier 4, to tier 3 in August 2021', () => {
    expect(minimumOf('331127', 202107)).toEqual({ tier: 4, wage: 1500 });
    expect(minimumOf('331127', 202108)).toEqual({ tier: 3, wage: 1840 });
    expect(minimumOf('331127', 201711)).toEqual({ tier: null, wage: null });
  });

  it('gives each county the 2025 figure of its tier from January 2025', () => {
    expect(minimumOf('330602', 202412)).toEqual({ tier: 2, wage: 2070 });
    expect(minimumOf('330602', 202501)).toEqual({ tier: 2, wage: 2260 });
    expect(minimumOf('330106', 202107)).toEqual({ tier: 1, wage: 2010 }); // Xihu, Hangzhou
    expect(minimumOf('330106', 202412)).toEqual({ tier: 1, wage: 2280 });
    expect(minimumOf('330106', 202501)).toEqual({ tier: 1, wage: 2490 });
    expect(minimumOf('330127', 202501)).toEqual({ tier: 2, wage: 2260 }); // Chun'an, Hangzhou
    expect(minimumOf('330802', 202107)).toEqual({ tier: 3, wage: 1660 }); // Kecheng, Quzhou
    expect(minimumOf('330802', 202501)).toEqual({ tier: 3, wage: 2010 });
  });

  it('judges a Shaoxing wage of 2050 by the month: enough until July 2021, below the minimum from August', () => {
    const { declaration, evidence } = previewFiling(24_001, '330602', [2050], 2021);
    const decisions: ReviewDecisions = {
      counting: { model: counting, decisionId: 'employee-month' },
      weight: { model: counting, decisionId: 'certificate-weight' },
      levy: { model: levy, decisionId: 'levy-policy' },
    };
    const months = judgeFiling(declaration, evidence, undefined, decisions).employees[0]!.months;
    const below = months.filter((m) => m.reasons.includes('WAGE_BELOW_MINIMUM')).map((m) => m.month);
    expect(below).toEqual(['2021-08', '2021-09', '2021-10', '2021-11', '2021-12']);
  });

  it('cites a source, or says none was found, on every row of the three tables', () => {
    for (const id of ['minimum-wage', 'wage-tier']) {
      const logic = counting.decisions.get(id)!.logic;
      if (logic.kind !== 'table') throw new Error(`${id} is not a table`);
      for (const rule of logic.rules) expect(rule.description ?? '', `${id} ${rule.id}`).toMatch(/来源|未找到|未在检索资料中找到/);
    }
    const wage = levy.decisions.get('average-social-wage')!.logic;
    if (wage.kind !== 'table') throw new Error('average-social-wage is not a table');
    for (const rule of wage.rules) expect(rule.description ?? '', rule.id).toMatch(/来源|未找到/);
  });
});

describe('a provisional average social wage in the levy estimate', () => {
  const rules = { counting: { key: 'c', id: 'c:1', version: 1 }, weight: { key: 'w', id: 'w:1', version: 1 }, levy: { key: 'l', id: 'l:1', version: 1 } } satisfies RuleVersions;
  // Hangzhou 2025: 200 staff, one grade-2 person earning 1000 a month (below any minimum) → certified 0, a levy.
  const { declaration, evidence } = previewFiling(24_002, '330106', [1000]);

  async function judgeWith(levyDmn: string) {
    const model = await readDecisionModel(levyDmn);
    const decisions: ReviewDecisions = {
      counting: { model: counting, decisionId: 'employee-month' },
      weight: { model: counting, decisionId: 'certificate-weight' },
      levy: { model, decisionId: model.decisions.has('levy-policy') ? 'levy-policy' : 'levy' },
    };
    const result = judgeFiling(declaration, evidence, undefined, decisions);
    return { result, summary: presentReview({ result, rules, reviewedAt: '2026-12-08T03:00:00.000Z' }, declaration, false, 'zh').summary };
  }
  /** The shipped levy rules with Hangzhou's 2025 row (rule 2) marked as a published figure, or given `value`. */
  const hangzhou2025 = (value: string) => levyXml.replace(/(<outputEntry id="average-social-wage-rule-2-out-2"><text>)true(<\/text>)/, `$1${value}$2`);

  it('marks the estimate provisional when the figure used is, and says so in the summary', async () => {
    const { result, summary } = await judgeWith(levyXml);
    expect(result.levyEstimate.payable).toBeGreaterThan(0);
    expect(result.levyEstimate.provisional).toBe(true);
    expect(summary).toContain('（以税务部门核定为准；社会平均工资为暂定值）');
  });

  it('does not when the city’s figure is a published one', async () => {
    const { result, summary } = await judgeWith(hangzhou2025('false'));
    expect(result.levyEstimate.wageBaseCap).toBe(260_000);
    expect(result.levyEstimate.provisional).toBe(false);
    expect(summary).toContain('（以税务部门核定为准）');
    expect(summary).not.toContain('暂定');
  });

  it('has no provisional figure when the levy decision requires no average social wage', async () => {
    const { result } = await judgeWith(dmnFile(levyTable()));
    expect(result.levyEstimate.provisional).toBe(false);
  });

  it('stops with the decision named when `provisional` is not a boolean', async () => {
    await expect(judgeWith(hangzhou2025('"yes"'))).rejects.toThrow(RuleOutcomeError);
    await expect(judgeWith(hangzhou2025('"yes"'))).rejects.toThrow(/average-social-wage .*provisional/);
  });
});
