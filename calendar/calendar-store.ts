// The working-day calendar's overrides in PostgreSQL: read them into a WorkingDayCalendar, list the published
// years, and publish a year (its days replaced as a whole, in one transaction, with an audit row).
import { inTransaction, type Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';
import { WorkingDayCalendar, type DayKind, type IsoDate } from './working-day-calendar.ts';

export interface CalendarDay {
  day: IsoDate;
  kind: DayKind;
  name: string;
}

export interface PublishedYear {
  year: number;
  publishedAt: string;
  publishedBy: string;
  source: string;
  holidays: number;
  workdays: number;
}

/** The package plus every override, read fresh: the tables are tiny and another process may have just published. */
export async function loadCalendar(db: Db): Promise<WorkingDayCalendar> {
  // Dates as text: pg turns `date` into a local-midnight Date, which shifts a day in some server timezones.
  const [years, days] = await Promise.all([
    db.query<{ year: number }>('select year from calendar_years'),
    db.query<{ day: string; kind: DayKind }>(`select to_char(day, 'YYYY-MM-DD') as day, kind from calendar_days`),
  ]);
  return new WorkingDayCalendar({
    years: new Set(years.rows.map((r) => r.year)),
    days: new Map(days.rows.map((r) => [r.day, r.kind])),
  });
}

export async function listPublishedYears(db: Db): Promise<PublishedYear[]> {
  const result = await db.query<{
    year: number;
    published_at: Date;
    published_by: string;
    source: string;
    holidays: number;
    workdays: number;
  }>(
    `select y.year, y.published_at, y.published_by, y.source,
            count(d.day) filter (where d.kind = 'holiday')::int as holidays,
            count(d.day) filter (where d.kind = 'workday')::int as workdays
       from calendar_years y
       left join calendar_days d on d.day between make_date(y.year, 1, 1) and make_date(y.year, 12, 31)
      group by y.year
      order by y.year`,
  );
  return result.rows.map((r) => ({
    year: r.year,
    publishedAt: r.published_at.toISOString(),
    publishedBy: r.published_by,
    source: r.source,
    holidays: r.holidays,
    workdays: r.workdays,
  }));
}

/**
 * Publishes a year: it becomes known, and its override days become exactly `days` (earlier ones of that year
 * go). The caller has checked that every day lies in the year and none repeats.
 */
export async function publishYear(db: Db, year: number, days: CalendarDay[], source: string, who: Identity): Promise<void> {
  const outside = days.find((d) => Number(d.day.slice(0, 4)) !== year);
  if (outside) throw new Error(`publishYear(${year}): ${outside.day} lies outside the year`);
  await inTransaction(db, async (tx) => {
    // The year row first: its lock makes two publications of one year wait for each other instead of colliding.
    await tx.query(
      `insert into calendar_years (year, published_at, published_by, source) values ($1, now(), $2, $3)
       on conflict (year) do update set published_at = now(), published_by = excluded.published_by, source = excluded.source`,
      [year, who.sub, source],
    );
    const removed = await tx.query('delete from calendar_days where day between make_date($1, 1, 1) and make_date($1, 12, 31)', [
      year,
    ]);
    if (days.length > 0) {
      await tx.query(
        `insert into calendar_days (day, kind, name)
         select * from unnest($1::date[], $2::text[], $3::text[])`,
        [days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name)],
      );
    }
    await audit(tx, who, 'calendar.publish_year', { type: 'calendar_year', id: String(year) }, {
      source,
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
      replacedDays: removed.rowCount ?? 0,
    });
  });
}
