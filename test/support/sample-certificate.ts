// One 年审认证确认书 as the store keeps it, for the tests that print it without a filing behind it.
import type { Certificate } from '../../certificates/certificate-store.ts';

export const SAMPLE_CERTIFICATE: Certificate = {
  code: '7K3M-9QXT-2B4R-8HJW',
  filingId: '00000000-0000-4000-8000-000000000000',
  sequence: 1,
  employerUscc: '91330106MA2B3C4D5E',
  employerName: '杭州某某科技有限公司',
  year: 2025,
  certifiedCount: 3,
  requiredCount: 4.5,
  certifiedBy: 'system',
  issuedAt: '2026-11-30T16:30:00.000Z',
  supersededAt: null,
};
