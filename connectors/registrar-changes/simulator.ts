// Simulated change feeds of the three registrars: each publishes its own numbered stream of changes from
// registrar-changes.json, read after a given sequence number, as the provincial data-exchange platform serves them.
// Tests append records by rewriting the data file and reloading the simulators (POST /_admin/reload).
import express, { type Router } from 'express';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  MAX_FEED_LIMIT,
  REGISTRARS,
  registrarChangeRecordSchema,
  type Registrar,
  type RegistrarChange,
  type RegistrarChangeRecord,
  type RegistrarChangesAnswer,
} from './schema.ts';

export const REGISTRAR_CHANGES_DATA_FILE = 'registrar-changes.json';
const DEFAULT_LIMIT = 100;

const isRegistrar = (value: string): value is Registrar => (REGISTRARS as readonly string[]).includes(value);

function nonNegativeInteger(raw: unknown, fallback: number): number | null {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^[0-9]{1,15}$/.test(raw)) return null;
  return Number(raw);
}

/** The record as the feed publishes it: the contract's fields only, without the data file's `registrar`. */
function published({ registrar: _registrar, ...change }: RegistrarChangeRecord): RegistrarChange {
  return change;
}

export function createRegistrarChangesRouter(records: readonly RegistrarChangeRecord[]): Router {
  const byRegistrar = new Map<Registrar, RegistrarChangeRecord[]>(REGISTRARS.map((r) => [r, []]));
  for (const record of records) byRegistrar.get(record.registrar)!.push(record);
  // A data file may list a registrar's records in any order (and a test may repeat one to publish a duplicate).
  for (const list of byRegistrar.values()) list.sort((a, b) => a.sequence - b.sequence);
  const router = express.Router();

  router.get('/:registrar/changes', (req, res) => {
    const { registrar } = req.params;
    if (!isRegistrar(registrar)) {
      res.status(400).json({ error: 'bad_request', message: `registrar must be one of ${REGISTRARS.join(', ')}` });
      return;
    }
    const after = nonNegativeInteger(req.query.after, 0);
    const limit = nonNegativeInteger(req.query.limit, DEFAULT_LIMIT);
    if (after === null || limit === null || limit < 1 || limit > MAX_FEED_LIMIT) {
      res.status(400).json({ error: 'bad_request', message: `after must be a whole number ≥ 0, limit 1–${MAX_FEED_LIMIT}` });
      return;
    }
    const answer: RegistrarChangesAnswer = {
      registrar,
      records: byRegistrar.get(registrar)!.filter((r) => r.sequence > after).slice(0, limit).map(published),
    };
    res.json(answer);
  });

  return router;
}

export const registrarChangesSimulator: SimulatedDepartment = {
  name: 'registrar-changes',
  async load(dataDir) {
    // No unique key: a record repeated in the file is a feed publishing it twice, which readers must survive.
    const records = await loadDataFile<RegistrarChangeRecord>(dataDir, REGISTRAR_CHANGES_DATA_FILE, registrarChangeRecordSchema);
    return createRegistrarChangesRouter(records);
  },
};
