// The employer's rating of the service (好差评) in PostgreSQL: one per filing (rating again replaces it), and the
// summary city and province read — counts, average, distribution and the newest comments, never who rated.
import { inTransaction, type Db } from '../platform/db.ts';
import { maskNumbersInText, maskPhone } from '../platform/masking.ts';
import { filingScopeSql } from '../platform/http/access.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { FilingStatus } from '../filings/filing-store.ts';

/** A filing may be rated once it is certified: the service it rates is then done. */
export const RATING_OPEN_STATUSES: readonly FilingStatus[] = ['certified', 'sent_to_tax', 'closed'];

/** How many of the newest comments the summary shows. */
export const SUMMARY_COMMENTS = 20;

export interface Rating {
  score: number;
  comment: string | null;
  /** When the filing was first rated. */
  ratedAt: string;
  /** When the current score and comment were given. */
  updatedAt: string;
}

interface RatingRow {
  score: number;
  comment: string | null;
  rated_at: Date;
  updated_at: Date;
}

const fromRow = (row: RatingRow): Rating => ({
  score: row.score,
  comment: row.comment,
  ratedAt: row.rated_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Stores the rating, replacing an earlier one of the same filing; `created` tells the first rating from a change. */
export async function rateFiling(
  db: Db,
  who: Identity,
  filingId: string,
  score: number,
  comment: string | null,
): Promise<{ created: boolean; rating: Rating }> {
  return inTransaction(db, async (tx) => {
    const result = await tx.query<RatingRow & { created: boolean }>(
      `insert into ratings (filing_id, score, comment, rated_by) values ($1, $2, $3, $4)
       on conflict (filing_id) do update
         set score = excluded.score, comment = excluded.comment, rated_by = excluded.rated_by, updated_at = now()
       returning score, comment, rated_at, updated_at, (xmax = 0) as created`,
      [filingId, score, comment, who.sub],
    );
    const row = result.rows[0] as RatingRow & { created: boolean };
    await audit(tx, who, 'rating.set', { type: 'filing', id: filingId }, { score, replaced: !row.created });
    return { created: row.created, rating: fromRow(row) };
  });
}

export async function findRating(db: Db, filingId: string): Promise<Rating | undefined> {
  const result = await db.query<RatingRow>('select score, comment, rated_at, updated_at from ratings where filing_id = $1', [filingId]);
  return result.rows[0] ? fromRow(result.rows[0]) : undefined;
}

export interface RatingSummary {
  count: number;
  /** Two decimals; null when nobody rated. */
  average: number | null;
  /** How many gave each score. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  comments: { score: number; comment: string; ratedAt: string; year: number; regionCode: string }[];
}

export interface SummaryQuery {
  year?: number;
  /** Narrows the caller's scope to a province (xx0000), a city (xxxx00) or a county, by the handling office. */
  regionCode?: string;
}

// A mainland mobile number inside free text (maskNumbersInText covers ID and certificate numbers).
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** A comment as the summary shows it: personal numbers typed into it masked (保守秘密原则). */
function maskedComment(text: string): string {
  return maskNumbersInText(text).replace(MOBILE_IN_TEXT, (n) => maskPhone(n));
}

function regionCondition(regionCode: string, param: number): string {
  if (regionCode.endsWith('0000')) return `left(f.handling_region_code, 2) = left($${param}, 2)`;
  if (regionCode.endsWith('00')) return `left(f.handling_region_code, 4) = left($${param}, 4)`;
  return `f.handling_region_code = $${param}`;
}

/** The ratings of filings in the caller's scope (access.ts), optionally of one year and one region within it. */
export async function ratingSummary(db: Db, who: Identity, query: SummaryQuery): Promise<RatingSummary> {
  const scope = filingScopeSql(who, 1);
  const params: unknown[] = [...scope.params];
  const where = [scope.where];
  if (query.year !== undefined) where.push(`f.year = $${params.push(query.year)}`);
  if (query.regionCode !== undefined) where.push(regionCondition(query.regionCode, params.push(query.regionCode)));
  const condition = where.join(' and ');

  const counts = await db.query<{ score: number; n: string }>(
    `select r.score, count(*) as n from ratings r join filings f on f.id = r.filing_id where ${condition} group by r.score`,
    params,
  );
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let count = 0;
  let total = 0;
  for (const row of counts.rows) {
    const n = Number(row.n);
    distribution[String(row.score) as keyof typeof distribution] = n;
    count += n;
    total += n * row.score;
  }
  const comments = await db.query<{ score: number; comment: string; updated_at: Date; year: number; handling_region_code: string }>(
    `select r.score, r.comment, r.updated_at, f.year, f.handling_region_code from ratings r join filings f on f.id = r.filing_id
      where ${condition} and r.comment is not null and r.comment <> ''
      order by r.updated_at desc, r.filing_id limit $${params.length + 1}`,
    [...params, SUMMARY_COMMENTS],
  );
  return {
    count,
    average: count === 0 ? null : Math.round((total / count) * 100) / 100,
    distribution,
    // The unit is not named; numbers typed into a comment are masked.
    comments: comments.rows.map((r) => ({
      score: r.score,
      comment: maskedComment(r.comment),
      ratedAt: r.updated_at.toISOString(),
      year: r.year,
      regionCode: r.handling_region_code,
    })),
  };
}
