// The simulator side of a person-month query: serves POST {path} from a data file's records, answering only
// the asked unit, year and people, with only the contract's fields.
import express, { type Router } from 'express';
import { compileSchema } from '../../platform/schema.ts';
import { loadDataFile } from '../simulator-kit/data-files.ts';
import type { SimulatedDepartment } from '../simulator-kit/server.ts';
import {
  contractFields,
  personMonthQuerySchema,
  type PersonMonthAnswer,
  type PersonMonthQuery,
  type PersonMonthRecord,
  type PersonMonthService,
} from './schema.ts';

// 5000 ID numbers of 18 characters, quoted and comma-separated, fit well inside this.
const BODY_LIMIT = '512kb';

const checkQuery = compileSchema<PersonMonthQuery>(personMonthQuerySchema);

export function createPersonMonthQueryRouter<R extends PersonMonthRecord>(records: readonly R[], service: PersonMonthService<R>): Router {
  const byUscc = new Map<string, R[]>();
  for (const record of records) {
    const list = byUscc.get(record.uscc);
    if (list) list.push(record);
    else byUscc.set(record.uscc, [record]);
  }
  const keepContractFields = contractFields<R>(service.recordSchema);
  const router = express.Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.post(service.path, (req, res) => {
    const checked = checkQuery(req.body);
    if (!checked.ok) {
      res.status(400).json({ error: 'bad_request', errors: checked.issues });
      return;
    }
    const { uscc, year, idNumbers } = checked.value;
    const asked = new Set(idNumbers);
    const prefix = `${year}-`;
    // Only what was asked: this employer, this year, these people — and only the contract's fields.
    const answer: PersonMonthAnswer<R> = {
      records: (byUscc.get(uscc) ?? []).filter((r) => asked.has(r.idNumber) && r.month.startsWith(prefix)).map(keepContractFields),
    };
    res.json(answer);
  });

  return router;
}

/** One month of one person at one unit is recorded once. The key names the person by an ordinal, not the ID. */
function personMonthKey(): (record: PersonMonthRecord) => string {
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

export interface PersonMonthSimulatorOptions<R extends PersonMonthRecord> {
  /** URL segment and fault-switch name. */
  name: string;
  /** Read from the simulators' data directory. */
  dataFile: string;
  service: PersonMonthService<R>;
}

export function personMonthSimulator<R extends PersonMonthRecord>(options: PersonMonthSimulatorOptions<R>): SimulatedDepartment {
  const { name, dataFile, service } = options;
  return {
    name,
    async load(dataDir) {
      // Only a service with one fact a month forbids repeats; several payments in one month are several records.
      const options = service.monthlyFact === undefined ? {} : { uniqueKey: personMonthKey() };
      return createPersonMonthQueryRouter(await loadDataFile<R>(dataDir, dataFile, service.recordSchema, options), service);
    },
  };
}
