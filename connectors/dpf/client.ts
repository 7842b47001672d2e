// Client of the DPF disability certificate register (simulator or a real register's adapter at DEPT_DPF_URL);
// the batching and answer checks are the certificate-query kit's.
import type { Config } from '../../platform/config.ts';
import { createCertificateQueryClient, type CertificateQueryClient } from '../certificate-query/client.ts';
import { dpfCertificateSchema, type DpfCertificate } from './schema.ts';

export type DpfClientConfig = Pick<Config, 'dpfUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

/** `queryCertificates(certNumbers, idempotencyKey)`: the register's records of those numbers. */
export type DpfClient = CertificateQueryClient<DpfCertificate>;

export function createDpfClient(config: DpfClientConfig): DpfClient {
  return createCertificateQueryClient<DpfCertificate>({
    department: 'dpf',
    baseUrl: config.dpfUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
    recordSchema: dpfCertificateSchema,
  });
}
