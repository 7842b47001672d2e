// Filings in PostgreSQL: storing a new one together with its first status and the engine command that
// starts its process (one transaction, so neither exists without the other), and reading them back.
import { createHash, randomUUID } from 'node:crypto';
import type { Filing } from './declaration/filing.ts';
import { inTransaction, type Db, type Tx } from '../platform/db.ts';
import type { FieldIssue } from '../platform/schema.ts';
import { filingScopeSql, type FilingScope } from '../platform/http/access.ts';
import { audit } from '../platform/http/audit.ts';
import { cityCodeOf, isZhejiang } from '../domain/regions.ts';
import type { Identity, SystemCaller } from '../platform/http/identity.ts';
import { recordInboundTransfer, type InboundOrigin } from '../national-platform/transfer-store.ts';
import { enqueueProcessStart } from '../outbox/outbox-commands.ts';

export const FILING_STATUSES = [
  'submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review',
  'certified', 'feedback', 'sent_to_tax', 'closed', 'returned', 'transferred', 'withdrawn',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export interface StoredFiling extends FilingScope {
  id: string;
  year: number;
  channel: 'online' | 'window';
  status: FilingStatus;
  declaration: Filing;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface StatusEntry {
  status: FilingStatus;
  at: string;
  actor: string;
  note: string | null;
  /** The diagram's step that wrote it (null for the filing itself). */
  step: string | null;
}

/** The process every new filing starts (processes/annual-review.bpmn). */
export const ANNUAL_REVIEW_PROCESS_ID = 'annual-review';

interface FilingRow {
  id: string;
  year: number;
  channel: 'online' | 'window';
  employer_uscc: string;
  receiving_region_code: string;
  handling_region_code: string;
  status: FilingStatus;
  declaration: Filing;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: FilingRow): StoredFiling {
  return {
    id: row.id,
    year: row.year,
    channel: row.channel,
    employerUscc: row.employer_uscc,
    receivingRegionCode: row.receiving_region_code,
    handlingRegionCode: row.handling_region_code,
    status: row.status,
    declaration: row.declaration,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const columns =
  'f.id, f.year, f.channel, f.employer_uscc, f.receiving_region_code, f.handling_region_code, f.status, f.declaration, f.created_by, f.created_at, f.updated_at';

/**
 * The variables a filing's process starts with: primitive values only (the engine keeps no JSON here), and no
 * personal numbers (保守秘密原则) — workers read those from PostgreSQL by `filingId`.
 */
export function processVariablesOf(
  id: string,
  filing: Filing,
  receivingRegionCode: string,
  // 跨省通办: a filing the national platform delivered reports its result back through it.
  receivedVia: 'local' | 'national-platform' = 'local',
): Record<string, string | number | boolean> {
  const { employer } = filing;
  const intake = filing.windowIntake;
  // What the diagram routes on (channel, the handling county's group) and what an operator finds an instance by in
  // Cockpit; everything else is read from PostgreSQL. Each variable is rows in the engine, for every filing.
  return {
    filingId: id,
    year: filing.year,
    channel: filing.channel,
    employerUscc: employer.uscc,
    employerName: employer.name,
    handlingRegionCode: employer.regionCode,
    // Escalations of the county's missed deadlines go to its city's supervisors (city-<code>).
    handlingCityCode: cityCodeOf(employer.regionCode),
    // 收受分离: where it was received decides a transfer; an employer outside Zhejiang is handled there.
    receivingRegionCode,
    handledInZhejiang: isZhejiang(employer.regionCode),
    receivedVia,
    // Window filings: complete paper is accepted on the spot; otherwise what is missing is told to the employer.
    materialsComplete: intake?.materialsComplete ?? false,
    missingMaterials: intake?.materialsComplete === false ? (intake.missingMaterials ?? '') : '',
  };
}

export type CreateFilingResult =
  | { kind: 'created'; filing: StoredFiling }
  /** The same request again (same Idempotency-Key, same body): the filing it made. */
  | { kind: 'repeated'; filing: StoredFiling }
  /** The Idempotency-Key was used before for a different request. */
  | { kind: 'key_reused'; filingId: string }
  /** The unit already has a filing under way for that year. */
  | { kind: 'exists'; filingId: string };

/** Statuses that no longer hold the unit's place for the year: a new filing may be made. */
export const ENDED_WITHOUT_FILING: readonly FilingStatus[] = ['returned', 'withdrawn'];

function requestHash(filing: Filing): string {
  return createHash('sha256').update(JSON.stringify(filing)).digest('hex');
}

/**
 * What an earlier request with this Idempotency-Key by this person made: the same filing again (`repeated`) when
 * the body is the same, `key_reused` when it is not, undefined when the key is new or absent.
 */
export async function earlierRequest(
  db: Db | Tx,
  who: Identity | SystemCaller,
  idempotencyKey: string | undefined,
  filing: Filing,
): Promise<Extract<CreateFilingResult, { kind: 'repeated' | 'key_reused' }> | undefined> {
  if (!idempotencyKey) return undefined;
  const found = await db.query<FilingRow & { idempotency_hash: string | null }>(
    `select ${columns}, f.idempotency_hash from filings f where f.created_by = $1 and f.idempotency_key = $2`,
    [who.sub, idempotencyKey],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  return row.idempotency_hash === requestHash(filing) ? { kind: 'repeated', filing: fromRow(row) } : { kind: 'key_reused', filingId: row.id };
}

/**
 * Stores a validated declaration. The handling office is the employer's county (属地); the receiving office is where
 * it was filed. Safe under concurrency: a repeat of the same Idempotency-Key by the same person gets the first
 * filing (or `key_reused` when the body differs); a second filing for the unit and year while one is under way gets
 * `exists` — the unique indexes decide, so racing requests cannot make two. The unit's master data is created by
 * its first filing and never rewritten by a later one: what a filing declares stays with the filing.
 */
export async function createFiling(
  db: Db,
  who: Identity | SystemCaller,
  filing: Filing,
  idempotencyKey: string | undefined,
  notices: FieldIssue[] = [],
  /** A filing the national platform delivered (跨省通办): where it came from, recorded with it. */
  inbound?: InboundOrigin,
): Promise<CreateFilingResult> {
  const earlier = (tx: Tx) => earlierRequest(tx, who, idempotencyKey, filing);
  const hash = requestHash(filing);

  return inTransaction(db, async (tx) => {
    const before = await earlier(tx);
    if (before) return before;
    const id = randomUUID();
    const { employer } = filing;
    const receiving = filing.receivingRegionCode ?? (who.role === 'clerk' ? who.regionCode : undefined) ?? employer.regionCode;
    await tx.query(
      `insert into employers (uscc, name, region_code, unit_nature) values ($1, $2, $3, $4) on conflict (uscc) do nothing`,
      [employer.uscc, employer.name, employer.regionCode, employer.unitNature],
    );
    const inserted = await tx.query<FilingRow>(
      `insert into filings (id, year, channel, employer_uscc, receiving_region_code, handling_region_code, status,
         declaration, created_by, idempotency_key, idempotency_hash, intake_notices)
       values ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $10, $11)
       on conflict do nothing
       returning id, year, channel, employer_uscc, receiving_region_code, handling_region_code, status, declaration,
         created_by, created_at, updated_at`,
      [id, filing.year, filing.channel, employer.uscc, receiving, employer.regionCode, JSON.stringify(filing), who.sub,
        idempotencyKey ?? null, idempotencyKey ? hash : null, JSON.stringify(notices)],
    );
    if (inserted.rowCount === 0) {
      // A racing request won: the same key (a retry) or the same unit and year (a second filing).
      const again = await earlier(tx);
      if (again) return again;
      const active = await tx.query<{ id: string }>(
        `select id from filings where employer_uscc = $1 and year = $2 and status <> all($3) limit 1`,
        [employer.uscc, filing.year, ENDED_WITHOUT_FILING],
      );
      if (active.rows[0]) return { kind: 'exists', filingId: active.rows[0].id };
      throw new Error('filing insert conflicted with no filing to show for it');
    }
    await tx.query(`insert into filing_status_history (filing_id, status, actor, step) values ($1, 'submitted', $2, 'filed')`, [id, who.sub]);
    if (inbound) await recordInboundTransfer(tx, id, inbound);
    await enqueueProcessStart(tx, id, { processId: ANNUAL_REVIEW_PROCESS_ID, variables: processVariablesOf(id, filing, receiving, inbound ? 'national-platform' : 'local') });
    await audit(tx, who, 'filing.create', { type: 'filing', id }, { channel: filing.channel, employees: filing.employees.length });
    return { kind: 'created', filing: fromRow(inserted.rows[0] as FilingRow) };
  });
}

export async function intakeNotices(db: Db, id: string): Promise<FieldIssue[]> {
  const result = await db.query<{ intake_notices: FieldIssue[] }>('select intake_notices from filings where id = $1', [id]);
  return result.rows[0]?.intake_notices ?? [];
}

export async function findFiling(db: Db, id: string): Promise<StoredFiling | undefined> {
  const result = await db.query<FilingRow>(`select ${columns} from filings f where f.id = $1`, [id]);
  return result.rows[0] ? fromRow(result.rows[0]) : undefined;
}

export async function statusHistory(db: Db, id: string): Promise<StatusEntry[]> {
  const result = await db.query<{ status: FilingStatus; at: Date; actor: string; note: string | null; step: string | null }>(
    'select status, at, actor, note, step from filing_status_history where filing_id = $1 order by id',
    [id],
  );
  return result.rows.map((r) => ({ status: r.status, at: r.at.toISOString(), actor: r.actor, note: r.note, step: r.step }));
}

export interface StatusChange {
  filingId: string;
  status: FilingStatus;
  step: string;
  actor: string;
  note: string | null;
  /** The engine's external task that reports it: the same task reported twice records one entry. */
  sourceTaskId: string;
}

/**
 * Records a step of the filing's process and moves its status; answers false when that task had already recorded
 * it. One statement: the entry and the status change commit together or not at all.
 */
export async function recordStatusChange(db: Db, change: StatusChange): Promise<boolean> {
  const result = await db.query<{ id: string }>(
    `with entry as (
       insert into filing_status_history (filing_id, status, actor, note, step, source_task_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (source_task_id) where source_task_id is not null do nothing
       returning filing_id
     )
     update filings f set status = $2, updated_at = now() from entry where f.id = entry.filing_id returning f.id`,
    [change.filingId, change.status, change.actor, change.note, change.step, change.sourceTaskId],
  );
  return (result.rowCount ?? 0) > 0;
}

export interface FilingQuery {
  year?: number;
  status?: FilingStatus;
  uscc?: string;
  limit: number;
  offset: number;
}

/** Filings the caller may see, newest first. */
export async function listFilings(db: Db, who: Identity, query: FilingQuery): Promise<{ total: number; items: StoredFiling[] }> {
  const scope = filingScopeSql(who, 1);
  const params: unknown[] = [...scope.params];
  const where = [scope.where];
  if (query.year !== undefined) where.push(`f.year = $${params.push(query.year)}`);
  if (query.status !== undefined) where.push(`f.status = $${params.push(query.status)}`);
  if (query.uscc !== undefined) where.push(`f.employer_uscc = $${params.push(query.uscc)}`);
  const condition = where.join(' and ');
  const total = await db.query<{ n: string }>(`select count(*) as n from filings f where ${condition}`, params);
  const rows = await db.query<FilingRow>(
    `select ${columns} from filings f where ${condition} order by f.created_at desc, f.id
     limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  return { total: Number(total.rows[0]?.n ?? 0), items: rows.rows.map(fromRow) };
}

export interface Discrepancy {
  field: 'name' | 'unitNature' | 'regionCode';
  declared: string;
  /** What the unit's master data holds: the registering department's record where known, else its first filing. */
  onRecord: string;
  source: 'registration' | 'master_data';
}

const sameName = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/** Where the filing's declared unit differs from the unit's master data: for the reviewer to see, not to refuse. */
export async function employerDiscrepancies(db: Db, filing: StoredFiling): Promise<Discrepancy[]> {
  const found = await db.query<{ name: string; unit_nature: string; region_code: string; registered_name: string | null }>(
    'select name, unit_nature, region_code, registered_name from employers where uscc = $1',
    [filing.employerUscc],
  );
  const master = found.rows[0];
  if (!master) return [];
  const declared = filing.declaration.employer;
  const out: Discrepancy[] = [];
  const name = master.registered_name ?? master.name;
  if (!sameName(declared.name, name)) {
    out.push({ field: 'name', declared: declared.name, onRecord: name, source: master.registered_name ? 'registration' : 'master_data' });
  }
  if (declared.unitNature !== master.unit_nature) {
    out.push({ field: 'unitNature', declared: declared.unitNature, onRecord: master.unit_nature, source: 'master_data' });
  }
  if (declared.regionCode !== master.region_code) {
    out.push({ field: 'regionCode', declared: declared.regionCode, onRecord: master.region_code, source: 'master_data' });
  }
  return out;
}

/** What the registering department said of the unit: kept as its master data's registered part. */
export async function recordRegistration(
  db: Db,
  uscc: string,
  registration: { registrar: string; name: string | null; status: string | null },
): Promise<void> {
  await db.query(
    `update employers set registered_name = $2, registration_status = $3, registrar = $4, registration_checked_at = now() where uscc = $1`,
    [uscc, registration.name, registration.status, registration.registrar],
  );
}
