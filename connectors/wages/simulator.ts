// Simulated wage-payment service (tax withholding data): answers, for one employer and year, the payments
// made to the people asked about, from wages.json.
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { wageQuerySchema, wageRecordSchema, type WageAnswer, type WageQuery, type WageRecord } from './schema.ts';

export const WAGES_DATA_FILE = 'wages.json';

// 5000 ID numbers of 18 characters, quoted and comma-separated, fit well inside this.
const BODY_LIMIT = '512kb';

const checkQuery = compileSchema<WageQuery>(wageQuerySchema);

export function createWagesRouter(records: readonly WageRecord[]): Router {
  const byUscc = new Map<string, WageRecord[]>();
  for (const record of records) {
    const list = byUscc.get(record.uscc);
    if (list) list.push(record);
    else byUscc.set(record.uscc, [record]);
  }
  const router = express.Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.post('/payments/query', (req, res) => {
    const checked = checkQuery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const { uscc, year, idNumbers } = checked.value;
    const asked = new Set(idNumbers);
    const prefix = `${year}-`;
    // Only what was asked: this employer, this year, these people — and only the contract's fields.
    const answer: WageAnswer = {
      records: (byUscc.get(uscc) ?? [])
        .filter((r) => asked.has(r.idNumber) && r.month.startsWith(prefix))
        .map((r) => ({ idNumber: r.idNumber, uscc: r.uscc, month: r.month, amount: r.amount })),
    };
    res.json(answer);
  });

  return router;
}

// No uniqueness rule: several payments to one person in one month are several records.
export const wagesSimulator: SimulatedDepartment = {
  name: 'wages',
  async load(dataDir) {
    return createWagesRouter(await loadDataFile<WageRecord>(dataDir, WAGES_DATA_FILE, wageRecordSchema));
  },
};
