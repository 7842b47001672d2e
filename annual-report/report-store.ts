// The annual reports in our database (db/migrations/024): opened once per city and year together with their
// process start, the data section frozen when prepared, each submission a version with its files, each reading by
// the province with its decision and comment. Every write is idempotent per the engine's external task.
import { zhejiangCounties } from '../domain/regions.ts';
import { enqueueProcessStart } from '../outbox/outbox-commands.ts';
import { inTransaction, type Db } from '../platform/db.ts';
import type { ReportTexts } from './report-content.ts';
import type { ReportFigures } from './report-figures.ts';

export const ANNUAL_REPORT_PROCESS = 'annual-report';

export type StoredReportState = 'starting' | 'drafting' | 'submitted' | 'returned' | 'accepted';

/** Every city of Zhejiang, by code: each sends the province a report. */
export function zhejiangCityCodes(): string[] {
  return [...new Set(zhejiangCounties().map((c) => c.cityCode))].sort();
}

/** The business key of a city's report process: one instance per city and year. */
export function annualReportKey(year: number, cityCode: string): string {
  return `annual-report-${year}-${cityCode}`;
}

/**
 * Opens the report of each city for the year that has none yet, each with the start of its process in the outbox
 * (one transaction per city): run again, for the same year, it opens nothing. Returns the cities opened.
 */
export async function openAnnualReports(db: Db, year: number, cityCodes: readonly string[]): Promise<string[]> {
  const opened: string[] = [];
  for (const cityCode of cityCodes) {
    const started = await inTransaction(db, async (tx) => {
      const key = annualReportKey(year, cityCode);
      const { rowCount } = await tx.query(
        `insert into annual_reports (year, city_code, business_key) values ($1, $2, $3) on conflict (year, city_code) do nothing`,
        [year, cityCode, key],
      );
      if (rowCount !== 1) return false;
      await enqueueProcessStart(tx, key, { processId: ANNUAL_REPORT_PROCESS, variables: { year, cityCode } });
      return true;
    });
    if (started) opened.push(cityCode);
  }
  return opened;
}

/**
 * Freezes the data section: the figures of this moment, unless the report holds figures already (a task handed out
 * again keeps the first). Returns the figures the report holds; undefined when there is no such report.
 */
export async function freezeFigures(db: Db, year: number, cityCode: string, figures: ReportFigures, dueAt: string | null): Promise<ReportFigures | undefined> {
  const { rows } = await db.query<{ figures: ReportFigures }>(
    `update annual_reports
        set figures = coalesce(figures, $3::jsonb),
            figures_at = coalesce(figures_at, now()),
            due_at = coalesce($4::timestamptz, due_at),
            state = case when state = 'starting' then 'drafting' else state end,
            updated_at = now()
      where year = $1 and city_code = $2
      returning figures`,
    [year, cityCode, JSON.stringify(figures), dueAt],
  );
  return rows[0]?.figures;
}

/** A report started by hand (Cockpit, a test) rather than by the yearly timer: its row, so it is kept like the rest. */
export async function ensureReport(db: Db, year: number, cityCode: string): Promise<void> {
  await db.query(`insert into annual_reports (year, city_code, business_key) values ($1, $2, $3) on conflict (year, city_code) do nothing`, [
    year,
    cityCode,
    annualReportKey(year, cityCode),
  ]);
}

export async function frozenFigures(db: Db, year: number, cityCode: string): Promise<ReportFigures | undefined> {
  const { rows } = await db.query<{ figures: ReportFigures | null }>(`select figures from annual_reports where year = $1 and city_code = $2`, [year, cityCode]);
  return rows[0]?.figures ?? undefined;
}

export interface NewReportVersion {
  year: number;
  cityCode: string;
  texts: ReportTexts;
  submittedBy: string | null;
  submittedAt: Date;
  /** Renders the files for the version number it is given. */
  render(version: number): Promise<{ docx: Buffer; pdf: Buffer }>;
  sourceTaskId: string;
}

