// The shapes of the DPF certificate-register integration: a record in dpf-certificates.json (docs/contracts.md §3).
// The batch query and the register's answer around it are the certificate-query kit's (connectors/certificate-query).

export { MAX_CERTS_PER_QUERY } from '../certificate-query/schema.ts';

export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Second-generation disability certificate: ID number + category digit (1–7) + grade digit (1–4). */
export const DISABILITY_CERT_PATTERN = '^[0-9]{17}[0-9X][1-7][1-4]$';
export const ID_NUMBER_PATTERN = '^[0-9]{17}[0-9X]$';

export interface DpfCertificate {
  certNumber: string;
  idNumber: string;
  name: string;
  /** 1 visual … 7 multiple (docs/domain.md §5). */
  category: number;
  /** 1 most severe … 4. */
  grade: number;
  validFrom: string;
  validUntil: string;
  status: CertificateStatus;
}

// Extra fields are allowed in records and answers: docs/contracts.md lets fields be added, readers take what they know.
// The properties are the contract's fields: client and simulator pass on these and no others.
export const dpfCertificateSchema = {
  type: 'object',
  required: ['certNumber', 'idNumber', 'name', 'category', 'grade', 'validFrom', 'validUntil', 'status'],
  properties: {
    certNumber: { type: 'string', pattern: DISABILITY_CERT_PATTERN },
    idNumber: { type: 'string', pattern: ID_NUMBER_PATTERN },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    category: { type: 'integer', minimum: 1, maximum: 7 },
    grade: { type: 'integer', minimum: 1, maximum: 4 },
    validFrom: { type: 'string', format: 'date' },
    validUntil: { type: 'string', format: 'date' },
    status: { type: 'string', enum: CERTIFICATE_STATUSES },
  },
} as const;
