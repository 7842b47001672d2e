// Unit tests of the national platform client against nock: the department-client contract for both of its calls, and
// what is its own: only the contract's fields are sent, the transfer id is one path segment, and a confirmation
// number goes back only when there is one.
import { isDeepStrictEqual } from 'node:util';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { syntheticFiling } from '../../filings/declaration/synthetic-filing.ts';
import { CALL_SETTINGS, departmentClientContract, useNock } from '../../test/support/department-client-contract.ts';
import { createNationalPlatformClient, type NationalPlatformClient } from './client.ts';
import type { CertificationReport, OutboundTransfer, ReportReceipt, TransferReceipt } from './schema.ts';

const ORIGIN = 'http://platform.test';
const FILING_ID = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const TRANSFER_KEY = `${FILING_ID}:transfer`;
const REPORT_KEY = `${FILING_ID}:report:2251799813685601`;
const TRANSFER_ID = 'SH-2026-000123';

// A unit of Shanghai's Xuhui district, filed at a window in Hangzhou's Xihu district.
const declaration = { ...syntheticFiling(64001, { regionCode: '310104' }), channel: 'window' as const, receivingRegionCode: '330106' };
const transfer: OutboundTransfer = { filingId: FILING_ID, receivingRegionCode: '330106', handlingRegionCode: '310104', declaration };
const receipt: TransferReceipt = { receiptId: 'NP-2025-0001', receivedAt: '2026-04-01T09:30:00.000Z' };
const report: CertificationReport = { filingId: FILING_ID, status: 'certified', certifiedCount: 2.5, certificateCode: 'ZJ2026-ABCD-1234' };
const reportReceipt: ReportReceipt = { resultId: 'NPR-0001', receivedAt: '2026-05-01T10:00:00.000Z' };

const makeClient = (settings: typeof CALL_SETTINGS) =>
  createNationalPlatformClient({ nationalPlatformUrl: `${ORIGIN}/national-platform`, ...settings });

useNock();

describe('national platform client', () => {
  describe('transferFiling', () => {
    departmentClientContract({
      department: 'national-platform',
      origin: ORIGIN,
      method: 'POST',
      path: '/national-platform/transfers',
      departmentPath: '/transfers',
      makeClient,
      call: (client: NationalPlatformClient, key) => client.transferFiling(transfer, key),
      idempotencyKey: TRANSFER_KEY,
      requestBody: { ...transfer },
      validReply: receipt,
      expected: receipt,
      replyWithExtraFields: { ...receipt, handlingOffice: '上海市徐汇区残疾人联合会' },
      malformed: { reply: { receiptId: '', receivedAt: '昨天' }, issues: ['/receiptId FORMAT', '/receivedAt FORMAT'] },
      rejected: { status: 409, body: { error: 'idempotency_key_reused' }, meaning: 'the key was used for another filing' },
      personalNumbers: [declaration.employer.legalRepIdNumber, ...declaration.employees.map((e) => e.idNumber)],
    });

    it('sends only the contract fields, the declaration whole', async () => {
      const scope = nock(ORIGIN).post('/national-platform/transfers', (body) => isDeepStrictEqual(body, transfer)).reply(201, receipt);
      const withExtra = { ...transfer, note: 'x' } as OutboundTransfer;
      await expect(makeClient(CALL_SETTINGS).transferFiling(withExtra, TRANSFER_KEY)).resolves.toEqual(receipt);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('reportResult', () => {
    departmentClientContract({
      department: 'national-platform',
      origin: ORIGIN,
      method: 'POST',
      path: `/national-platform/transfers/${TRANSFER_ID}/results`,
      departmentPath: `/transfers/${TRANSFER_ID}/results`,
      makeClient,
      call: (client: NationalPlatformClient, key) => client.reportResult(TRANSFER_ID, report, key),
      idempotencyKey: REPORT_KEY,
      requestBody: { ...report },
      validReply: reportReceipt,
      expected: reportReceipt,
      replyWithExtraFields: { ...reportReceipt, forwardedTo: '310104' },
      malformed: { reply: { resultId: 'NPR 1', receivedAt: 20260501 }, issues: ['/resultId FORMAT', '/receivedAt FORMAT'] },
      rejected: { status: 404, body: { error: 'unknown_transfer' }, meaning: 'the platform delivered no such transfer' },
    });

    it('puts the transfer id in one path segment and sends no confirmation number when there is none', async () => {
      const { certificateCode: _none, ...withoutCode } = report;
      const scope = nock(ORIGIN).post('/national-platform/transfers/A%2FB%3F/results', withoutCode).reply(201, reportReceipt);
      await expect(makeClient(CALL_SETTINGS).reportResult('A/B?', withoutCode, REPORT_KEY)).resolves.toEqual(reportReceipt);
      expect(scope.isDone()).toBe(true);
    });
  });
});
