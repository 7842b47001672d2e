// What our own database says about a process instance having existed for a business key (a filing's id), for an
// outbox that must decide "already started" after the instance may have ended, with no engine history to ask: the
// diagram's steps that record something write it under the filing, with the engine's external task id beside it
// (db/migrations/005, 007, 022).
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';

/** Whether a worker of an instance with this business key has recorded anything: then the instance was started. */
export async function instanceLeftTraces(db: Db, businessKey: string): Promise<boolean> {
  // Filings' tables are keyed by uuid; another business key can only have left an effect.
  const filingId = isUuid(businessKey) ? businessKey : null;
  const { rows } = await db.query<{ found: boolean }>(
    `select exists (select 1 from filing_status_history where filing_id = $2::uuid and source_task_id is not null)
         or exists (select 1 from review_evidence where filing_id = $2::uuid)
         or exists (select 1 from effects where business_key = $1) as found`,
    [businessKey, filingId],
  );
  return rows[0]?.found ?? false;
}
