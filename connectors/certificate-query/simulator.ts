// The simulator side of a certificate query: loads a department's data file, refusing records a schema cannot
// fault, and serves POST /certificates/query with the records held, and nothing it was not asked about.
import path from 'node:path';
import express, { type Router } from 'express';
import { compileSchema, type Checked } from '../../platform/schema.ts';
import { DataFileError, loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  certificateQuerySchema,
  contractFields,
  type CertificateQuery,
  type CertificateQueryAnswer,
  type CertificateRecord,
  type CertificateRecordSchema,
} from './schema.ts';

/** Every record has validity dates; the kit checks their order. */
export interface DatedCertificateRecord extends CertificateRecord {
  validFrom: string;
  validUntil: string;
}

export interface CertificateQuerySimulatorOptions<R extends DatedCertificateRecord> {
  /** URL segment and fault-switch name. */
  name: string;
  /** Read from the simulators' data directory. */
  dataFile: string;
  recordSchema: CertificateRecordSchema;
  /** What a certificate number in a query must match. */
  certPattern: string;
  /** express.json's body limit: 5000 numbers need more than its default 100 kB. */
  jsonLimit: string;
  /**
   * The department's own checks a schema cannot say, e.g. "field /certNumber …"; run after the date order,
   * before the repeat check. Problems must name the field, never the number: they reach logs.
   */
  recordProblems?: (record: R) => string[];
}

const MAX_REPORTED = 10;

/** What a schema cannot say: dates in order, the department's checks, each number once. Never prints a number. */
function consistencyProblems<R extends DatedCertificateRecord>(
  records: readonly R[],
  recordProblems: (record: R) => string[],
): string[] {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  records.forEach((record, index) => {
    if (record.validUntil < record.validFrom) problems.push(`record ${index} field /validUntil DATE_ORDER (before validFrom)`);
    for (const problem of recordProblems(record)) problems.push(`record ${index} ${problem}`);
    const first = firstIndex.get(record.certNumber);
    if (first !== undefined) problems.push(`record ${index} field /certNumber repeats record ${first}`);
    else firstIndex.set(record.certNumber, index);
  });
  return problems;
}

function createRouter<R extends CertificateRecord>(
  records: readonly R[],
  checkQuery: (data: unknown) => Checked<CertificateQuery>,
  pick: (record: R) => R,
  jsonLimit: string,
): Router {
  const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
  const router = express.Router();
  router.use(express.json({ limit: jsonLimit }));

  router.post('/certificates/query', (req, res) => {
    const checked = checkQuery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const certificates: R[] = [];
    for (const certNumber of checked.value.certNumbers) {
      const record = byCertNumber.get(certNumber);
      // Only the contract's fields: extra fields in the data file stay in the simulator.
      if (record) certificates.push(pick(record));
    }
    const answer: CertificateQueryAnswer<R> = { certificates };
    res.json(answer);
  });

  return router;
}

/** A department the simulator kit serves: its data file is checked on every (re)load, then answered from. */
export function certificateQuerySimulator<R extends DatedCertificateRecord>(
  options: CertificateQuerySimulatorOptions<R>,
): SimulatedDepartment {
  const { name, dataFile, recordSchema, jsonLimit, recordProblems = () => [] } = options;
  // Compiled once here, not per load: the admin API may reload data files many times.
  const checkQuery = compileSchema<CertificateQuery>(certificateQuerySchema(options.certPattern));
  const pick = contractFields<R>(recordSchema);
  return {
    name,
    async load(dataDir) {
      const records = await loadDataFile<R>(dataDir, dataFile, recordSchema);
      const problems = consistencyProblems(records, recordProblems);
      if (problems.length > 0) {
        const more = problems.length > MAX_REPORTED ? `; … and ${problems.length - MAX_REPORTED} more` : '';
        throw new DataFileError(path.join(dataDir, dataFile), problems.slice(0, MAX_REPORTED).join('; ') + more);
      }
      return createRouter(records, checkQuery, pick, jsonLimit);
    },
  };
}
