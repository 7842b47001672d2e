// The one writer of the register of units (unit_register, unit_register_changes): applies one change a registrar's
// feed published. Applied once per (registrar, sequence) — the change row's unique key — so a record read again
// after a crash or in a repeated batch changes nothing. The caller holds the transaction that also moves the feed's
// cursor (workers/pull-registrar-changes.ts), so a change and "read up to here" commit together or not at all.
import type { Tx } from '../platform/db.ts';

export type RegisterStatus = 'active' | 'deregistered' | 'abnormal' | 'irregular';

export interface RegisterChangeRecord {
  registrar: 'samr' | 'civil' | 'org';
  sequence: number;
  uscc: string;
  changeType: 'registered' | 'deregistered' | 'abnormal-listed' | 'abnormal-removed' | 'irregular-listed' | 'irregular-removed' | 'details-changed';
  effectiveOn: string;
  name?: string;
  regionCode?: string;
  industryCode?: string | null;
  unitNature?: string;
}

export interface AppliedRegisterChange {
  /** false: this registrar's sequence number was applied before, nothing changed now. */
  applied: boolean;
  /** The change row (unit_register_changes.id); null when not applied. */
  changeId: number | null;
  statusBefore: RegisterStatus | null;
  statusAfter: RegisterStatus | null;
}

/** A record the register cannot take (a change of a unit no registration made known): a person must look at the feed. */
export class RegisterChangeRefused extends Error {
  override name = 'RegisterChangeRefused';
}

interface UnitRow {
  status: RegisterStatus;
  name: string;
  region_code: string;
  industry_code: string | null;
  unit_nature: string;
}

/**
 * The status a change leads to. A removal from a list brings the unit back to active only from that list: a unit
 * deregistered meanwhile stays deregistered, and one on the other list stays there.
 */
function statusAfter(change: RegisterChangeRecord['changeType'], before: RegisterStatus | null): RegisterStatus {
  switch (change) {
    case 'registered':
      return 'active';
    case 'deregistered':
      return 'deregistered';
    case 'abnormal-listed':
      return before === 'deregistered' ? before : 'abnormal';
    case 'irregular-listed':
      return before === 'deregistered' ? before : 'irregular';
    case 'abnormal-removed':
      return before === 'abnormal' ? 'active' : (before ?? 'active');
    case 'irregular-removed':
      return before === 'irregular' ? 'active' : (before ?? 'active');
    case 'details-changed':
      return before ?? 'active';
  }
}

/** The details the record gives that differ from the unit's row (all it gives, for a unit new to the register). */
function changedDetails(record: RegisterChangeRecord, unit: UnitRow | null): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const given: [keyof RegisterChangeRecord, keyof UnitRow][] = [['name', 'name'], ['regionCode', 'region_code'], ['industryCode', 'industry_code'], ['unitNature', 'unit_nature']];
  for (const [field, column] of given) {
    const value = record[field] as string | null | undefined;
    if (value !== undefined && (unit === null || unit[column] !== value)) out[field] = value;
  }
  return out;
}

export async function applyRegisterChange(tx: Tx, record: RegisterChangeRecord): Promise<AppliedRegisterChange> {
  const seen = await tx.query('select 1 from unit_register_changes where registrar = $1 and sequence = $2', [record.registrar, record.sequence]);
  if (seen.rowCount) return { applied: false, changeId: null, statusBefore: null, statusAfter: null };

  const found = await tx.query<UnitRow>('select status, name, region_code, industry_code, unit_nature from unit_register where uscc = $1 for update', [record.uscc]);
  const unit = found.rows[0] ?? null;
  const before = unit?.status ?? null;
  const after = statusAfter(record.changeType, before);
  const details = changedDetails(record, unit);

  if (unit === null) {
    // A unit first known from this record: its registration, or a change that carries what the register needs.
    if (record.name === undefined || record.regionCode === undefined || record.unitNature === undefined) {
      throw new RegisterChangeRefused(`${record.registrar} #${record.sequence}: ${record.changeType} of ${record.uscc}, a unit no registration made known`);
    }
    await tx.query(
      `insert into unit_register (uscc, name, registrar, status, status_since, region_code, industry_code, unit_nature, registered_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [record.uscc, record.name, record.registrar, after, record.effectiveOn, record.regionCode, record.industryCode ?? null, record.unitNature,
        record.changeType === 'registered' ? record.effectiveOn : null],
    );
  } else {
    await tx.query(
      `update unit_register set
         name = coalesce($2, name), region_code = coalesce($3, region_code),
         industry_code = case when $4::boolean then $5 else industry_code end, unit_nature = coalesce($6, unit_nature),
         status = $7, status_since = case when status = $7 then status_since else $8::date end,
         registered_on = case when $9::boolean then $8::date else registered_on end, updated_at = now()
       where uscc = $1`,
      [record.uscc, record.name ?? null, record.regionCode ?? null, record.industryCode !== undefined, record.industryCode ?? null, record.unitNature ?? null,
        after, record.effectiveOn, record.changeType === 'registered'],
    );
  }
  const change = await tx.query<{ id: string }>(
    `insert into unit_register_changes (uscc, registrar, sequence, change_type, status_before, status_after, effective_on, changes, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [record.uscc, record.registrar, record.sequence, record.changeType, before, after, record.effectiveOn, JSON.stringify(details), `feed:${record.registrar}`],
  );
  return { applied: true, changeId: Number(change.rows[0]!.id), statusBefore: before, statusAfter: after };
}
