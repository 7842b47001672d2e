// The shapes of the wage-payment integration (tax withholding data): a record in wages.json (CONTRACTS.md §3),
// the payments query and its answer, which a real department's adapter must speak too.
import { USCC_PATTERN } from '../registration/schema.ts';

/** Shape only (17 digits and a digit or capital X); the check digit is the filing API's job. */
export const ID_NUMBER_PATTERN = '^\\d{17}[\\dX]$';
export const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';
/** Most ID numbers one query may carry; the filing limit (MAX_EMPLOYEES_PER_FILING) stays below it. */
export const MAX_ID_NUMBERS_PER_QUERY = 5000;

/** One payment: a person may have several in one month (wage, bonus, back pay), each its own record. */
export interface WageRecord {
  idNumber: string;
  uscc: string;
  /** YYYY-MM */
  month: string;
  /** Yuan paid in that month by that unit. */
  amount: number;
}

/** The body of POST /payments/query: these people's payments in `year` by this employer. */
export interface WageQuery {
  uscc: string;
  year: number;
  idNumbers: string[];
}

export interface WageAnswer {
  records: WageRecord[];
}

// Extra fields are allowed in records and answers: CONTRACTS.md lets fields be added, readers take what they know.
export const wageRecordSchema = {
  type: 'object',
  required: ['idNumber', 'uscc', 'month', 'amount'],
  properties: {
    idNumber: { type: 'string', pattern: ID_NUMBER_PATTERN },
    uscc: { type: 'string', pattern: USCC_PATTERN },
    month: { type: 'string', pattern: MONTH_PATTERN },
    amount: { type: 'number', minimum: 0 },
  },
} as const;

// A query is ours to send, so the simulator holds it to the letter: an unknown field is a client bug.
export const wageQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'year', 'idNumbers'],
  properties: {
    uscc: { type: 'string', pattern: USCC_PATTERN },
    year: { type: 'integer', minimum: 2000, maximum: 2099 },
    idNumbers: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_ID_NUMBERS_PER_QUERY,
      uniqueItems: true,
      items: { type: 'string', pattern: ID_NUMBER_PATTERN },
    },
  },
} as const;

export const wageAnswerSchema = {
  type: 'object',
  required: ['records'],
  properties: {
    records: { type: 'array', items: wageRecordSchema },
  },
} as const;
