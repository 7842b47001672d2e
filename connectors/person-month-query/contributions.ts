// The contribution services (HRSS pension, both interfaces, and medical security) speak one person-month
// query: POST /contributions/query, one paid/unpaid record a person-month at one unit.
import { personMonthService, type PersonMonthRecord } from './schema.ts';

export interface ContributionRecord extends PersonMonthRecord {
  /** false: a contribution was due that month and not paid. */
  paid: boolean;
}

/** One record a person-month, so a data file holds it once and an answer's records of it agree on `paid`. */
export const contributionService = personMonthService<ContributionRecord>({
  path: '/contributions/query',
  payload: { paid: { type: 'boolean' } },
  monthlyFact: 'paid',
});
