// Months of a dispatched person two filings of one year both counted (review/dispatch-claims.ts, db/migrations/034):
// the later filing was refused them (DISPATCH_COUNTED_ELSEWHERE). Shown to the staff of both counties beside each
// filing — the refusing and the holding one — never to the employer, who sees the reason on its employee's months.
import type { Db } from '../platform/db.ts';

export interface DispatchClaimFinding {
  /** `refused`: this filing was refused the months; `holding`: this filing counted them first. */
  side: 'refused' | 'holding';
  /** The person's position in THIS filing's declared employees. */
  index: number;
  idNumberMasked: string;
  agencyUscc: string;
  /** YYYY-MM */
  months: string[];
  other: { filingId: string; uscc: string; unitName: string; regionCode: string };
  recordedAt: string;
}

export async function dispatchClaimFindingsOf(db: Db, filingId: string): Promise<DispatchClaimFinding[]> {
  const { rows } = await db.query<{
    side: DispatchClaimFinding['side']; idx: number; id_number_masked: string; agency_uscc: string; months: string[];
    other_id: string; other_uscc: string; other_name: string; other_region: string; created_at: Date;
  }>(
    `select x.side, x.idx, x.id_number_masked, x.agency_uscc, x.months, f.id as other_id, f.employer_uscc as other_uscc,
            coalesce(f.declaration #>> '{employer,name}', '') as other_name, f.handling_region_code as other_region, x.created_at
       from (select 'refused' as side, refused_index as idx, holding_filing_id as other, id_number_masked, agency_uscc, months, created_at
               from dispatch_claim_conflicts where refused_filing_id = $1
             union all
             select 'holding', holding_index, refused_filing_id, id_number_masked, agency_uscc, months, created_at
               from dispatch_claim_conflicts where holding_filing_id = $1) x
       join filings f on f.id = x.other
      order by x.created_at, x.idx`,
    [filingId],
  );
  return rows.map((r) => ({
    side: r.side,
    index: r.idx,
    idNumberMasked: r.id_number_masked,
    agencyUscc: r.agency_uscc,
    months: r.months,
    other: { filingId: r.other_id, uscc: r.other_uscc, unitName: r.other_name, regionCode: r.other_region },
    recordedAt: r.created_at.toISOString(),
  }));
}
