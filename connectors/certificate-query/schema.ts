// The shapes every certificate-query integration shares: POST /certificates/query with a batch of certificate
// numbers, answered with the records held. A department brings its record schema and its number pattern.

/** Most certificate numbers one query may carry; the client splits a larger list. */
export const MAX_CERTS_PER_QUERY = 5000;

/** The one field the mechanism itself reads from a record. */
export interface CertificateRecord {
  certNumber: string;
}

/** A department's record schema; its properties are the contract's fields, in the order answers list them. */
export interface CertificateRecordSchema {
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, object>>;
}

export interface CertificateQuery {
  certNumbers: string[];
}

/** The answer to POST /certificates/query: the certificates found, in any order; unknown numbers are absent. */
export interface CertificateQueryAnswer<R> {
  certificates: R[];
}

export function certificateQuerySchema(certPattern: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['certNumbers'],
    properties: {
      certNumbers: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_CERTS_PER_QUERY,
        uniqueItems: true,
        items: { type: 'string', pattern: certPattern },
      },
    },
  } as const;
}

// Extra fields are allowed in answers: docs/contracts.md lets fields be added, readers take what they know.
export function certificateQueryAnswerSchema(recordSchema: CertificateRecordSchema) {
  return {
    type: 'object',
    required: ['certificates'],
    properties: {
      certificates: { type: 'array', maxItems: MAX_CERTS_PER_QUERY, items: recordSchema },
    },
  } as const;
}

/** Copies only the contract's fields of a record: an adapter's answer or a data file may carry more. */
export function contractFields<R extends object>(recordSchema: CertificateRecordSchema): (record: R) => R {
  const fields = Object.keys(recordSchema.properties);
  return (record) => {
    const picked: Record<string, unknown> = {};
    for (const field of fields) if (Object.hasOwn(record, field)) picked[field] = (record as Record<string, unknown>)[field];
    return picked as R;
  };
}
