// A filing's stored review reduced to what a hand-over reads from it: the certified and required counts. Tests of
// the workers that report a certified count (push-to-tax, report-to-national-platform) store one with this, as the
// review would have.
import type { Db } from '../../platform/db.ts';
import type { ReviewResult } from '../../review/review-result.ts';
import { saveReview } from '../../review/review-store.ts';

export async function storeCertifiedResult(db: Db, filingId: string, counts: { certifiedCount: number; requiredCount?: number }, year = 2025): Promise<void> {
  const requiredCount = counts.requiredCount ?? 4.5;
  const result: ReviewResult = {
    year,
    certifiedCount: counts.certifiedCount,
    requiredCount,
    shortfall: Math.max(0, requiredCount - counts.certifiedCount),
    levyEstimate: { base: 0, reductionRate: 0, payable: 0, exempt: false, wageBase: 0, wageBaseCap: 0, quotaRatio: 0.015, actualRatio: 0, provisional: false },
    employerFindings: [],
    employees: [],
  };
  const versions = { key: 'test', id: 'test:1', version: 1 };
  await saveReview(db, filingId, result, { counting: versions, weight: versions, levy: versions }, `test:${filingId}`);
}
