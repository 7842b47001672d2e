// A unit's master data in PostgreSQL: made by its first filing, its registered part kept from the registering
// department (check-registration), changed otherwise only by an authorised person, audited.
import { inTransaction, type Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';

export interface Employer {
  uscc: string;
  name: string;
  unitNature: string;
  regionCode: string;
  registeredName: string | null;
  registrationStatus: string | null;
  registrar: string | null;
  registrationCheckedAt: string | null;
  updatedAt: string;
}

interface EmployerRow {
  uscc: string;
  name: string;
  unit_nature: string;
  region_code: string;
  registered_name: string | null;
  registration_status: string | null;
  registrar: string | null;
  registration_checked_at: Date | null;
  updated_at: Date;
}

const fromRow = (r: EmployerRow): Employer => ({
  uscc: r.uscc,
  name: r.name,
  unitNature: r.unit_nature,
  regionCode: r.region_code,
  registeredName: r.registered_name,
  registrationStatus: r.registration_status,
  registrar: r.registrar,
  registrationCheckedAt: r.registration_checked_at?.toISOString() ?? null,
  updatedAt: r.updated_at.toISOString(),
});

export async function findEmployer(db: Db, uscc: string): Promise<Employer | undefined> {
  const found = await db.query<EmployerRow>('select * from employers where uscc = $1', [uscc]);
  return found.rows[0] ? fromRow(found.rows[0]) : undefined;
}

export interface EmployerChange {
  name?: string;
  unitNature?: string;
  regionCode?: string;
  /** Why: the document or decision behind the change. */
  note: string;
}

/** Changes the unit's master data and records who did it, what it was and why, in one transaction. */
export async function changeEmployer(db: Db, who: Identity, uscc: string, change: EmployerChange): Promise<Employer | undefined> {
  return inTransaction(db, async (tx) => {
    const before = await tx.query<EmployerRow>('select * from employers where uscc = $1 for update', [uscc]);
    const row = before.rows[0];
    if (!row) return undefined;
    const updated = await tx.query<EmployerRow>(
      `update employers set name = coalesce($2, name), unit_nature = coalesce($3, unit_nature), region_code = coalesce($4, region_code),
         updated_at = now() where uscc = $1 returning *`,
      [uscc, change.name ?? null, change.unitNature ?? null, change.regionCode ?? null],
    );
    await audit(tx, who, 'employer.update', { type: 'employer', id: uscc }, {
      before: { name: row.name, unitNature: row.unit_nature, regionCode: row.region_code },
      after: { name: change.name, unitNature: change.unitNature, regionCode: change.regionCode },
      note: change.note,
    });
    return fromRow(updated.rows[0] as EmployerRow);
  });
}
