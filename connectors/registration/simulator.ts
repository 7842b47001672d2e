// Simulated unit-registration service: answers for the units in registrations.json, each only through
// the registrar that registered it, as the real departments do.
import express, { type Router } from 'express';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  REGISTRARS,
  registrationRecordSchema,
  USCC_PATTERN,
  type Registrar,
  type RegistrationAnswer,
  type RegistrationRecord,
} from './schema.ts';

export const REGISTRATION_DATA_FILE = 'registrations.json';

const usccShape = new RegExp(USCC_PATTERN);
const isRegistrar = (value: string): value is Registrar => (REGISTRARS as readonly string[]).includes(value);

export function createRegistrationRouter(records: readonly RegistrationRecord[]): Router {
  const byUscc = new Map(records.map((record) => [record.uscc, record]));
  const router = express.Router();

  router.get('/:registrar/units/:uscc', (req, res) => {
    const { registrar, uscc } = req.params;
    if (!isRegistrar(registrar)) {
      res.status(400).json({ error: 'bad_request', message: `registrar must be one of ${REGISTRARS.join(', ')}` });
      return;
    }
    if (!usccShape.test(uscc)) {
      res.status(400).json({ error: 'bad_request', message: 'uscc must be 18 characters of the USCC alphabet' });
      return;
    }
    const record = byUscc.get(uscc);
    if (!record || record.registrar !== registrar) {
      res.status(404).json({ error: 'not_found' });
      return;
    }
    // Only the contract's fields: extra fields in the data file stay in the simulator.
    const answer: RegistrationAnswer = {
      uscc: record.uscc,
      name: record.name,
      registrar: record.registrar,
      status: record.status,
      changedAt: record.changedAt,
    };
    res.json(answer);
  });

  return router;
}

export const registrationSimulator: SimulatedDepartment = {
  name: 'registration',
  async load(dataDir) {
    const records = await loadDataFile<RegistrationRecord>(dataDir, REGISTRATION_DATA_FILE, registrationRecordSchema, {
      uniqueKey: (record) => record.uscc,
    });
    return createRegistrationRouter(records);
  },
};
