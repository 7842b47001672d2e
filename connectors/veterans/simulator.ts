// Simulated veterans-affairs certificate service: answers a batch of disabled-veteran and disabled-police
// certificate numbers with the records of veteran-certificates.json it holds, and nothing it was not asked
// about (the certificate-query kit's router).
import { certificateQuerySimulator } from '../certificate-query/simulator.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { VETERAN_CERT_PATTERN, veteranCertificateSchema, type VeteranCertificate } from './schema.ts';

export const VETERANS_DATA_FILE = 'veteran-certificates.json';

export const veteransSimulator: SimulatedDepartment = certificateQuerySimulator<VeteranCertificate>({
  name: 'veterans',
  dataFile: VETERANS_DATA_FILE,
  recordSchema: veteranCertificateSchema,
  certPattern: VETERAN_CERT_PATTERN,
  // 5000 numbers of up to 32 CJK characters need more than express's default 100 kB.
  jsonLimit: '2mb',
});
