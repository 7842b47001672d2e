// Simulated veterans-affairs certificate service: answers a batch of disabled-veteran and disabled-police
// certificate numbers with the records of veteran-certificates.json it holds, and nothing it was not asked about.
import path from 'node:path';
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { DataFileError, loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  veteranCertificateSchema,
  veteranQuerySchema,
  type VeteranCertificate,
  type VeteranQuery,
  type VeteranQueryAnswer,
} from './schema.ts';

export const VETERANS_DATA_FILE = 'veteran-certificates.json';

const checkQuery = compileSchema<VeteranQuery>(veteranQuerySchema);
const MAX_REPORTED = 10;

/** What a schema cannot say: dates in order, each number once. Problems never print the number: they reach logs. */
function consistencyProblems(records: readonly VeteranCertificate[]): string[] {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  records.forEach((record, index) => {
    if (record.validUntil < record.validFrom) problems.push(`record ${index} field /validUntil DATE_ORDER (before validFrom)`);
    const first = firstIndex.get(record.certNumber);
    if (first !== undefined) problems.push(`record ${index} field /certNumber repeats record ${first}`);
    else firstIndex.set(record.certNumber, index);
  });
  return problems;
}

export function createVeteransRouter(records: readonly VeteranCertificate[]): Router {
  const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
  const router = express.Router();
  // 5000 numbers of up to 32 CJK characters need more than express's default 100 kB.
  router.use(express.json({ limit: '2mb' }));

  router.post('/certificates/query', (req, res) => {
    const checked = checkQuery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const certificates: VeteranCertificate[] = [];
    for (const certNumber of checked.value.certNumbers) {
      const record = byCertNumber.get(certNumber);
      if (!record) continue;
      // Only the contract's fields: extra fields in the data file stay in the simulator.
      const { idNumber, name, kind, grade, validFrom, validUntil } = record;
      certificates.push({ certNumber, idNumber, name, kind, grade, validFrom, validUntil });
    }
    const answer: VeteranQueryAnswer = { certificates };
    res.json(answer);
  });

  return router;
}

export const veteransSimulator: SimulatedDepartment = {
  name: 'veterans',
  async load(dataDir) {
    const records = await loadDataFile<VeteranCertificate>(dataDir, VETERANS_DATA_FILE, veteranCertificateSchema);
    const problems = consistencyProblems(records);
    if (problems.length > 0) {
      const more = problems.length > MAX_REPORTED ? `; … and ${problems.length - MAX_REPORTED} more` : '';
      throw new DataFileError(path.join(dataDir, VETERANS_DATA_FILE), problems.slice(0, MAX_REPORTED).join('; ') + more);
    }
    return createVeteransRouter(records);
  },
};
