// What a registrar's change means for filings under way (docs/registrar-feeds.md): a unit deregistered, listed in the
// abnormal-operation directory or as a 非正常户 while a filing of it is being handled gets a finding for the county
// handling it and a task there to decide whether the filing goes on — a message to the filing's process
// (processes/annual-review.bpmn, 登记状态变化) left in the outbox. Written in the transaction that applies the change,
// so a change applied is never without its finding and message, and a change applied once makes them once.
import type { AppliedRegisterChange, RegisterChangeRecord, RegisterStatus } from '../units/apply-register-change.ts';
import { enqueueMessage } from '../outbox/outbox-commands.ts';
import type { Tx } from '../platform/db.ts';

/** The statuses a county must weigh while it handles the unit's filing. */
const STATUSES_TO_DECIDE: readonly RegisterStatus[] = ['deregistered', 'abnormal', 'irregular'];

/** A filing being handled: not yet certified, nor ended (returned, withdrawn, transferred out of the province). */
export const FILING_STATUSES_UNDER_WAY = ['submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review', 'transferred'] as const;

export const UNIT_STATUS_CHANGED_MESSAGE = 'unit-status-changed';

/** The findings (and county tasks) this applied change makes: the filings of the unit under way in Zhejiang. */
export async function flagFilingsUnderWay(tx: Tx, record: RegisterChangeRecord, applied: AppliedRegisterChange): Promise<number> {
  if (!applied.applied || applied.changeId === null || applied.statusAfter === null) return 0;
  if (applied.statusAfter === applied.statusBefore || !STATUSES_TO_DECIDE.includes(applied.statusAfter)) return 0;
  const filings = await tx.query<{ id: string; handling_region_code: string }>(
    `select id, handling_region_code from filings
     where employer_uscc = $1 and status = any($2::text[]) and handling_region_code like '33%'`,
    [record.uscc, FILING_STATUSES_UNDER_WAY],
  );
  let flagged = 0;
  for (const filing of filings.rows) {
    const inserted = await tx.query(
      `insert into register_change_findings (filing_id, change_id, uscc, registrar, sequence, change_type, status_after, effective_on, region_code)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (filing_id, change_id) do nothing`,
      [filing.id, applied.changeId, record.uscc, record.registrar, record.sequence, record.changeType, applied.statusAfter, record.effectiveOn, filing.handling_region_code],
    );
    if (!inserted.rowCount) continue;
    const registerChangeId = String(applied.changeId);
    await enqueueMessage(tx, filing.id, {
      messageName: UNIT_STATUS_CHANGED_MESSAGE,
      // Codes and dates only: the form and the filing page say them in Chinese.
      variables: { registerChangeId, registerChangeType: record.changeType, registerStatus: applied.statusAfter, registerChangeEffectiveOn: record.effectiveOn },
      marker: { name: 'registerChangeId', value: registerChangeId },
    });
    flagged += 1;
  }
  return flagged;
}
