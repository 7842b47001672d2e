// Recomputes the supervision tables (migration 023) from the system of record, for one year or all: after a bulk
// load that bypassed the triggers (COPY with `set supervision.bulk = on`, scripts/seed-season), or to check them.
// One transaction under an exclusive lock of the facts, so live writes wait rather than interleave; set-based, the
// same view (supervision_fact_source) and function (supervision_exits_of) the triggers use.
import { inTransaction, type Db } from '../platform/db.ts';

export interface RebuildCounts {
  facts: number;
  exits: number;
}

export async function rebuildSupervisionFacts(db: Db, options: { year?: number } = {}): Promise<RebuildCounts> {
  const counts = await inTransaction(db, async (tx) => {
    await tx.query('lock table supervision_filing_facts, supervision_totals, supervision_exits, supervision_exit_totals in exclusive mode');
    // The row triggers would add each fact to its totals one by one; the totals are summed once below instead.
    await tx.query(`set local supervision.bulk = 'on'`);
    const year = options.year ?? null;
    const byYear = (column: string) => `($1::integer is null or ${column} = $1)`;
    await tx.query(`delete from supervision_totals where ${byYear('year')}`, [year]);
    await tx.query(`delete from supervision_exit_totals where ${byYear('year')}`, [year]);
    await tx.query(`delete from supervision_exits where ${byYear('year')}`, [year]);
    await tx.query(`delete from supervision_filing_facts where ${byYear('year')}`, [year]);
    const facts = await tx.query(`insert into supervision_filing_facts select * from supervision_fact_source where ${byYear('year')}`, [year]);
    await tx.query(
      `insert into supervision_totals
       select year, county_code, industry, count(*), count(*) filter (where new_unit), count(*) filter (where online),
              count(*) filter (where "window"), count(*) filter (where accepted), count(*) filter (where awaiting_confirmation),
              count(*) filter (where disputed), count(*) filter (where certified), count(*) filter (where sent_to_tax),
              sum(certified_employees), sum(kind_disability), sum(kind_veteran), sum(kind_police), sum(grade_d1), sum(grade_d2),
              sum(grade_d3), sum(grade_d4), sum(grade_v1_4), sum(grade_v5_6), sum(grade_v7_10), count(*) filter (where below_quota),
              sum(shortfall), sum(levy_estimate), count(*) filter (where above_quota), sum(surplus),
              count(*) filter (where ratio_bucket = 'none'), count(*) filter (where ratio_bucket = 'under-half'),
              count(*) filter (where ratio_bucket = 'below'), count(*) filter (where ratio_bucket = 'at'),
              count(*) filter (where ratio_bucket = 'double')
         from supervision_filing_facts where filed and ${byYear('year')}
        group by year, county_code, industry`,
      [year],
    );
    const exits = await tx.query(
      `insert into supervision_exits select x.* from filings f cross join lateral supervision_exits_of(f.id) x where ${byYear('f.year')}`,
      [year],
    );
    await tx.query(
      `insert into supervision_exit_totals select year, county_code, reason, count(*) from supervision_exits where ${byYear('year')} group by year, county_code, reason`,
      [year],
    );
    return { facts: facts.rowCount ?? 0, exits: exits.rowCount ?? 0 };
  });
  // Fresh statistics after a bulk rewrite: without them the planner took the exits of a county for 7 rows and met
  // 8 294 (seed:season at 1 000 000 filings).
  await db.query('analyze supervision_filing_facts, supervision_totals, supervision_exits, supervision_exit_totals');
  return counts;
}
