// Simulated DPF disability certificate register: answers a batch of certificate numbers with the records of
// dpf-certificates.json that it holds, and nothing it was not asked about.
import path from 'node:path';
import express, { type Router } from 'express';
import { checkDisabilityCertNumber } from '../../domain/identifiers/cert-number.ts';
import { compileSchema } from '../../platform/schema.ts';
import { DataFileError, loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { dpfCertificateSchema, dpfQuerySchema, type DpfCertificate, type DpfQuery, type DpfQueryAnswer } from './schema.ts';

export const DPF_DATA_FILE = 'dpf-certificates.json';

const checkQuery = compileSchema<DpfQuery>(dpfQuerySchema);
const MAX_REPORTED = 10;

/**
 * What a schema cannot say: dates in order, the number agreeing with the holder, each number once. Problems
 * name the record and field, never the number: these messages reach logs.
 */
function consistencyProblems(records: readonly DpfCertificate[]): string[] {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  records.forEach((record, index) => {
    if (record.validUntil < record.validFrom) problems.push(`record ${index} field /validUntil DATE_ORDER (before validFrom)`);
    const mismatch = checkDisabilityCertNumber(record.certNumber, {
      idNumber: record.idNumber,
      category: record.category,
      grade: record.grade,
    });
    if (mismatch) problems.push(`record ${index} field /certNumber ${mismatch} (must be idNumber + category + grade)`);
    const first = firstIndex.get(record.certNumber);
    if (first !== undefined) problems.push(`record ${index} field /certNumber repeats record ${first}`);
    else firstIndex.set(record.certNumber, index);
  });
  return problems;
}

export function createDpfRouter(records: readonly DpfCertificate[]): Router {
  const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
  const router = express.Router();
  // 5000 numbers of 20 characters need more than express's default 100 kB.
  router.use(express.json({ limit: '1mb' }));

  router.post('/certificates/query', (req, res) => {
    const checked = checkQuery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const certificates: DpfCertificate[] = [];
    for (const certNumber of checked.value.certNumbers) {
      const record = byCertNumber.get(certNumber);
      if (!record) continue;
      // Only the contract's fields: extra fields in the data file stay in the simulator.
      const { idNumber, name, category, grade, validFrom, validUntil, status } = record;
      certificates.push({ certNumber, idNumber, name, category, grade, validFrom, validUntil, status });
    }
    const answer: DpfQueryAnswer = { certificates };
    res.json(answer);
  });

  return router;
}

export const dpfSimulator: SimulatedDepartment = {
  name: 'dpf',
  async load(dataDir) {
    const records = await loadDataFile<DpfCertificate>(dataDir, DPF_DATA_FILE, dpfCertificateSchema);
    const problems = consistencyProblems(records);
    if (problems.length > 0) {
      const more = problems.length > MAX_REPORTED ? `; … and ${problems.length - MAX_REPORTED} more` : '';
      throw new DataFileError(path.join(dataDir, DPF_DATA_FILE), problems.slice(0, MAX_REPORTED).join('; ') + more);
    }
    return createDpfRouter(records);
  },
};
