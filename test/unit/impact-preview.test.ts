// The policy impact preview, pure: filings judged by the deployed decisions and by candidate files, and the
// difference in counts, levies and employee-months. Small decision tables stand in for the shipped DMN so every
// figure can be worked out by hand: grade 1–2 weighs 2, 3–4 weighs 1; a month counts when employed, the
// certificate is held and the wage is at least the minimum (deployed 2000); quota 1.5 %, no reduction, cap 200 000.
import { beforeAll, describe, expect, it } from 'vitest';
import { readDecisionModel, type DecisionModel } from '../../dmn-evaluator/decision-model.ts';
import type { ReviewDecisions } from '../../review/judge-filing.ts';
import {
  decisionsInUse,
  ImpactTally,
  MAX_FLIPS_PER_FILING,
  PreviewJudgementError,
  previewImpact,
  withCandidates,
  type PreviewFiling,
} from '../../impact-preview/impact-preview.ts';
import { decisionTable, dmnFile } from '../support/dmn-fixtures.ts';
import { countingTable, levyTable, minimumWageTable, previewFiling, weightTable } from '../support/preview-fixtures.ts';

let deployed: ReviewDecisions;
const model = (...decisions: string[]) => readDecisionModel(dmnFile(...decisions));

beforeAll(async () => {
  const m = await model(minimumWageTable(2000), countingTable(), weightTable, levyTable());
  deployed = { counting: { model: m, decisionId: 'counting' }, weight: { model: m, decisionId: 'weight' }, levy: { model: m, decisionId: 'levy' } };
});

describe('replaying filings against candidate decisions', () => {
  // Required 200 × 1.5 % = 3; each person of grade 2 counted all year contributes 2.
  const xihu = previewFiling(91_001, '330106', [2100, 3000]); // certified 4 → no shortfall
  const shangcheng = previewFiling(91_002, '330102', [2300]); // certified 2 → shortfall 1 → levy 100 000
  const quzhou = previewFiling(91_003, '330802', [5000]); // certified 2, unaffected by a minimum of 2500

  it('raising the minimum wage flips the months below it to WAGE_BELOW_MINIMUM, with certified count and levy per filing and per county', async () => {
    const candidate = await model(minimumWageTable(2500));
    const preview = previewImpact([xihu, shangcheng, quzhou], { before: deployed, after: withCandidates(deployed, [candidate]) });

    expect(preview.filings).toBe(3);
    expect(preview.changed).toBe(2);
    // Before: 4 + 2 + 2 certified, levy 0 + 100 000 + 100 000. After: Xihu 2 (person 0 no longer counts), shortfall 1
    // → 100 000; Shangcheng 0 → shortfall 3 → 300 000; Quzhou unchanged.
    expect(preview.totals).toEqual({ certifiedCountBefore: 8, certifiedCountAfter: 4, levyPayableBefore: 200_000, levyPayableAfter: 500_000 });
    expect(preview.byCounty).toEqual([
      { regionCode: '330102', filings: 1, changed: 1, certifiedDelta: -2, levyDelta: 200_000 },
      { regionCode: '330106', filings: 1, changed: 1, certifiedDelta: -2, levyDelta: 100_000 },
      { regionCode: '330802', filings: 1, changed: 0, certifiedDelta: 0, levyDelta: 0 },
    ]);
    const x = preview.changes.find((c) => c.filingId === xihu.id)!;
    expect(x).toMatchObject({ employerName: xihu.employerName, employerUscc: xihu.declaration.employer.uscc, regionCode: '330106', certifiedBefore: 4, certifiedAfter: 2, levyBefore: 0, levyAfter: 100_000, flipsTruncated: false });
    expect(x.flips).toHaveLength(12);
    expect(x.flips.every((f) => f.employeeIndex === 0)).toBe(true);
    expect(x.flips[0]).toEqual({ employeeIndex: 0, month: '2025-01', before: { counted: true, reasons: [] }, after: { counted: false, reasons: ['WAGE_BELOW_MINIMUM'] } });
    expect(preview.changes.map((c) => c.filingId)).not.toContain(quzhou.id);
  });

  it('answers no personal numbers: indexes only, no ID or certificate numbers', async () => {
    const candidate = await model(minimumWageTable(2500));
    const text = JSON.stringify(previewImpact([xihu], { before: deployed, after: withCandidates(deployed, [candidate]) }));
    for (const e of xihu.declaration.employees) {
      expect(text).not.toContain(e.idNumber);
      expect(text).not.toContain(e.name);
      if (e.certNumber) expect(text).not.toContain(e.certNumber);
    }
  });

  it('replaces only the decisions the candidate names; the deployed ones stay', async () => {
    const candidate = await model(levyTable('0.5')); // half the levy, the counting rules as deployed
    const after = withCandidates(deployed, [candidate]);
    expect(after.counting.model.decisions.get('min-wage')).toBe(deployed.counting.model.decisions.get('min-wage'));
    const preview = previewImpact([shangcheng], { before: deployed, after });
    expect(preview.changes[0]).toMatchObject({ certifiedBefore: 2, certifiedAfter: 2, levyBefore: 100_000, levyAfter: 50_000, flips: [] });
  });

  it('the same rules change nothing', () => {
    const preview = previewImpact([xihu, shangcheng], { before: deployed, after: withCandidates(deployed, []) });
    expect(preview).toMatchObject({ filings: 2, changed: 0, changes: [], totals: { certifiedCountBefore: 6, certifiedCountAfter: 6 } });
  });

  it('lists at most 50 flipped months per filing and says so', async () => {
    const many = previewFiling(91_004, '330106', [2100, 2100, 2100, 2100, 2100]); // 60 months flip
    const preview = previewImpact([many], { before: deployed, after: withCandidates(deployed, [await model(minimumWageTable(2500))]) });
    expect(preview.changes[0]!.flips).toHaveLength(MAX_FLIPS_PER_FILING);
    expect(preview.changes[0]!.flipsTruncated).toBe(true);
  });

  it('a candidate that cannot judge a filing is reported as the candidate’s fault', async () => {
    const bad: DecisionModel = await model(
      decisionTable({ id: 'counting', hitPolicy: 'COLLECT', inputs: [{ expr: 'certFound', typeRef: 'boolean' }], outputs: [{ name: 'reason' }], rules: [[['-'], ['"NO_SUCH_REASON"']]] }),
    );
    const tally = new ImpactTally({ before: deployed, after: withCandidates(deployed, [bad]) });
    expect(() => tally.add(xihu)).toThrow(PreviewJudgementError);
    try {
      tally.add(xihu);
    } catch (error) {
      expect((error as PreviewJudgementError).side).toBe('after');
    }
  });

  it('knows which decisions a review uses, required ones included', () => {
    expect([...decisionsInUse(deployed)].sort()).toEqual(['counting', 'levy', 'min-wage', 'weight']);
  });
});
