// Simulated HRSS pension services: Zhejiang's own (`pension`) and the national interface for persons insured
// outside Zhejiang (`national-pension`). Same contract, separate data files, separate fault switches.
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { pensionQuerySchema, pensionRecordSchema, type PensionAnswer, type PensionQuery, type PensionRecord } from './schema.ts';

export const PENSION_DATA_FILE = 'pension.json';
export const NATIONAL_PENSION_DATA_FILE = 'national-pension.json';

// 5000 ID numbers of 18 characters, quoted and comma-separated, fit well inside this.
const BODY_LIMIT = '512kb';

const checkQuery = compileSchema<PensionQuery>(pensionQuerySchema);

export function createPensionRouter(records: readonly PensionRecord[]): Router {
  const byUscc = new Map<string, PensionRecord[]>();
  for (const record of records) {
    const list = byUscc.get(record.uscc);
    if (list) list.push(record);
    else byUscc.set(record.uscc, [record]);
  }
  const router = express.Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.post('/contributions/query', (req, res) => {
    const checked = checkQuery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const { uscc, year, idNumbers } = checked.value;
    const asked = new Set(idNumbers);
    const prefix = `${year}-`;
    // Only what was asked: this employer, this year, these people — and only the contract's fields.
    const answer: PensionAnswer = {
      records: (byUscc.get(uscc) ?? [])
        .filter((r) => asked.has(r.idNumber) && r.month.startsWith(prefix))
        .map((r) => ({ idNumber: r.idNumber, uscc: r.uscc, month: r.month, paid: r.paid })),
    };
    res.json(answer);
  });

  return router;
}

/** One month of one person at one unit is recorded once. The key names the person by an ordinal, not the ID. */
function personMonthKey(): (record: PensionRecord) => string {
  const ordinal = new Map<string, number>();
  return (record) => {
    let person = ordinal.get(record.idNumber);
    if (person === undefined) {
      person = ordinal.size + 1;
      ordinal.set(record.idNumber, person);
    }
    return `person ${person} at ${record.uscc} in ${record.month}`;
  };
}

function pensionDepartment(name: string, dataFile: string): SimulatedDepartment {
  return {
    name,
    async load(dataDir) {
      const records = await loadDataFile<PensionRecord>(dataDir, dataFile, pensionRecordSchema, { uniqueKey: personMonthKey() });
      return createPensionRouter(records);
    },
  };
}

export const pensionSimulator = pensionDepartment('pension', PENSION_DATA_FILE);
export const nationalPensionSimulator = pensionDepartment('national-pension', NATIONAL_PENSION_DATA_FILE);
