// Simulated DPF disability certificate register: answers a batch of certificate numbers with the records of
// dpf-certificates.json that it holds, and nothing it was not asked about (the certificate-query kit's router).
import { checkDisabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { certificateQuerySimulator } from '../certificate-query/simulator.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { DISABILITY_CERT_PATTERN, dpfCertificateSchema, type DpfCertificate } from './schema.ts';

export const DPF_DATA_FILE = 'dpf-certificates.json';

export const dpfSimulator: SimulatedDepartment = certificateQuerySimulator<DpfCertificate>({
  name: 'dpf',
  dataFile: DPF_DATA_FILE,
  recordSchema: dpfCertificateSchema,
  certPattern: DISABILITY_CERT_PATTERN,
  // 5000 numbers of 20 characters need more than express's default 100 kB.
  jsonLimit: '1mb',
  // The number must agree with its holder; the problem names the field, never the number.
  recordProblems(record) {
    const mismatch = checkDisabilityCertNumber(record.certNumber, {
      idNumber: record.idNumber,
      category: record.category,
      grade: record.grade,
    });
    return mismatch ? [`field /certNumber ${mismatch} (must be idNumber + category + grade)`] : [];
  },
});
