// The shapes of the veterans-affairs integration: a record in veteran-certificates.json (docs/contracts.md §3). The
// batch query and the department's answer around it are the certificate-query kit's (connectors/certificate-query).

export { MAX_CERTS_PER_QUERY } from '../certificate-query/schema.ts';

/** 残疾军人证 (disabled veteran) or 伤残人民警察证 (disabled police officer). */
export const CERTIFICATE_KINDS = ['veteran', 'police'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/**
 * These certificates have no published structure or check digit (e.g. 浙军残字第000100号); the same loose
 * shape the filing API accepts (domain/identifiers/cert-number.ts).
 */
export const VETERAN_CERT_PATTERN = '^[A-Za-z0-9\\p{Script=Han}-]{6,32}$';
export const ID_NUMBER_PATTERN = '^[0-9]{17}[0-9X]$';

export interface VeteranCertificate {
  certNumber: string;
  idNumber: string;
  name: string;
  kind: CertificateKind;
  /** 1 most severe … 10. */
  grade: number;
  validFrom: string;
  validUntil: string;
}

// Extra fields are allowed in records and answers: docs/contracts.md lets fields be added, readers take what they know.
// The properties are the contract's fields: client and simulator pass on these and no others.
export const veteranCertificateSchema = {
  type: 'object',
  required: ['certNumber', 'idNumber', 'name', 'kind', 'grade', 'validFrom', 'validUntil'],
  properties: {
    certNumber: { type: 'string', pattern: VETERAN_CERT_PATTERN },
    idNumber: { type: 'string', pattern: ID_NUMBER_PATTERN },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    kind: { type: 'string', enum: CERTIFICATE_KINDS },
    grade: { type: 'integer', minimum: 1, maximum: 10 },
    validFrom: { type: 'string', format: 'date' },
    validUntil: { type: 'string', format: 'date' },
  },
} as const;
