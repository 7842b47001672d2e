// The unit's feedback read back with the county's answers: the process takes one feedback at a time, so the
// decisions in the history answer the feedback in the order filed; one not yet decided awaits; numbers are masked.
import { describe, expect, it } from 'vitest';
import { withDecisions } from '../../filings/feedback-history.ts';
import type { StatusEntry } from '../../filings/filing-store.ts';

const entry = (step: string, at: string, note: string | null = null): StatusEntry => ({ status: 'certified', step, at, actor: 'dev-reviewer-330106', note });

describe('the feedback with its answers', () => {
  it('pairs the n-th decision with the n-th feedback, the last undecided one awaiting', () => {
    const history = [
      entry('certification', '2026-12-01T02:00:00.000Z'),
      entry('feedback', '2026-12-02T02:00:00.000Z'),
      entry('feedback-rejected', '2026-12-03T02:00:00.000Z', '人数核对无误'),
      entry('feedback', '2026-12-04T02:00:00.000Z'),
      entry('feedback-approved', '2026-12-05T02:00:00.000Z', '同意修改'),
      entry('re-review', '2026-12-06T02:00:00.000Z'),
    ];
    const filed = [
      { id: 'a', reason: '人数有误', filedAt: new Date('2026-12-02T01:00:00.000Z') },
      { id: 'b', reason: '职工 330106199001011236 漏报', filedAt: new Date('2026-12-04T01:00:00.000Z') },
      { id: 'c', reason: '再次反馈', filedAt: new Date('2026-12-08T01:00:00.000Z') },
    ];
    expect(withDecisions(filed, history)).toEqual([
      { id: 'a', reason: '人数有误', filedAt: '2026-12-02T01:00:00.000Z', state: 'rejected', reviewNote: '人数核对无误', decidedAt: '2026-12-03T02:00:00.000Z' },
      { id: 'b', reason: '职工 3301**********1236 漏报', filedAt: '2026-12-04T01:00:00.000Z', state: 'approved', reviewNote: '同意修改', decidedAt: '2026-12-05T02:00:00.000Z' },
      { id: 'c', reason: '再次反馈', filedAt: '2026-12-08T01:00:00.000Z', state: 'awaiting', reviewNote: null, decidedAt: null },
    ]);
  });

  it('has nothing to show before any feedback', () => {
    expect(withDecisions([], [entry('certification', '2026-12-01T02:00:00.000Z')])).toEqual([]);
  });
});
