// The shapes every person-month query shares: POST {path} { uscc, year, idNumbers }, answered with
// { records: [{ idNumber, uscc, month, …payload }] }. A service brings its path and its payload fields.
import { USCC_PATTERN } from '../registration/schema.ts';

/** Shape only (17 digits and a digit or capital X); the check digit is the filing API's job. */
export const ID_NUMBER_PATTERN = '^\\d{17}[\\dX]$';
export const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';
/** Most ID numbers one query may carry; the filing limit (MAX_EMPLOYEES_PER_FILING) stays below it. */
export const MAX_ID_NUMBERS_PER_QUERY = 5000;

/** The fields the mechanism itself reads; a service's record adds its payload. */
export interface PersonMonthRecord {
  idNumber: string;
  uscc: string;
  /** YYYY-MM */
  month: string;
}

/** The body of the query: these people's months of `year` at this employer. */
export interface PersonMonthQuery {
  uscc: string;
  year: number;
  idNumbers: string[];
}

export interface PersonMonthAnswer<R> {
  records: R[];
}

/** A service's record schema; its properties are the contract's fields. */
export interface PersonMonthRecordSchema {
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, object>>;
}

/** What client and simulator need to know of one service; built once, so each schema is compiled once. */
export interface PersonMonthService<R extends PersonMonthRecord> {
  /** Below the department's base URL, e.g. "/contributions/query". */
  readonly path: string;
  readonly recordSchema: PersonMonthRecordSchema;
  readonly answerSchema: object;
  /**
   * Set where a person has one record a month at one unit and this field is its fact (pension, medical:
   * `paid`): a data file holds each person-month once, and an answer's records of one person-month must agree
   * on it. Unset where a month may have several records (wages: one per payment).
   */
  readonly monthlyFact?: Exclude<keyof R, keyof PersonMonthRecord> & string;
}

// A query is ours to send, so the simulator holds it to the letter: an unknown field is a client bug.
export const personMonthQuerySchema = {
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

// Extra fields are allowed in records and answers: docs/contracts.md lets fields be added, readers take what they know.
export function personMonthRecordSchema(payload: Readonly<Record<string, object>>): PersonMonthRecordSchema {
  return {
    type: 'object',
    required: ['idNumber', 'uscc', 'month', ...Object.keys(payload)],
    properties: {
      idNumber: { type: 'string', pattern: ID_NUMBER_PATTERN },
      uscc: { type: 'string', pattern: USCC_PATTERN },
      month: { type: 'string', pattern: MONTH_PATTERN },
      ...payload,
    },
  };
}

export function personMonthAnswerSchema(recordSchema: PersonMonthRecordSchema) {
  return {
    type: 'object',
    required: ['records'],
    properties: {
      records: { type: 'array', items: recordSchema },
    },
  } as const;
}

export function personMonthService<R extends PersonMonthRecord>(definition: {
  path: string;
  /** JSON Schemas of the fields a record carries besides idNumber, uscc and month. */
  payload: Readonly<Record<string, object>>;
  monthlyFact?: PersonMonthService<R>['monthlyFact'];
}): PersonMonthService<R> {
  const recordSchema = personMonthRecordSchema(definition.payload);
  return { path: definition.path, recordSchema, answerSchema: personMonthAnswerSchema(recordSchema), monthlyFact: definition.monthlyFact };
}

/** Copies only the contract's fields: an adapter may send more, and a data file may hold more. */
export function contractFields<R extends PersonMonthRecord>(recordSchema: PersonMonthRecordSchema): (record: R) => R {
  const fields = Object.keys(recordSchema.properties) as (keyof R)[];
  return (record) => {
    const kept: Partial<R> = {};
    for (const field of fields) kept[field] = record[field];
    return kept as R;
  };
}
