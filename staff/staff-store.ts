// The staff register in PostgreSQL (db/migrations/021_staff_register.sql): one entry per person, found by the
// identity provider's subject; listed by region, role and standing; created and changed with the audit row in the
// same transaction. Development sign-in makes an entry for a person it signs in, never touching one that exists.
import { createHash } from 'node:crypto';
import type { IsoDate } from '../platform/china-date.ts';
import { inTransaction, type Db, type Tx } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';
import { ROLE_NAMES } from '../platform/http/role-names.ts';
import { isStaffRole, PROVINCE_CODE, regionLevelOf, type StaffRole } from './staff-roles.ts';

/** What the register says of a person: everything an administrator sets. */
export interface StaffEntry {
  name: string;
  roles: StaffRole[];
  regionCode: string;
  certificateNumber: string | null;
  /** The last day the post certificate is valid. */
  certificateExpiresOn: IsoDate | null;
  agreementSignedOn: IsoDate | null;
  active: boolean;
}

export interface StaffMember extends StaffEntry {
  sub: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

interface StaffRow {
  sub: string;
  name: string;
  roles: StaffRole[];
  region_code: string;
  certificate_number: string | null;
  certificate_expires_on: string | null;
  agreement_signed_on: string | null;
  active: boolean;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

// Dates as text: node-pg would read a `date` as local midnight, a day off in some time zones.
const COLUMNS = `sub, name, roles, region_code, certificate_number, certificate_expires_on::text as certificate_expires_on,
  agreement_signed_on::text as agreement_signed_on, active, created_at, created_by, updated_at, updated_by`;

const fromRow = (r: StaffRow): StaffMember => ({
  sub: r.sub,
  name: r.name,
  roles: r.roles,
  regionCode: r.region_code,
  certificateNumber: r.certificate_number,
  certificateExpiresOn: r.certificate_expires_on,
  agreementSignedOn: r.agreement_signed_on,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

/** The code prefix of everything a region covers: 33 for the province, 3301 for Hangzhou, the county itself. */
function prefixOf(code: string): string {
  const level = regionLevelOf(code);
  return level === 'province' ? code.slice(0, 2) : level === 'city' ? code.slice(0, 4) : code;
}

export async function findStaff(db: Db | Tx, sub: string): Promise<StaffMember | undefined> {
  const found = await db.query<StaffRow>(`select ${COLUMNS} from staff_members where sub = $1`, [sub]);
  return found.rows[0] ? fromRow(found.rows[0]) : undefined;
}

/**
 * `expiring`: active, certificate valid today and ending within `expiringWithinDays` (the deployed reminder's lead); `expired`: certificate ended;
 * `refused`: anyone who may not work on personal data today, for whatever reason (staff-standing.ts).
 */
export type StaffStatusFilter = 'expiring' | 'expired' | 'refused';

export interface StaffQuery {
  /** A county, city or the province: entries within it. */
  regionCode?: string;
  role?: StaffRole;
  status?: StaffStatusFilter;
  /** Days ahead a certificate counts as expiring (status `expiring`). */
  expiringWithinDays?: number;
  /** Part of the name or of the login name. */
  text?: string;
  limit: number;
  offset: number;
}

/** Entries within the scope (a city's counties and itself; the province all), by region and login name. */
export async function listStaff(db: Db, scopeCode: string, query: StaffQuery, today: IsoDate): Promise<{ total: number; items: StaffMember[] }> {
  const params: unknown[] = [`${prefixOf(scopeCode)}%`];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = ['region_code like $1'];
  if (query.regionCode !== undefined) where.push(`region_code like ${param(`${prefixOf(query.regionCode)}%`)}`);
  if (query.role !== undefined) where.push(`${param(query.role)} = any(roles)`);
  if (query.text !== undefined) {
    const text = param(query.text.toLowerCase());
    where.push(`(position(${text} in lower(name)) > 0 or position(${text} in lower(sub)) > 0)`);
  }
  if (query.status === 'expiring') {
    const day = param(today);
    where.push(`active and certificate_expires_on between ${day}::date and ${day}::date + ${param(query.expiringWithinDays ?? 0)}::int`);
  }
  if (query.status === 'expired') where.push(`certificate_expires_on < ${param(today)}::date`);
  if (query.status === 'refused') {
    where.push(`(not active or certificate_expires_on is null or certificate_expires_on < ${param(today)}::date or agreement_signed_on is null)`);
  }
  const condition = where.join(' and ');
  const total = await db.query<{ n: number }>(`select count(*)::int as n from staff_members where ${condition}`, params);
  const rows = await db.query<StaffRow>(
    `select ${COLUMNS} from staff_members where ${condition} order by region_code, sub limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  return { total: total.rows[0]?.n ?? 0, items: rows.rows.map(fromRow) };
}

export type CreateStaffResult = { kind: 'created'; member: StaffMember } | { kind: 'exists' } | { kind: 'certificate_taken' };

const isCertificateTaken = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'staff_members_certificate_number';

/** A new entry and its audit row, in one transaction; an existing login name or certificate number changes nothing. */
export async function createStaff(db: Db, who: Identity, sub: string, entry: StaffEntry): Promise<CreateStaffResult> {
  try {
    return await inTransaction(db, async (tx) => {
      const inserted = await tx.query<StaffRow>(
        `insert into staff_members (sub, name, roles, region_code, certificate_number, certificate_expires_on, agreement_signed_on, active, created_by, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         on conflict (sub) do nothing
         returning ${COLUMNS}`,
        [sub, entry.name, entry.roles, entry.regionCode, entry.certificateNumber, entry.certificateExpiresOn, entry.agreementSignedOn, entry.active, who.sub],
      );
      const row = inserted.rows[0];
      if (!row) return { kind: 'exists' } as const;
      await audit(tx, who, 'staff.create', { type: 'staff', id: sub }, { after: entry });
      return { kind: 'created', member: fromRow(row) } as const;
    });
  } catch (error) {
    if (isCertificateTaken(error)) return { kind: 'certificate_taken' };
    throw error;
  }
}

export type UpdateStaffResult = { kind: 'updated'; member: StaffMember } | { kind: 'not_found' } | { kind: 'certificate_taken' };

/**
 * Changes an entry and writes the audit row (each changed field before and after) in one transaction. `check` sees
 * the entry as it is, locked, and as it would be; whatever it throws leaves the entry unchanged.
 */
export async function updateStaff(
  db: Db,
  who: Identity,
  sub: string,
  change: Partial<StaffEntry>,
  check: (before: StaffMember, after: StaffEntry) => void,
): Promise<UpdateStaffResult> {
  try {
    return await inTransaction(db, async (tx) => {
      const locked = await tx.query<StaffRow>(`select ${COLUMNS} from staff_members where sub = $1 for update`, [sub]);
      if (!locked.rows[0]) return { kind: 'not_found' } as const;
      const before = fromRow(locked.rows[0]);
      const after: StaffEntry = { ...entryOf(before), ...change };
      check(before, after);
      const updated = await tx.query<StaffRow>(
        `update staff_members set name = $2, roles = $3, region_code = $4, certificate_number = $5, certificate_expires_on = $6,
           agreement_signed_on = $7, active = $8, updated_at = now(), updated_by = $9
         where sub = $1 returning ${COLUMNS}`,
        [sub, after.name, after.roles, after.regionCode, after.certificateNumber, after.certificateExpiresOn, after.agreementSignedOn, after.active, who.sub],
      );
      const changed = (Object.keys(change) as (keyof StaffEntry)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      await audit(tx, who, 'staff.update', { type: 'staff', id: sub }, {
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
      return { kind: 'updated', member: fromRow(updated.rows[0] as StaffRow) } as const;
    });
  } catch (error) {
    if (isCertificateTaken(error)) return { kind: 'certificate_taken' };
    throw error;
  }
}

export function entryOf(member: StaffMember): StaffEntry {
  const { name, roles, regionCode, certificateNumber, certificateExpiresOn, agreementSignedOn, active } = member;
  return { name, roles, regionCode, certificateNumber, certificateExpiresOn, agreementSignedOn, active };
}

/** Who made the entries development sign-in makes. */
export const DEVELOPMENT_SIGN_IN = 'development-sign-in';

/**
 * Development sign-in's staff have an entry: a certificate valid one year from `today` and an agreement signed today,
 * made once (audited as a development entry). An existing entry is never touched, so a test can expire a certificate
 * through the register and see the refusal. Employers are not staff.
 */
export async function ensureDevelopmentStaff(db: Db, identity: Identity, today: IsoDate): Promise<void> {
  if (!isStaffRole(identity.role)) return;
  const sub = identity.sub;
  const certificate = `DEV-${createHash('sha256').update(sub).digest('hex').slice(0, 16).toUpperCase()}`;
  await inTransaction(db, async (tx) => {
    const inserted = await tx.query(
      `insert into staff_members (sub, name, roles, region_code, certificate_number, certificate_expires_on, agreement_signed_on, created_by, updated_by)
       values ($1, $2, $3, $4, $5, ($6::date + interval '1 year')::date, $6::date, $7, $7)
       on conflict (sub) do nothing
       returning sub`,
      [sub, identity.name ?? ROLE_NAMES[identity.role], [identity.role], identity.regionCode ?? PROVINCE_CODE, certificate, today, DEVELOPMENT_SIGN_IN],
    );
    if (inserted.rowCount === 1) await audit(tx, identity, 'staff.create', { type: 'staff', id: sub }, { development: true, certificateNumber: certificate });
  });
}

export interface ExpiringCertificate {
  sub: string;
  name: string;
  regionCode: string;
  certificateNumber: string;
  certificateExpiresOn: IsoDate;
}

/** One page, in login-name order, of the active people whose certificate ends between two days (both included). */
export async function expiringCertificates(
  db: Db,
  page: { from: IsoDate; to: IsoDate; after: string; limit: number },
): Promise<ExpiringCertificate[]> {
  const found = await db.query<ExpiringCertificate>(
    `select sub, name, region_code as "regionCode", certificate_number as "certificateNumber", certificate_expires_on::text as "certificateExpiresOn"
       from staff_members
      where active and certificate_expires_on between $1::date and $2::date and sub > $3
      order by sub
      limit $4`,
    [page.from, page.to, page.after, page.limit],
  );
  return found.rows;
}
