// The shapes of the HRSS pension integration: a record in pension.json / national-pension.json
// (CONTRACTS.md §3), the contribution query and its answer, which a real department's adapter must speak too.
import { USCC_PATTERN } from '../registration/schema.ts';

/** Zhejiang's own HRSS, or the national interface for persons insured outside Zhejiang (DOMAIN.md §6). */
export const PENSION_SOURCES = ['zhejiang', 'national'] as const;
export type PensionSource = (typeof PENSION_SOURCES)[number];

/** Shape only (17 digits and a digit or capital X); the check digit is the filing API's job. */
export const ID_NUMBER_PATTERN = '^\\d{17}[\\dX]$';
export const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';
/** Most ID numbers one query may carry; the filing limit (MAX_EMPLOYEES_PER_FILING) stays below it. */
export const MAX_ID_NUMBERS_PER_QUERY = 5000;

export interface PensionRecord {
  idNumber: string;
  uscc: string;
  /** YYYY-MM */
  month: string;
  /** false: a contribution was due that month and not paid. */
  paid: boolean;
}

/** The body of POST /contributions/query: these people's months of `year` at this employer. */
export interface PensionQuery {
  uscc: string;
  year: number;
  idNumbers: string[];
}

export interface PensionAnswer {
  records: PensionRecord[];
}

const recordProperties = {
  idNumber: { type: 'string', pattern: ID_NUMBER_PATTERN },
  uscc: { type: 'string', pattern: USCC_PATTERN },
  month: { type: 'string', pattern: MONTH_PATTERN },
  paid: { type: 'boolean' },
} as const;

// Extra fields are allowed in records and answers: CONTRACTS.md lets fields be added, readers take what they know.
export const pensionRecordSchema = {
  type: 'object',
  required: ['idNumber', 'uscc', 'month', 'paid'],
  properties: recordProperties,
} as const;

// A query is ours to send, so the simulator holds it to the letter: an unknown field is a client bug.
export const pensionQuerySchema = {
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

export const pensionAnswerSchema = {
  type: 'object',
  required: ['records'],
  properties: {
    records: { type: 'array', items: pensionRecordSchema },
  },
} as const;
