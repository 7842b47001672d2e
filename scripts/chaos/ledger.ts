// What the fault suite counts at the end, per filing, straight from the two databases: its status, and every effect
// that must exist at most once — process instances per business key (runtime and history), status entries (one per
// status and step), certificates, tax pushes, notifications (one per title and deadline), and the outbox rows sent.
import type pg from 'pg';
import { ANNUAL_REVIEW_PROCESS_ID } from '../../filings/filing-store.ts';

const STORED_KINDS = ['process instances', 'status entries', 'certificates', 'tax pushes', 'notifications', 'outbox sends'] as const;
/** Stored effects, counted per filing here; department queries, counted per phase at the simulators (run-chaos.ts). */
export const DOUBLE_KINDS = [...STORED_KINDS, 'department queries'] as const;
export type DoubleKind = (typeof DOUBLE_KINDS)[number];

export interface FilingLedger {
  id: string;
  uscc: string;
  status: string;
  /** When it first reached each status it reached. */
  reachedAt: Record<string, number>;
  /** Each effect counted above its expected number, by kind (how many extra). */
  doubled: Partial<Record<DoubleKind, number>>;
}

/** The extra rows of each `(filing, kind)` group counted twice or more. */
async function extras(db: pg.Pool, sql: string, ids: string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ key: string; extra: string }>(sql, [ids]);
  const map = new Map<string, number>();
  for (const r of rows) map.set(r.key, (map.get(r.key) ?? 0) + Number(r.extra));
  return map;
}

export async function readLedger(appDb: pg.Pool, engineDb: pg.Pool, usccs: string[]): Promise<FilingLedger[]> {
  const { rows: filings } = await appDb.query<{ id: string; uscc: string; status: string; reached: Record<string, string> }>(
    `select f.id, f.employer_uscc as uscc, f.status,
            (select coalesce(jsonb_object_agg(status, at), '{}') from (
               select h.status, min(h.at) as at from filing_status_history h where h.filing_id = f.id group by h.status) r) as reached
       from filings f where f.employer_uscc = any($1)`,
    [usccs],
  );
  const ids = filings.map((f) => f.id);
  const counts: Record<(typeof STORED_KINDS)[number], Map<string, number>> = {
    // Runtime and history alike: an instance started twice shows in one or the other whatever the history level.
    'process instances': await extras(
      engineDb,
      `select business_key_ as key, greatest(count(*) - 1, 0) as extra from (
         select id_, business_key_ from act_hi_procinst where proc_def_key_ = '${ANNUAL_REVIEW_PROCESS_ID}' and business_key_ = any($1)
         union
         select e.proc_inst_id_, e.business_key_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
          where e.id_ = e.proc_inst_id_ and d.key_ = '${ANNUAL_REVIEW_PROCESS_ID}' and e.business_key_ = any($1)) instances
        group by 1 having count(*) > 1`,
      ids,
    ),
    'status entries': await extras(
      appDb,
      `select filing_id::text as key, count(*) - 1 as extra from filing_status_history where filing_id = any($1::uuid[])
        group by filing_id, status, step having count(*) > 1`,
      ids,
    ),
    // No feedback is filed in the suite: one certificate and one push at most.
    certificates: await extras(appDb, `select filing_id::text as key, count(*) - 1 as extra from certificates where filing_id = any($1::uuid[]) group by 1 having count(*) > 1`, ids),
    'tax pushes': await extras(appDb, `select filing_id::text as key, count(*) - 1 as extra from tax_handovers where filing_id = any($1::uuid[]) group by 1 having count(*) > 1`, ids),
    notifications: await extras(
      appDb,
      `select filing_id::text as key, count(*) - 1 as extra from notifications where filing_id = any($1::uuid[])
        group by filing_id, kind, title, due_at having count(*) > 1`,
      ids,
    ),
    'outbox sends': await extras(
      appDb,
      `select business_key as key, count(*) - 1 as extra from outbox where business_key = any($1) and dispatched_at is not null
        group by business_key, command, command_key having count(*) > 1`,
      ids,
    ),
  };
  return filings.map((f) => ({
    id: f.id,
    uscc: f.uscc,
    status: f.status,
    reachedAt: Object.fromEntries(Object.entries(f.reached).map(([status, at]) => [status, Date.parse(at)])),
    doubled: Object.fromEntries(STORED_KINDS.flatMap((kind) => (counts[kind].has(f.id) ? [[kind, counts[kind].get(f.id)!]] : []))),
  }));
}
