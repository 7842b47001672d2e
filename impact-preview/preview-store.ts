// The filings a policy impact preview replays, read in batches: one query for a batch of filings that have a
// review and one each for their evidence and reviewers' decisions — never a query per filing. Read only.
import type { Filing } from '../filings/declaration/filing.ts';
import type { Db } from '../platform/db.ts';
import type { DepartmentEvidence } from '../review/employee-month-facts.ts';
import { storedClaimedElsewhere } from '../review/dispatch-claims.ts';
import { decisionsInForceOf } from '../review/manual-review-store.ts';
import type { EvidenceSource } from '../review/review-store.ts';
import type { RegistrationCheck } from '../review/department-facts.ts';
import { DEPARTMENT_SOURCES } from '../workers/count-employees.ts';
import type { PreviewFiling } from './impact-preview.ts';

export interface PreviewSelection {
  year: number;
  /** A county (its filings) or a city code xxxx00 (its counties' filings); all of Zhejiang when absent. */
  regionCode?: string;
  limit: number;
}

export const BATCH_SIZE = 200;

/** The filing condition of a selection, from parameter $2 on ($1 is the cursor). */
function selectionSql(selection: PreviewSelection): { where: string; params: unknown[] } {
  const params: unknown[] = [selection.year];
  let where = 'f.year = $2';
  if (selection.regionCode?.endsWith('00')) {
    params.push(`${selection.regionCode.slice(0, 4)}%`);
    where += ' and f.handling_region_code like $3';
  } else if (selection.regionCode) {
    params.push(selection.regionCode);
    where += ' and f.handling_region_code = $3';
  }
  return { where, params };
}

async function evidenceOf(db: Db, ids: string[]): Promise<Map<string, Partial<Record<EvidenceSource, unknown>>>> {
  const rows = await db.query<{ filing_id: string; source: EvidenceSource; facts: unknown }>(
    'select filing_id, source, facts from review_evidence where filing_id = any($1::uuid[])',
    [ids],
  );
  const byFiling = new Map<string, Partial<Record<EvidenceSource, unknown>>>();
  for (const row of rows.rows) {
    const stored = byFiling.get(row.filing_id) ?? {};
    stored[row.source] = row.facts;
    byFiling.set(row.filing_id, stored);
  }
  return byFiling;
}

/** The five departments' answers as count-employees assembles them; undefined while any is missing. */
function completeEvidence(stored: Partial<Record<EvidenceSource, unknown>>): DepartmentEvidence | undefined {
  if (DEPARTMENT_SOURCES.some(({ source }) => stored[source] === undefined)) return undefined;
  return Object.fromEntries(
    DEPARTMENT_SOURCES.map(({ source, field }) => [field, (stored[source] as Record<string, unknown>)[field] ?? []]),
  ) as unknown as DepartmentEvidence;
}

/**
 * The selected filings that have a stored review and complete evidence, in batches of BATCH_SIZE (by id, so a
 * filing reviewed meanwhile neither repeats nor skips another), up to `limit` in all.
 */
export async function* previewFilings(db: Db, selection: PreviewSelection): AsyncGenerator<PreviewFiling[]> {
  const { where, params } = selectionSql(selection);
  let after = '00000000-0000-0000-0000-000000000000';
  let left = selection.limit;
  while (left > 0) {
    const rows = await db.query<{ id: string; handling_region_code: string; declaration: Filing }>(
      `select f.id, f.handling_region_code, f.declaration
         from filings f join filing_reviews r on r.filing_id = f.id
        where f.id > $1 and ${where}
        order by f.id
        limit ${Math.min(BATCH_SIZE, left)}`,
      [after, ...params],
    );
    if (rows.rows.length === 0) return;
    after = rows.rows[rows.rows.length - 1]!.id;
    const ids = rows.rows.map((r) => r.id);
    const [evidence, manual, claimed] = await Promise.all([evidenceOf(db, ids), decisionsInForceOf(db, ids), storedClaimedElsewhere(db, ids)]);
    const batch: PreviewFiling[] = [];
    for (const row of rows.rows) {
      const stored = evidence.get(row.id) ?? {};
      const departments = completeEvidence(stored);
      if (!departments) continue;
      batch.push({
        id: row.id,
        employerName: row.declaration.employer.name,
        regionCode: row.handling_region_code,
        declaration: row.declaration,
        // A dispatched person's months another filing holds stay held: the preview replays the stored finding.
        evidence: { ...departments, claimedElsewhere: claimed.get(row.id) ?? [] },
        registration: (stored.registration as { registration?: RegistrationCheck } | undefined)?.registration,
        manualDecisions: manual.get(row.id) ?? new Map(),
      });
    }
    left -= rows.rows.length;
    yield batch;
  }
}
