// Simulated medical-security service: answers, for one employer and year, the monthly medical insurance
// contributions of the people asked about, from medical.json.
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import { medicalQuerySchema, medicalRecordSchema, type MedicalAnswer, type MedicalQuery, type MedicalRecord } from './schema.ts';

export const MEDICAL_DATA_FILE = 'medical.json';

// 5000 ID numbers of 18 characters, quoted and comma-separated, fit well inside this.
const BODY_LIMIT = '512kb';

const checkQuery = compileSchema<MedicalQuery>(medicalQuerySchema);

export function createMedicalRouter(records: readonly MedicalRecord[]): Router {
  const byUscc = new Map<string, MedicalRecord[]>();
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
    const answer: MedicalAnswer = {
      records: (byUscc.get(uscc) ?? [])
        .filter((r) => asked.has(r.idNumber) && r.month.startsWith(prefix))
        .map((r) => ({ idNumber: r.idNumber, uscc: r.uscc, month: r.month, paid: r.paid })),
    };
    res.json(answer);
  });

  return router;
}

/** One month of one person at one unit is recorded once. The key names the person by an ordinal, not the ID. */
function personMonthKey(): (record: MedicalRecord) => string {
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

export const medicalSimulator: SimulatedDepartment = {
  name: 'medical',
  async load(dataDir) {
    const records = await loadDataFile<MedicalRecord>(dataDir, MEDICAL_DATA_FILE, medicalRecordSchema, { uniqueKey: personMonthKey() });
    return createMedicalRouter(records);
  },
};
