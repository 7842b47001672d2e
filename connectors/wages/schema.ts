// The shapes of the wage-payment integration (tax withholding data): a record in wages.json (docs/contracts.md §3),
// the payments query and its answer, which a real department's adapter must speak too. The query and the
// answer's frame are the person-month query's (connectors/person-month-query); this file adds the payload.
import { personMonthService, type PersonMonthRecord } from '../person-month-query/schema.ts';

export { MAX_ID_NUMBERS_PER_QUERY, type PersonMonthQuery as WageQuery } from '../person-month-query/schema.ts';

/** One payment: a person may have several in one month (wage, bonus, back pay), each its own record. */
export interface WageRecord extends PersonMonthRecord {
  /** Yuan paid in that month by that unit. */
  amount: number;
}

// No monthly fact: several payments to one person in one month are several records, in a file and in an answer.
export const wagesService = personMonthService<WageRecord>({
  path: '/payments/query',
  payload: { amount: { type: 'number', minimum: 0 } },
});
