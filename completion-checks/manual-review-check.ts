// What completing `manual-review` needs beyond the form: a decision for some months names them, each a month of
// the year (1–12), ranges running forwards.
import type { FieldIssue } from '../platform/schema.ts';
import type { CompletionCheck, CompletionValues } from './completion-check.ts';
import { parseMonthList } from '../review/typed-numbers.ts';

export function manualReviewIssues(values: CompletionValues): FieldIssue[] {
  if (values.manualDecision !== 'months') return [];
  const path = '/countedMonths';
  const text = values.countedMonths;
  if (typeof text !== 'string') return [{ path, code: 'REQUIRED' }];
  const parsed = parseMonthList(text);
  if (parsed.ok) return [];
  if (parsed.problem === 'format') return [{ path, code: 'FORMAT', params: { keyword: 'pattern' } }];
  return [{ path, code: 'MONTH_RANGE', params: { parts: parsed.parts } }];
}

export const manualReviewCheck: CompletionCheck = {
  check: async (_db, _filingId, values) => manualReviewIssues(values),
  templates: {
    MONTH_RANGE: [
      (f, p) => `${f}中的 ${(p.parts as string[]).join('、')} 不是 1 至 12 月之间的月份（区间应从小到大，如 1-6）`,
      (f, p) => `${f}: ${(p.parts as string[]).join(', ')} is not a month from 1 to 12 (ranges run forwards, e.g. 1-6)`,
    ],
  },
};
