// Client of the veterans-affairs certificate service (simulator or a real department's adapter at
// DEPT_VETERANS_URL); the batching and answer checks are the certificate-query kit's.
import type { Config } from '../../platform/config.ts';
import { createCertificateQueryClient, type CertificateQueryClient } from '../certificate-query/client.ts';
import { veteranCertificateSchema, type VeteranCertificate } from './schema.ts';

export type VeteransClientConfig = Pick<Config, 'veteransUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

/** `queryCertificates(certNumbers, idempotencyKey)`: the department's records of those numbers. */
export type VeteransClient = CertificateQueryClient<VeteranCertificate>;

export function createVeteransClient(config: VeteransClientConfig): VeteransClient {
  return createCertificateQueryClient<VeteranCertificate>({
    department: 'veterans',
    baseUrl: config.veteransUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
    recordSchema: veteranCertificateSchema,
  });
}
