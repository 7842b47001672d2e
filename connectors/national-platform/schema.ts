// The shapes of the national platform integration (全国残疾人按比例就业情况联网认证“跨省通办”系统): a filing we send
// out for a unit registered in another province, the platform's receipt, a filing it delivers to us, and the
// result we report back for one it delivered. A real platform's adapter must speak them too.
import type { Filing } from '../../filings/declaration/filing.ts';
import { UUID_PATTERN } from '../../platform/ids.ts';

/** The platform as an operator names it, in incidents. */
export const NATIONAL_PLATFORM_NAME = '全国残疾人按比例就业情况联网认证“跨省通办”系统';

/** A region code of Zhejiang: the offices on our side of a transfer (330000 for the province's online service). */
export const ZHEJIANG_REGION_PATTERN = '^33[0-9]{4}$';
/** A region code of any other province: the offices on the far side. */
export const OTHER_PROVINCE_REGION_PATTERN = '^(?!33)[1-8][0-9]{5}$';
/** The platform's ids travel in URL paths and Idempotency-Keys: letters, digits and a few separators only. */
export const PLATFORM_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$';

/** POST /transfers: a filing a Zhejiang office received for a unit registered in another province (收受分离). */
export interface OutboundTransfer {
  /** Our id of the filing, for the platform's and the handling office's records. */
  filingId: string;
  /** The Zhejiang county office that received it. */
  receivingRegionCode: string;
  /** The unit's own county in its province, which handles it (属地). */
  handlingRegionCode: string;
  /** The declaration as received, personal numbers included: the handling office reviews it. */
  declaration: Filing;
}

/** The platform's answer to POST /transfers. */
export interface TransferReceipt {
  /** The platform's id of the transfer; GET /transfers/{receiptId} shows it. */
  receiptId: string;
  receivedAt: string;
}

/** POST /transfers/{transferId}/results: the certified result of a filing the platform delivered to us. */
export interface CertificationReport {
  filingId: string;
  status: 'certified';
  /** Σ monthly weights ÷ 12, two decimals. */
  certifiedCount: number;
  /** The number of the certification confirmation (年审认证确认书), where one was issued. */
  certificateCode?: string;
}

/** The platform's answer to a reported result. */
export interface ReportReceipt {
  resultId: string;
  receivedAt: string;
}

/**
 * What the platform delivers to POST /api/national-platform/filings: a filing received by an office of another
 * province for a unit registered in Zhejiang. `filing` is checked by the filing API's own rules.
 */
export interface InboundTransfer {
  transferId: string;
  /** The other province's office that received it. */
  receivingRegionCode: string;
  receivedAt: string;
  filing: unknown;
}

const regionCode = { type: 'string', pattern: '^[0-9]{6}$' } as const;
const platformId = { type: 'string', pattern: PLATFORM_ID_PATTERN } as const;
const instant = { type: 'string', format: 'date-time', maxLength: 40 } as const;

// The platform checks the envelope and the few declaration fields it routes on; the handling office checks the rest.
export const outboundTransferSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['filingId', 'receivingRegionCode', 'handlingRegionCode', 'declaration'],
  properties: {
    filingId: { type: 'string', pattern: UUID_PATTERN },
    receivingRegionCode: { type: 'string', pattern: ZHEJIANG_REGION_PATTERN },
    handlingRegionCode: { type: 'string', pattern: OTHER_PROVINCE_REGION_PATTERN },
    declaration: {
      type: 'object',
      required: ['year', 'employer', 'employees'],
      properties: {
        year: { type: 'integer', minimum: 2000, maximum: 2100 },
        employer: {
          type: 'object',
          required: ['uscc', 'name', 'regionCode'],
          properties: { uscc: { type: 'string', minLength: 18, maxLength: 18 }, name: { type: 'string', minLength: 1 }, regionCode },
        },
        employees: { type: 'array' },
      },
    },
  },
} as const;

// Extra fields are allowed in answers: docs/contracts.md lets fields be added, readers take what they know.
export const transferReceiptSchema = {
  type: 'object',
  required: ['receiptId', 'receivedAt'],
  properties: { receiptId: platformId, receivedAt: instant },
} as const;

export const certificationReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['filingId', 'status', 'certifiedCount'],
  properties: {
    filingId: { type: 'string', pattern: UUID_PATTERN },
    status: { const: 'certified' },
    certifiedCount: { type: 'number', minimum: 0, maximum: 1e7 },
    certificateCode: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

export const reportReceiptSchema = {
  type: 'object',
  required: ['resultId', 'receivedAt'],
  properties: { resultId: platformId, receivedAt: instant },
} as const;

// Our own endpoint is strict: a field we do not know is a contract change to hear about, not to drop.
export const inboundTransferSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['transferId', 'receivingRegionCode', 'receivedAt', 'filing'],
  properties: {
    transferId: platformId,
    receivingRegionCode: regionCode,
    receivedAt: instant,
    filing: { type: 'object' },
  },
} as const;
