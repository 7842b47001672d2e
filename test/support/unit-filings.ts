// A unit's filing for some year written straight into the tables: what the season's reminder reads, with no process
// start left in the outbox for a later suite's dispatcher to run.
import { randomUUID } from 'node:crypto';
import type { Filing } from '../../filings/declaration/filing.ts';
import type { Db } from '../../platform/db.ts';
import type { FilingStatus } from '../../filings/filing-store.ts';

export async function storeUnitFiling(db: Db, filing: Filing, year: number, status: FilingStatus = 'submitted'): Promise<string> {
  const id = randomUUID();
  const { employer } = filing;
  await db.query(`insert into employers (uscc, name, region_code, unit_nature) values ($1, $2, $3, $4) on conflict (uscc) do nothing`, [
    employer.uscc,
    employer.name,
    employer.regionCode,
    employer.unitNature,
  ]);
  await db.query(
    `insert into filings (id, year, channel, employer_uscc, receiving_region_code, handling_region_code, status, declaration, created_by)
     values ($1, $2, $3, $4, $5, $5, $6, $7, 'test:unit-filings')`,
    [id, year, filing.channel, employer.uscc, employer.regionCode, status, JSON.stringify({ ...filing, year })],
  );
  return id;
}
