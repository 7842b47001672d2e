// The shapes of the tax-bureau integration: a record in the optional tax-results.json (docs/contracts.md §3), the
// pushed certified result, the receipt the bureau answers at once and its later answer, which a real bureau's
// adapter must produce too.
import type { Checked } from '../../platform/schema.ts';

/** Shape only (18 characters of the USCC alphabet, no I O S V Z); the check digit is the filing API's job. */
export const USCC_PATTERN = '^[0-9A-HJ-NP-RTUW-Y]{18}$';

/** How the simulated bureau answers a push for one unit and year; a unit without a record is consistent, levy 0. */
export interface TaxResultRecord {
  uscc: string;
  year: number;
  consistent: boolean;
  /** Yuan collected for that year. */
  levyCollected: number;
  /** The simulated bureau leaves this many of the unit's first pushes for the year unanswered (a silent bureau). */
  unansweredPushes?: number;
  /** The day the levy was collected, as the levy-collections read reports it (附件2 §三); none when not given. */
  collectedOn?: string;
}

/** The levy the bureau reports collected from one unit for one levy year (附件2 §三): GET /levy-collections. */
export interface LevyCollection {
  uscc: string;
  year: number;
  /** Yuan, two decimals. */
  amount: number;
  /** YYYY-MM-DD, or null when the bureau does not say. */
  collectedOn: string | null;
}

/** One page of a year's levy collections, in USCC order; `next` is the `after` of the following page, null at the end. */
export interface LevyCollectionPage {
  items: LevyCollection[];
  next: string | null;
}

/** The most collections one page holds. */
export const MAX_LEVY_PAGE = 1000;

/** The certified result DPF pushes (docs/domain.md §3 step 6); no personal data. */
export interface CertifiedResult {
  uscc: string;
  year: number;
  /** Σ monthly weights ÷ 12, two decimals. */
  certifiedCount: number;
  requiredCount: number;
  filingId: string;
}

/** Where and with what bearer token the bureau sends its later answer to a push. */
export interface TaxCallback {
  url: string;
  token: string;
}

/** The body of POST /certified-results: the result and where its answer goes. */
export interface TaxPush extends CertifiedResult {
  callback: TaxCallback;
}

/** The immediate answer to POST /certified-results: the push was received, its answer comes later. */
export interface TaxReceipt {
  receiptId: string;
  receivedAt: string;
}

/** The bureau's later answer to a push, POSTed to the push's callback URL. */
export interface TaxAnswer {
  receiptId: string;
  filingId: string;
  uscc: string;
  year: number;
  /** The result agrees with the bureau's (Golden Tax) data. */
  consistent: boolean;
  /** Yuan collected for that year, two decimals. */
  levyCollected: number;
  answeredAt: string;
}

const year = { type: 'integer', minimum: 2000, maximum: 2100 } as const;
const yuan = { type: 'number', minimum: 0, maximum: 1e12 } as const;
const receiptId = { type: 'string', minLength: 1, maxLength: 100 } as const;
const instant = { type: 'string', format: 'date-time', maxLength: 40 } as const;

// Extra fields are allowed in records and answers: docs/contracts.md lets fields be added, readers take what they know.
export const taxResultRecordSchema = {
  type: 'object',
  required: ['uscc', 'year', 'consistent', 'levyCollected'],
  properties: {
    uscc: { type: 'string', pattern: USCC_PATTERN },
    year,
    consistent: { type: 'boolean' },
    levyCollected: yuan,
    unansweredPushes: { type: 'integer', minimum: 0, maximum: 100 },
    collectedOn: { type: 'string', format: 'date' },
  },
} as const;

export const levyCollectionPageSchema = {
  type: 'object',
  required: ['items', 'next'],
  properties: {
    items: {
      type: 'array',
      maxItems: MAX_LEVY_PAGE,
      items: {
        type: 'object',
        required: ['uscc', 'year', 'amount', 'collectedOn'],
        properties: {
          uscc: { type: 'string', pattern: USCC_PATTERN },
          year,
          amount: yuan,
          collectedOn: { type: ['string', 'null'], format: 'date' },
        },
      },
    },
    next: { type: ['string', 'null'], pattern: USCC_PATTERN },
  },
} as const;

export const taxCallbackSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'token'],
  properties: {
    url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 },
    token: { type: 'string', minLength: 1, maxLength: 512 },
  },
} as const;

// Two decimals are checked in code (certifiedCountIssue): JSON Schema's multipleOf trips over binary fractions.
export const taxPushSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'year', 'certifiedCount', 'requiredCount', 'filingId', 'callback'],
  properties: {
    uscc: { type: 'string', pattern: USCC_PATTERN },
    year,
    certifiedCount: { type: 'number', minimum: 0, maximum: 1e7 },
    requiredCount: { type: 'number', minimum: 0, maximum: 1e7 },
    filingId: { type: 'string', minLength: 1, maxLength: 100 },
    callback: taxCallbackSchema,
  },
} as const;

export const taxReceiptSchema = {
  type: 'object',
  required: ['receiptId', 'receivedAt'],
  properties: { receiptId, receivedAt: instant },
} as const;

// Two decimals of the levy are checked in code (hasTwoDecimals), as the count's are.
export const taxAnswerSchema = {
  type: 'object',
  required: ['receiptId', 'filingId', 'uscc', 'year', 'consistent', 'levyCollected', 'answeredAt'],
  properties: {
    receiptId,
    filingId: { type: 'string', minLength: 1, maxLength: 100 },
    uscc: { type: 'string', pattern: USCC_PATTERN },
    year,
    consistent: { type: 'boolean' },
    levyCollected: yuan,
    answeredAt: instant,
  },
} as const;

/**
 * A body check whose `certifiedCount` must also have at most two decimals, as certified counts do (JSON Schema's
 * multipleOf trips over binary fractions): what a department answers 400 to.
 */
export function checkingCertifiedCount<T extends { certifiedCount: number }>(check: (data: unknown) => Checked<T>): (data: unknown) => Checked<T> {
  return (data) => {
    const checked = check(data);
    if (!checked.ok || hasTwoDecimals(checked.value.certifiedCount)) return checked;
    return { ok: false, issues: [{ path: '/certifiedCount', code: 'FORMAT', params: { decimals: 2 } }] };
  };
}

/** True when `value` has at most two decimals, allowing for binary noise (0.1 + 0.2). */
export function hasTwoDecimals(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** `value` kept to two decimals, as the count is certified (docs/domain.md §7). */
export function toTwoDecimals(value: number): number {
  return Math.round(value * 100) / 100;
}
