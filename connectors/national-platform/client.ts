// Client of the national platform (simulator or the platform's adapter at DEPT_NATIONAL_PLATFORM_URL): sends out a
// filing for a unit registered in another province, and reports back the result of a filing the platform delivered.
import type { Config } from '../../platform/config.ts';
import { createDepartmentHttp } from '../../platform/department-http.ts';
import { compileSchema } from '../../platform/schema.ts';
import {
  reportReceiptSchema,
  transferReceiptSchema,
  type CertificationReport,
  type OutboundTransfer,
  type ReportReceipt,
  type TransferReceipt,
} from './schema.ts';

export type NationalPlatformClientConfig = Pick<Config, 'nationalPlatformUrl' | 'departmentTimeoutMs' | 'departmentRetries'> & {
  baseDelayMs?: number;
  maxDelayMs?: number;
};

export interface NationalPlatformClient {
  /**
   * Hands a filing to the platform for the office of the unit's own province. Retried attempts carry the same
   * Idempotency-Key, so the platform takes it once and gives the same receipt. Throws the department-http errors.
   */
  transferFiling(transfer: OutboundTransfer, idempotencyKey: string): Promise<TransferReceipt>;
  /** Reports the certified result of the filing the platform delivered under `transferId`. */
  reportResult(transferId: string, report: CertificationReport, idempotencyKey: string): Promise<ReportReceipt>;
}

const checkReceipt = compileSchema<TransferReceipt>(transferReceiptSchema);
const checkReportReceipt = compileSchema<ReportReceipt>(reportReceiptSchema);

export function createNationalPlatformClient(config: NationalPlatformClientConfig): NationalPlatformClient {
  const http = createDepartmentHttp({
    department: 'national-platform',
    baseUrl: config.nationalPlatformUrl,
    timeoutMs: config.departmentTimeoutMs,
    retries: config.departmentRetries,
    baseDelayMs: config.baseDelayMs,
    maxDelayMs: config.maxDelayMs,
  });

  return {
    async transferFiling({ filingId, receivingRegionCode, handlingRegionCode, declaration }, idempotencyKey) {
      const answer = await http.post({
        path: '/transfers',
        body: { filingId, receivingRegionCode, handlingRegionCode, declaration },
        idempotencyKey,
        check: checkReceipt,
      });
      // Keep only the contract's fields; an adapter may send more.
      return { receiptId: answer.receiptId, receivedAt: answer.receivedAt };
    },

    async reportResult(transferId, { filingId, status, certifiedCount, certificateCode }, idempotencyKey) {
      const answer = await http.post({
        path: `/transfers/${encodeURIComponent(transferId)}/results`,
        body: { filingId, status, certifiedCount, ...(certificateCode === undefined ? {} : { certificateCode }) },
        idempotencyKey,
        check: checkReportReceipt,
      });
      return { resultId: answer.resultId, receivedAt: answer.receivedAt };
    },
  };
}
