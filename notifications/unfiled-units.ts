// The units a concentrated-period reminder addresses: they filed (or were imported as history) for the year before the
// review year and have not yet filed for the review year, and were not reminded lately. Read a page at a time in USCC order, so a season with
// thousands of such units is a series of short queries, never one long one.
import type { Db } from '../platform/db.ts';
import { ENDED_WITHOUT_FILING } from '../filings/filing-store.ts';

export interface UnfiledUnit {
  uscc: string;
  name: string;
}

export interface UnfiledUnitsPage {
  /** The year this season reviews; the units filed for the year before it. */
  reviewYear: number;
  /** Units reminded at or after this instant are left out. */
  remindedSince: Date;
  /** The page starts after this USCC ('' for the first page). */
  after: string;
  limit: number;
}

/**
 * One page of units to remind. A returned or withdrawn filing counts as none, either year: the unit has not filed.
 * A reminder is recognised by its recipient group (`employer-<uscc>`) and kind, whatever wrote it.
 */
export async function unfiledUnits(db: Db, page: UnfiledUnitsPage): Promise<UnfiledUnit[]> {
  // Last year's filers: units that filed here, and units whose last year was imported as history (review_history,
  // docs/review-history.md) — such a unit may have no master row yet, so its name is the history's.
  const result = await db.query<UnfiledUnit>(
    `select u.uscc, u.name
       from (
         select e.uscc, e.name
           from employers e
          where e.uscc > $1
            and exists (select 1 from filings f where f.employer_uscc = e.uscc and f.year = $2 and f.status <> all($4))
         union all
         select h.uscc, coalesce((select e.name from employers e where e.uscc = h.uscc), h.unit_name)
           from review_history h
          where h.year = $2 and h.uscc > $1
            and not exists (select 1 from filings f where f.employer_uscc = h.uscc and f.year = $2 and f.status <> all($4))
       ) u
      where not exists (select 1 from filings f where f.employer_uscc = u.uscc and f.year = $3 and f.status <> all($4))
        and not exists (select 1 from notifications n
                         where n.recipient_group = 'employer-' || u.uscc and n.kind = 'season-reminder' and n.created_at >= $5)
      order by u.uscc
      limit $6`,
    [page.after, page.reviewYear - 1, page.reviewYear, ENDED_WITHOUT_FILING, page.remindedSince, page.limit],
  );
  return result.rows;
}
