// Simulated tax bureau: takes a pushed certified result and answers at once with a receipt, whether the result
// agrees with its data and the levy collected (from the optional tax-results.json). A repeated Idempotency-Key
// gets the first answer again, so a retried push is one push.
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  certifiedResultSchema,
  hasTwoDecimals,
  taxResultRecordSchema,
  type CertifiedResult,
  type TaxAnswer,
  type TaxResultRecord,
} from './schema.ts';

export const TAX_DATA_FILE = 'tax-results.json';

/** Receipts remembered per key; the oldest are forgotten beyond this, so a long-running simulator stays small. */
const MAX_RECEIPTS = 100_000;

const checkResult = compileSchema<CertifiedResult>(certifiedResultSchema);

interface Receipt {
  /** The request as first pushed, to tell a repeat from a different push under the same key. */
  request: string;
  answer: TaxAnswer;
}

const canonical = (r: CertifiedResult) =>
  JSON.stringify([r.uscc, r.year, r.certifiedCount, r.requiredCount, r.filingId]);

export function createTaxRouter(records: readonly TaxResultRecord[], receipts: Map<string, Receipt>): Router {
  const byUnitYear = new Map(records.map((record) => [`${record.uscc}:${record.year}`, record]));
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  router.post('/certified-results', (req, res) => {
    const key = req.get('idempotency-key');
    if (!key) {
      res.status(400).json({ error: 'bad_request', message: 'an Idempotency-Key header is required' });
      return;
    }
    const checked = checkResult(req.body);
    const issues = checked.ok ? [] : checked.issues;
    if (checked.ok && !hasTwoDecimals(checked.value.certifiedCount)) {
      issues.push({ path: '/certifiedCount', code: 'FORMAT', params: { decimals: 2 } });
    }
    if (!checked.ok || issues.length > 0) {
      res.status(400).json({ error: 'bad_request', errors: issues });
      return;
    }
    const result = checked.value;

    const earlier = receipts.get(key);
    if (earlier) {
      // The same key for another result is a caller bug; answering the old receipt would hide it.
      if (earlier.request !== canonical(result)) {
        res.status(409).json({ error: 'idempotency_key_reused', message: 'this Idempotency-Key was used for a different result' });
        return;
      }
      res.json(earlier.answer);
      return;
    }

    const record = byUnitYear.get(`${result.uscc}:${result.year}`);
    const answer: TaxAnswer = {
      receiptId: `TAX-${result.year}-${randomUUID()}`,
      consistent: record?.consistent ?? true,
      levyCollected: record?.levyCollected ?? 0,
    };
    receipts.set(key, { request: canonical(result), answer });
    if (receipts.size > MAX_RECEIPTS) receipts.delete(receipts.keys().next().value!);
    res.json(answer);
  });

  return router;
}

/** The file is optional: without it every unit is consistent and nothing was collected. */
async function loadRecords(dataDir: string): Promise<TaxResultRecord[]> {
  try {
    await access(path.join(dataDir, TAX_DATA_FILE));
  } catch {
    return [];
  }
  return loadDataFile<TaxResultRecord>(dataDir, TAX_DATA_FILE, taxResultRecordSchema, {
    uniqueKey: (record) => `${record.uscc} ${record.year}`,
  });
}

/** Each simulator keeps its receipts across data reloads, as a bureau does not forget a push when its data change. */
export function createTaxSimulator(): SimulatedDepartment {
  const receipts = new Map<string, Receipt>();
  return {
    name: 'tax',
    async load(dataDir) {
      return createTaxRouter(await loadRecords(dataDir), receipts);
    },
  };
}

export const taxSimulator: SimulatedDepartment = createTaxSimulator();
