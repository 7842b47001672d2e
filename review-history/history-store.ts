// The history tables (db/migrations/028 review_history, review_history_employees; 030 review_history_imports): an
// import's record with its progress and problems, the region each unit belongs to, and the write itself — each
// unit-year of the file replacing the one stored before, all in the caller's one transaction.
import type { Db, Tx } from '../platform/db.ts';
import type { HistoryError, UnitYear } from './history-check.ts';

export type ImportState = 'reading' | 'checking' | 'writing' | 'done' | 'refused' | 'failed';

/** Problems kept with an import: enough for any file a person fixes by hand; `errorCount` says how many in all. */
export const ERRORS_KEPT = 5000;
/** Unit-years written per statement: a progress step, and statements well inside the pool's statement timeout. */
export const WRITE_BATCH = 5000;

export interface HistoryImport {
  id: string;
  dryRun: boolean;
  state: ImportState;
  createdBy: string;
  regionCode: string;
  fileName: string;
  rowsTotal: number;
  rowsDone: number;
  employeesTotal: number;
  replaced: number;
  errorCount: number;
  errors: HistoryError[];
  createdAt: string;
  finishedAt: string | null;
}

export async function createImport(
  db: Db,
  row: { id: string; dryRun: boolean; createdBy: string; createdRole: string; regionCode: string; fileName: string },
): Promise<void> {
  await db.query(
    `insert into review_history_imports (id, dry_run, state, created_by, created_role, region_code, file_name)
     values ($1, $2, 'reading', $3, $4, $5, $6)`,
    [row.id, row.dryRun, row.createdBy, row.createdRole, row.regionCode, row.fileName],
  );
}

export async function setProgress(db: Db, id: string, progress: { state: ImportState; rowsTotal?: number; rowsDone?: number; employeesTotal?: number }): Promise<void> {
  await db.query(
    `update review_history_imports
        set state = $2, rows_total = coalesce($3, rows_total), rows_done = coalesce($4, rows_done),
            employees_total = coalesce($5, employees_total), updated_at = now()
      where id = $1`,
    [id, progress.state, progress.rowsTotal ?? null, progress.rowsDone ?? null, progress.employeesTotal ?? null],
  );
}

export async function finishImport(db: Db | Tx, id: string, end: { state: ImportState; errors?: HistoryError[]; rowsDone?: number; replaced?: number }): Promise<void> {
  const errors = end.errors ?? [];
  await db.query(
    `update review_history_imports
        set state = $2, errors = $3::jsonb, error_count = $4, rows_done = coalesce($5, rows_done),
            replaced = coalesce($6, replaced), updated_at = now(), finished_at = now()
      where id = $1`,
    [id, end.state, JSON.stringify(errors.slice(0, ERRORS_KEPT)), errors.length, end.rowsDone ?? null, end.replaced ?? null],
  );
}

/**
 * An import whose record has not moved for a quarter of an hour was cut off by a stop of the API (its reading has a
 * time limit, each written batch moves the record): its transaction never committed, so nothing of it was written.
 */
export async function endAbandonedImports(db: Db): Promise<void> {
  await db.query(
    `update review_history_imports
        set state = 'failed', finished_at = now(), updated_at = now(), error_count = 1,
            errors = jsonb_build_array(jsonb_build_object('sheet', '', 'row', 0, 'column', '', 'code', 'IMPORT_ABANDONED',
              'message', '导入因系统重启而中断，未写入任何数据；请重新导入'))
      where state in ('reading', 'checking', 'writing') and updated_at < now() - interval '15 minutes'`,
  );
}

export async function readImport(db: Db, id: string): Promise<(HistoryImport & { createdRole: string }) | undefined> {
  const result = await db.query<{
    id: string; dry_run: boolean; state: ImportState; created_by: string; created_role: string; region_code: string; file_name: string;
    rows_total: number; rows_done: number; employees_total: number; replaced: number; error_count: number; errors: HistoryError[];
    created_at: Date; finished_at: Date | null;
  }>(`select * from review_history_imports where id = $1`, [id]);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    id: r.id, dryRun: r.dry_run, state: r.state, createdBy: r.created_by, createdRole: r.created_role, regionCode: r.region_code,
    fileName: r.file_name, rowsTotal: r.rows_total, rowsDone: r.rows_done, employeesTotal: r.employees_total, replaced: r.replaced,
    errorCount: r.error_count, errors: r.errors, createdAt: r.created_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/**
 * The county each unit belongs to: the register's where it knows the unit, else the unit's master row (made by a
 * filing here). A unit in neither is unknown.
 */
export async function unitRegions(db: Db, usccs: readonly string[]): Promise<Map<string, string>> {
  const result = await db.query<{ uscc: string; region_code: string }>(
    `select k.uscc, coalesce(r.region_code, e.region_code) as region_code
       from unnest($1::text[]) k(uscc)
       left join unit_register r on r.uscc = k.uscc
       left join employers e on e.uscc = k.uscc
      where r.uscc is not null or e.uscc is not null`,
    [usccs],
  );
  return new Map(result.rows.map((r) => [r.uscc, r.region_code]));
}

/**
 * Writes one batch of unit-years: those stored before are deleted (their employees with them) and the file's
 * inserted, so a corrected file replaces and never duplicates. The unit's filing of the next year, if any, has its
 * supervision figures and exits brought up to date (its "new unit" and exits read this year). Returns how many
 * unit-years replaced stored ones.
 */
export async function writeHistoryBatch(tx: Tx, importId: string, units: readonly UnitYear[], regionOf: (uscc: string) => string): Promise<number> {
  const usccs = units.map((u) => u.uscc);
  const years = units.map((u) => u.year);
  const deleted = await tx.query(
    `delete from review_history h using unnest($1::text[], $2::int[]) k(uscc, year) where h.uscc = k.uscc and h.year = k.year`,
    [usccs, years],
  );
  await tx.query(
    `insert into review_history (uscc, year, unit_name, region_code, staff_count, average_wage, certified_count, required_count, levy_paid, import_id)
     select k.*, $10::uuid from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[]) k`,
    [
      usccs, years, units.map((u) => u.unitName), units.map((u) => regionOf(u.uscc)), units.map((u) => u.staffCount),
      units.map((u) => u.averageWage), units.map((u) => u.certifiedCount), units.map((u) => u.requiredCount), units.map((u) => u.levyPaid), importId,
    ],
  );
  const people = units.flatMap((u) => u.employees.map((employee, position) => ({ uscc: u.uscc, year: u.year, position, employee })));
  if (people.length > 0) {
    await tx.query(
      `insert into review_history_employees (uscc, year, position, employee)
       select * from unnest($1::text[], $2::int[], $3::int[], $4::jsonb[])`,
      [people.map((p) => p.uscc), people.map((p) => p.year), people.map((p) => p.position), people.map((p) => JSON.stringify(p.employee))],
    );
  }
  await tx.query(
    `select supervision_refresh(f.id, true)
       from filings f join unnest($1::text[], $2::int[]) k(uscc, year) on f.employer_uscc = k.uscc and f.year = k.year + 1`,
    [usccs, years],
  );
  return deleted.rowCount ?? 0;
}
