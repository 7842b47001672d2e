// Simulated market regulation intake (附件2 §二): takes a batch of units' yearly employment figures and answers per
// unit — accepted with a receipt number, or rejected with the reason the optional market-share-rejections.json gives
// for that unit. A repeated Idempotency-Key gets the first answer again; a unit-year sent again with the same figures
// under another key gets its first receipt (recorded once), with other figures a new receipt (a correction).
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  employmentReportBatchSchema,
  marketShareRejectionRecordSchema,
  type EmploymentReport,
  type EmploymentReportBatch,
  type EmploymentReportResult,
  type MarketShareRejectionRecord,
} from './schema.ts';

export const MARKET_SHARE_DATA_FILE = 'market-share-rejections.json';

/** Answers remembered per key; the oldest are forgotten beyond this, so a long-running simulator stays small. */
const MAX_ANSWERS = 100_000;

const checkBatch = compileSchema<EmploymentReportBatch>(employmentReportBatchSchema);

/** What the department remembers across batches (and data reloads, not restarts). */
interface Memory {
  /** Per Idempotency-Key: the batch as first sent and its answer. */
  answers: Map<string, { request: string; results: EmploymentReportResult[] }>;
  /** Per unit-year: the figures recorded and their receipt. */
  recorded: Map<string, { figures: string; receiptNumber: string }>;
}

const figuresOf = (r: EmploymentReport) => JSON.stringify([r.staffCount, r.disabledEmployees, r.certifiedCount, r.requiredCount]);

export function createMarketShareRouter(rejections: readonly MarketShareRejectionRecord[], memory: Memory): Router {
  const reasonOf = new Map(rejections.map((r) => [r.uscc, r.reason]));
  const router = express.Router();
  router.use(express.json({ limit: '512kb' }));

  router.post('/employment-reports', (req, res) => {
    const key = req.get('idempotency-key');
    if (!key) {
      res.status(400).json({ error: 'bad_request', message: 'an Idempotency-Key header is required' });
      return;
    }
    const checked = checkBatch(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const batch = checked.value;
    const wrongYear = batch.reports.findIndex((r) => r.year !== batch.year);
    const units = batch.reports.map((r) => r.uscc);
    if (wrongYear >= 0 || new Set(units).size !== units.length) {
      res.status(400).json({ error: 'bad_request', message: 'every report must be of the batch’s year, each unit once' });
      return;
    }

    const request = JSON.stringify(batch);
    const earlier = memory.answers.get(key);
    if (earlier) {
      // The same key for another batch is a caller bug; answering the old batch would hide it.
      if (earlier.request !== request) {
        res.status(409).json({ error: 'idempotency_key_reused', message: 'this Idempotency-Key was used for a different batch' });
        return;
      }
      res.json({ results: earlier.results });
      return;
    }

    const results = batch.reports.map((report): EmploymentReportResult => {
      const reason = reasonOf.get(report.uscc);
      if (reason !== undefined) return { uscc: report.uscc, outcome: 'rejected', reason };
      const unitYear = `${report.uscc}:${report.year}`;
      const known = memory.recorded.get(unitYear);
      if (known && known.figures === figuresOf(report)) return { uscc: report.uscc, outcome: 'accepted', receiptNumber: known.receiptNumber };
      const receiptNumber = `SCJG-${report.year}-${randomUUID().slice(0, 8).toUpperCase()}`;
      memory.recorded.set(unitYear, { figures: figuresOf(report), receiptNumber });
      return { uscc: report.uscc, outcome: 'accepted', receiptNumber };
    });
    memory.answers.set(key, { request, results });
    if (memory.answers.size > MAX_ANSWERS) memory.answers.delete(memory.answers.keys().next().value!);
    res.json({ results });
  });

  return router;
}

/** The file is optional: without it every unit is accepted. */
async function loadRejections(dataDir: string): Promise<MarketShareRejectionRecord[]> {
  try {
    await access(path.join(dataDir, MARKET_SHARE_DATA_FILE));
  } catch {
    return [];
  }
  return loadDataFile<MarketShareRejectionRecord>(dataDir, MARKET_SHARE_DATA_FILE, marketShareRejectionRecordSchema, {
    uniqueKey: (record) => record.uscc,
  });
}

/** Each simulator keeps what it recorded across data reloads: a department does not forget a report when its data change. */
export function createMarketShareSimulator(): SimulatedDepartment {
  const memory: Memory = { answers: new Map(), recorded: new Map() };
  return {
    name: 'market-share',
    async load(dataDir) {
      return createMarketShareRouter(await loadRejections(dataDir), memory);
    },
  };
}

export const marketShareSimulator: SimulatedDepartment = createMarketShareSimulator();
