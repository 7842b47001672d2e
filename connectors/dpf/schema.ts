// The shapes of the DPF certificate-register integration: a record in dpf-certificates.json (CONTRACTS.md §3),
// the batch query and the register's answer, which a real register's adapter must produce too.

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Second-generation disability certificate: ID number + category digit (1–7) + grade digit (1–4). */
export const DISABILITY_CERT_PATTERN = '^[0-9]{17}[0-9X][1-7][1-4]$';
export const ID_NUMBER_PATTERN = '^[0-9]{17}[0-9X]$';

/** Most certificate numbers one query may carry; the client splits a larger list. */
export const MAX_CERTS_PER_QUERY = 5000;

export interface DpfCertificate {
  certNumber: string;
  idNumber: string;
  name: string;
  /** 1 visual … 7 multiple (DOMAIN.md §5). */
  category: number;
  /** 1 most severe … 4. */
  grade: number;
  validFrom: string;
  validUntil: string;
  status: CertificateStatus;
}

export interface DpfQuery {
  certNumbers: string[];
}

/** The answer to POST /certificates/query: the certificates found, in any order; unknown numbers are absent. */
export interface DpfQueryAnswer {
  certificates: DpfCertificate[];
}

const certificateProperties = {
  certNumber: { type: 'string', pattern: DISABILITY_CERT_PATTERN },
  idNumber: { type: 'string', pattern: ID_NUMBER_PATTERN },
  name: { type: 'string', minLength: 1, maxLength: 100 },
  category: { type: 'integer', minimum: 1, maximum: 7 },
  grade: { type: 'integer', minimum: 1, maximum: 4 },
  validFrom: { type: 'string', format: 'date' },
  validUntil: { type: 'string', format: 'date' },
  status: { type: 'string', enum: CERTIFICATE_STATUSES },
} as const;

const certificateRequired = ['certNumber', 'idNumber', 'name', 'category', 'grade', 'validFrom', 'validUntil', 'status'];

// Extra fields are allowed in records and answers: CONTRACTS.md lets fields be added, readers take what they know.
export const dpfCertificateSchema = {
  type: 'object',
  required: certificateRequired,
  properties: certificateProperties,
} as const;

export const dpfQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['certNumbers'],
  properties: {
    certNumbers: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_CERTS_PER_QUERY,
      uniqueItems: true,
      items: { type: 'string', pattern: DISABILITY_CERT_PATTERN },
    },
  },
} as const;

export const dpfQueryAnswerSchema = {
  type: 'object',
  required: ['certificates'],
  properties: {
    certificates: { type: 'array', maxItems: MAX_CERTS_PER_QUERY, items: dpfCertificateSchema },
  },
} as const;
