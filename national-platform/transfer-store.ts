// Filings that crossed the national platform (跨省通办), one row each: delivered to us for a Zhejiang unit (inbound,
// written with the filing itself) or sent out for a unit of another province (outbound, written by the worker).
import type { Db, Tx } from '../platform/db.ts';

/** Where an inbound filing came from: the platform's transfer and the other province's office that received it. */
export interface InboundOrigin {
  transferId: string;
  receivingRegionCode: string;
  receivedAt: string;
}

export interface OutboundRecord {
  filingId: string;
  /** The platform's receipt: its id of the transfer. */
  receiptId: string;
  /** The unit's own office in its province. */
  handlingRegionCode: string;
  receivedAt: string;
  /** The engine's external task that sent it. */
  sourceTaskId: string;
}

/** A filing's crossing as the filing API shows it. */
export interface TransferView {
  direction: 'inbound' | 'outbound';
  /** The platform's id of the transfer: the transferId it delivered, or the receiptId it gave for ours. */
  transferId: string;
  /** The other province's office: the one that received it (inbound) or will handle it (outbound). */
  otherRegionCode: string;
  at: string;
}

interface TransferRow {
  direction: 'inbound' | 'outbound';
  transfer_id: string;
  other_region_code: string;
  at: Date;
}

const view = (row: TransferRow): TransferView => ({
  direction: row.direction,
  transferId: row.transfer_id,
  otherRegionCode: row.other_region_code,
  at: row.at.toISOString(),
});

/** Called by createFiling in the filing's own transaction: the filing and where it came from commit together. */
export async function recordInboundTransfer(tx: Tx, filingId: string, origin: InboundOrigin): Promise<void> {
  await tx.query(
    `insert into national_transfers (filing_id, direction, transfer_id, other_region_code, at) values ($1, 'inbound', $2, $3, $4)`,
    [filingId, origin.transferId, origin.receivingRegionCode, origin.receivedAt],
  );
}

/**
 * Keeps the platform's receipt for a filing sent out; a task handed out again, or a second task for the same filing,
 * finds the first receipt kept and gets it back, so the filing has one.
 */
export async function recordOutboundTransfer(db: Db, record: OutboundRecord): Promise<TransferView> {
  const result = await db.query<TransferRow>(
    `with kept as (
       insert into national_transfers (filing_id, direction, transfer_id, other_region_code, at, source_task_id)
       values ($1, 'outbound', $2, $3, $4, $5)
       on conflict do nothing
       returning direction, transfer_id, other_region_code, at
     )
     select * from kept
     union all
     select direction, transfer_id, other_region_code, at from national_transfers where filing_id = $1
     limit 1`,
    [record.filingId, record.receiptId, record.handlingRegionCode, record.receivedAt, record.sourceTaskId],
  );
  const row = result.rows[0];
  // Only a transfer id the platform gave another filing can leave no row: the platform broke its contract.
  if (!row) throw new Error(`national platform receipt ${record.receiptId} is already recorded for another filing`);
  return view(row);
}

export async function findTransfer(db: Db | Tx, filingId: string): Promise<TransferView | null> {
  const result = await db.query<TransferRow>(
    'select direction, transfer_id, other_region_code, at from national_transfers where filing_id = $1',
    [filingId],
  );
  return result.rows[0] ? view(result.rows[0]) : null;
}
