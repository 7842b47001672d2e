// The shapes of the yearly share-back to market regulation (附件2 §二, docs/share-back.md): a batch of certified units'
// employment figures for one review year, the department's answer per unit, and a record of the simulator's optional
// data file. A real department's adapter must take and give the same.
import { USCC_PATTERN } from '../tax/schema.ts';

/** One unit's employment of disabled people in a review year, as certified. No personal data. */
export interface EmploymentReport {
  uscc: string;
  year: number;
  /** The unit's average staff count in the year, as declared (在职职工人数). */
  staffCount: number;
  /** Disabled employees the review counted (people, not weights). */
  disabledEmployees: number;
  /** The certified number (weights, two decimals). */
  certifiedCount: number;
  /** The number the quota required. */
  requiredCount: number;
}

/** POST /employment-reports: one batch of one year. */
export interface EmploymentReportBatch {
  year: number;
  reports: EmploymentReport[];
}

export type EmploymentReportResult =
  | { uscc: string; outcome: 'accepted'; receiptNumber: string }
  | { uscc: string; outcome: 'rejected'; reason: string };

/** The answer: one result per report of the batch, in any order. */
export interface EmploymentReportAnswer {
  results: EmploymentReportResult[];
}

/** How the simulated department answers one unit: a record rejects it with its reason; no record accepts. */
export interface MarketShareRejectionRecord {
  uscc: string;
  reason: string;
}

/** The most units one batch may carry, so one call stays small whatever the year's number of units. */
export const MAX_BATCH_REPORTS = 500;

const year = { type: 'integer', minimum: 2000, maximum: 2100 } as const;
const count = { type: 'number', minimum: 0, maximum: 1e7 } as const;
const uscc = { type: 'string', pattern: USCC_PATTERN } as const;

export const employmentReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'year', 'staffCount', 'disabledEmployees', 'certifiedCount', 'requiredCount'],
  properties: {
    uscc,
    year,
    staffCount: { type: 'integer', minimum: 0, maximum: 1e7 },
    disabledEmployees: { type: 'integer', minimum: 0, maximum: 1e7 },
    certifiedCount: count,
    requiredCount: count,
  },
} as const;

export const employmentReportBatchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'reports'],
  properties: {
    year,
    reports: { type: 'array', minItems: 1, maxItems: MAX_BATCH_REPORTS, items: employmentReportSchema },
  },
} as const;

// An acceptance must carry its receipt number and a rejection its reason: checked in code (client.ts), which also
// holds the answer to the batch it answers. Extra fields are allowed in answers: docs/contracts.md lets fields be added, readers take what they know.
export const employmentReportAnswerSchema = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      maxItems: MAX_BATCH_REPORTS,
      items: {
        type: 'object',
        required: ['uscc', 'outcome'],
        properties: {
          uscc,
          outcome: { enum: ['accepted', 'rejected'] },
          receiptNumber: { type: 'string', minLength: 1, maxLength: 100 },
          reason: { type: 'string', minLength: 1, maxLength: 500 },
        },
      },
    },
  },
} as const;

export const marketShareRejectionRecordSchema = {
  type: 'object',
  required: ['uscc', 'reason'],
  properties: { uscc, reason: { type: 'string', minLength: 1, maxLength: 500 } },
} as const;