/** Keeps a submission as the next version with its files; the task handed out again gets the version it made. */
export async function saveReportVersion(db: Db, v: NewReportVersion): Promise<number> {
  const done = await db.query<{ version: number }>(`select version from annual_report_versions where source_task_id = $1`, [v.sourceTaskId]);
  if (done.rows[0]) return done.rows[0].version;
  const { rows } = await db.query<{ next: number }>(`select coalesce(max(version), 0) + 1 as next from annual_report_versions where year = $1 and city_code = $2`, [v.year, v.cityCode]);
  const version = rows[0]!.next;
  // Rendered outside the transaction: the row lock is held only for the insert.
  const files = await v.render(version);
  return inTransaction(db, async (tx) => {
    await tx.query(`select 1 from annual_reports where year = $1 and city_code = $2 for update`, [v.year, v.cityCode]);
    const again = await tx.query<{ version: number }>(`select version from annual_report_versions where source_task_id = $1`, [v.sourceTaskId]);
    if (again.rows[0]) return again.rows[0].version;
    await tx.query(
      `insert into annual_report_versions (year, city_code, version, industry_analysis, market_demand, recommendations, submitted_by, submitted_at, docx, pdf, source_task_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [v.year, v.cityCode, version, v.texts.industryAnalysis, v.texts.marketDemand, v.texts.recommendations, v.submittedBy, v.submittedAt, files.docx, files.pdf, v.sourceTaskId],
    );
    await tx.query(`update annual_reports set state = 'submitted', updated_at = now() where year = $1 and city_code = $2`, [v.year, v.cityCode]);
    return version;
  });
}

export interface ReportReview {
  year: number;
  cityCode: string;
  version: number;
  decision: 'accept' | 'return';
  comment: string;
  reviewedBy: string | null;
  sourceTaskId: string;
}

/** Keeps the province's reading of a version and sets the report's state; once per task. */
export async function recordReportReview(db: Db, r: ReportReview): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { rowCount } = await tx.query(
      `insert into annual_report_reviews (year, city_code, version, decision, comment, reviewed_by, source_task_id)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (source_task_id) do nothing`,
      [r.year, r.cityCode, r.version, r.decision, r.comment, r.reviewedBy, r.sourceTaskId],
    );
    if (rowCount !== 1) return;
    await tx.query(`update annual_reports set state = $3, updated_at = now() where year = $1 and city_code = $2`, [r.year, r.cityCode, r.decision === 'accept' ? 'accepted' : 'returned']);
  });
}

export interface StoredReportStatus {
  cityCode: string;
  state: StoredReportState;
  dueAt: Date | null;
  figuresAt: Date | null;
  version: number | null;
  submittedAt: Date | null;
  lastReview: { decision: 'accept' | 'return'; comment: string; reviewedAt: Date } | null;
}

/** The reports of a year, one row per city that has one. */
export async function reportStatuses(db: Db, year: number): Promise<StoredReportStatus[]> {
  const { rows } = await db.query<{
    city_code: string;
    state: StoredReportState;
    due_at: Date | null;
    figures_at: Date | null;
    version: number | null;
    submitted_at: Date | null;
    decision: 'accept' | 'return' | null;
    comment: string | null;
    reviewed_at: Date | null;
  }>(
    `select r.city_code, r.state, r.due_at, r.figures_at, v.version, v.submitted_at, rv.decision, rv.comment, rv.reviewed_at
       from annual_reports r
       left join lateral (select version, submitted_at from annual_report_versions
                           where year = r.year and city_code = r.city_code order by version desc limit 1) v on true
       left join lateral (select decision, comment, reviewed_at from annual_report_reviews
                           where year = r.year and city_code = r.city_code order by reviewed_at desc limit 1) rv on true
      where r.year = $1
      order by r.city_code`,
    [year],
  );
  return rows.map((r) => ({
    cityCode: r.city_code,
    state: r.state,
    dueAt: r.due_at,
    figuresAt: r.figures_at,
    version: r.version,
    submittedAt: r.submitted_at,
    lastReview: r.decision ? { decision: r.decision, comment: r.comment ?? '', reviewedAt: r.reviewed_at as Date } : null,
  }));
}

export type ReportFileKind = 'docx' | 'pdf';

/** The latest version's file of one kind, with its version number; undefined when nothing was submitted. */
export async function latestReportFile(db: Db, year: number, cityCode: string, kind: ReportFileKind): Promise<{ version: number; bytes: Buffer } | undefined> {
  const column = kind === 'docx' ? 'docx' : 'pdf';
  const { rows } = await db.query<{ version: number; bytes: Buffer }>(
    `select version, ${column} as bytes from annual_report_versions where year = $1 and city_code = $2 order by version desc limit 1`,
    [year, cityCode],
  );
  return rows[0];
}
