// The shapes of the HRSS pension integration: a record in pension.json / national-pension.json
// (docs/contracts.md §3), the contribution query and its answer, which a real department's adapter must speak too.
// Both interfaces speak the contribution query shared with medical security
// (connectors/person-month-query/contributions.ts); this file adds the two sources.
export { MAX_ID_NUMBERS_PER_QUERY, type PersonMonthQuery as PensionQuery } from '../person-month-query/schema.ts';
export { contributionService as pensionService, type ContributionRecord as PensionRecord } from '../person-month-query/contributions.ts';

/** Zhejiang's own HRSS, or the national interface for persons insured outside Zhejiang (docs/domain.md §6). */
export const PENSION_SOURCES = ['zhejiang', 'national'] as const;
export type PensionSource = (typeof PENSION_SOURCES)[number];
