// Dispatched workers counted once across filings (财税〔2015〕72号 art. 8, docs/review.md §Dispatch): the months each
// filing's review counts of a dispatched person are claimed (db/migrations/034), keyed by year, person and agency;
// the first review to count a month holds it, and a later filing of the same year — the agency's or a host's —
// finds it held: those months are facts `claimedElsewhereInMonth` and the `employee-month` decision answers
// DISPATCH_COUNTED_ELSEWHERE. Everything here runs inside count-employees' transaction, with the review's result.
// Personal numbers go to the database as query parameters only, hashed there; they never leave this module.
import type { Filing } from '../filings/declaration/filing.ts';
import type { Db, Tx } from '../platform/db.ts';
import { maskIdNumber } from '../platform/masking.ts';
import type { ReviewResult } from './review-result.ts';

/** A declared dispatched person, with the agency the claim is keyed by (the filing's own USCC at the agency). */
interface Candidate {
  index: number;
  idNumber: string;
  agencyUscc: string;
}

/** Months of one declared person a review must not count: another filing holds them. */
export interface HeldElsewhere {
  index: number;
  /** YYYY-MM, sorted */
  months: string[];
  holdingFilingId: string;
  holdingIndex: number;
  agencyUscc: string;
}

/** The months of each declared employee held by another filing: the fact the judgement reads (by index). */
export interface ClaimedElsewhere {
  index: number;
  months: string[];
}

/** The dispatched people of a filing that name their agency: only they are claimed. */
function candidatesOf(filing: Filing): Candidate[] {
  return filing.employees.flatMap((e, index) =>
    e.employmentType === 'dispatch' && e.dispatchAgencyUscc ? [{ index, idNumber: e.idNumber, agencyUscc: e.dispatchAgencyUscc }] : [],
  );
}

const columns = (candidates: readonly Candidate[]) => [candidates.map((c) => c.idNumber), candidates.map((c) => c.agencyUscc), candidates.map((c) => c.index)];


/** The months another filing of the year holds of this filing's dispatched people; takes the year's claims lock. */
export async function heldElsewhere(tx: Tx, filingId: string, filing: Filing): Promise<HeldElsewhere[]> {
  const candidates = candidatesOf(filing);
  if (candidates.length === 0) return [];
  // One lock per review year: two filings of one person reviewed at once would otherwise both find the month free.
  await tx.query(`select pg_advisory_xact_lock(hashtext('dispatch-claims'), $1)`, [filing.year]);
  // A filing withdrawn or returned counts nobody any more: its months are free (a new filing of the unit claims anew).
  await tx.query(
    `delete from dispatch_claims c using filings f where c.year = $1 and f.id = c.filing_id and f.status in ('withdrawn', 'returned')`,
    [filing.year],
  );
  const { rows } = await tx.query<{ idx: number; months: string[]; filing_id: string; employee_index: number; agency_uscc: string }>(
    `select x.idx, array_agg(c.month order by c.month) as months, c.filing_id, c.employee_index, c.agency_uscc
       from unnest($3::text[], $4::text[], $5::int[]) as x (id_number, agency, idx)
       join dispatch_claims c on c.year = $2 and c.person_hash = supervision_person_hash(x.id_number) and c.agency_uscc = x.agency
      where c.filing_id <> $1
      group by x.idx, c.filing_id, c.employee_index, c.agency_uscc
      order by x.idx, c.filing_id`,
    [filingId, filing.year, ...columns(candidates)],
  );
  return rows.map((r) => ({ index: r.idx, months: r.months, holdingFilingId: r.filing_id, holdingIndex: r.employee_index, agencyUscc: r.agency_uscc }));
}

/** The fact sheet's view of what is held elsewhere: each index once, its months merged. */
export function claimedElsewhere(held: readonly HeldElsewhere[]): ClaimedElsewhere[] {
  const byIndex = new Map<number, Set<string>>();
  for (const h of held) {
    const months = byIndex.get(h.index) ?? new Set();
    h.months.forEach((m) => months.add(m));
    byIndex.set(h.index, months);
  }
  return [...byIndex].map(([index, months]) => ({ index, months: [...months].sort() }));
}

/**
 * Keeps this filing's claims as its result counts them: the months counted of each dispatched person are claimed
 * (a month claimed before keeps its time), months no longer counted are released; and the months refused for being
 * held elsewhere become findings for both filings. Idempotent: a re-run with the same result writes the same rows.
 */
export async function recordClaims(tx: Tx, filingId: string, filing: Filing, result: ReviewResult, held: readonly HeldElsewhere[]): Promise<void> {
  const candidates = candidatesOf(filing);
  const counted = candidates.flatMap((c) =>
    (result.employees.find((e) => e.index === c.index)?.months ?? []).filter((m) => m.counted).map((m) => ({ ...c, month: m.month })),
  );
  await tx.query(
    `with wanted as (
       select supervision_person_hash(x.id_number) as person_hash, x.agency, x.idx, x.month
         from unnest($3::text[], $4::text[], $5::int[], $6::text[]) as x (id_number, agency, idx, month)
     ), released as (
       delete from dispatch_claims c
        where c.filing_id = $1
          and not exists (select 1 from wanted w where w.person_hash = c.person_hash and w.agency = c.agency_uscc and w.month = c.month)
     )
     insert into dispatch_claims (year, person_hash, agency_uscc, month, filing_id, employee_index)
     select $2, w.person_hash, w.agency, w.month, $1, w.idx from wanted w
     on conflict (year, person_hash, agency_uscc, month) do update set employee_index = excluded.employee_index
       where dispatch_claims.filing_id = excluded.filing_id`,
    [filingId, filing.year, ...columns(counted), counted.map((c) => c.month)],
  );
  await tx.query('delete from dispatch_claim_conflicts where refused_filing_id = $1', [filingId]);
  for (const h of held) {
    const idNumber = filing.employees[h.index]!.idNumber;
    await tx.query(
      `insert into dispatch_claim_conflicts (refused_filing_id, refused_index, holding_filing_id, holding_index, agency_uscc, id_number_masked, months)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [filingId, h.index, h.holdingFilingId, h.holdingIndex, h.agencyUscc, maskIdNumber(idNumber), h.months],
    );
  }
}

/** The months each of these filings was refused as held elsewhere, as its last review stored them: the preview's fact. */
export async function storedClaimedElsewhere(db: Db, filingIds: readonly string[]): Promise<Map<string, ClaimedElsewhere[]>> {
  const { rows } = await db.query<{ refused_filing_id: string; refused_index: number; months: string[] }>(
    `select refused_filing_id, refused_index, months from dispatch_claim_conflicts where refused_filing_id = any($1::uuid[]) order by refused_index`,
    [filingIds],
  );
  const byFiling = new Map<string, HeldElsewhere[]>();
  for (const r of rows) {
    const list = byFiling.get(r.refused_filing_id) ?? [];
    list.push({ index: r.refused_index, months: r.months, holdingFilingId: '', holdingIndex: 0, agencyUscc: '' });
    byFiling.set(r.refused_filing_id, list);
  }
  return new Map([...byFiling].map(([id, held]) => [id, claimedElsewhere(held)]));
}
