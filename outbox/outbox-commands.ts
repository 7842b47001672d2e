// The engine commands a transaction can leave in the outbox (outbox-dispatcher.ts sends them): written with the data
// they belong to, so a crash can neither lose nor double one. After the transaction commits, the writer calls its
// `nudgeOutbox` so the command is sent at once instead of at the dispatcher's next round.
import type { Db, Tx } from '../platform/db.ts';
import type { PrimitiveValue } from '../platform/engine-rest.ts';
import { isUuid } from '../platform/ids.ts';
import { addToLogContext, requestIdVariable } from '../platform/log.ts';

/**
 * The request that wrote the command (platform/http/request-id.ts), kept with it: the dispatcher hands it to the
 * process as the variable `requestId`, so the workers' log lines name the request that set the filing going.
 */
export interface OutboxTrace {
  requestId?: string;
}

/** The request under way, and the filing the command is for, named in its log lines from now on. */
function traceOf(businessKey: string): OutboxTrace {
  if (isUuid(businessKey)) addToLogContext({ filingId: businessKey });
  return requestIdVariable();
}

/** The start of a process instance whose business key is given, e.g. a new filing's annual review. */
export interface OutboxProcessStart extends OutboxTrace {
  processId: string;
  variables: Record<string, PrimitiveValue>;
}

/** Leaves a process start in the outbox: one per business key (the dispatcher also skips a key the engine has). */
export async function enqueueProcessStart(db: Db | Tx, businessKey: string, start: OutboxProcessStart): Promise<void> {
  await db.query(`insert into outbox (command, business_key, payload) values ('create-process-instance', $1, $2)`, [businessKey, JSON.stringify({ ...start, ...traceOf(businessKey) })]);
}

/** A message for the process instance whose business key is given, e.g. the employer's feedback. */
export interface OutboxMessage extends OutboxTrace {
  messageName: string;
  variables: Record<string, PrimitiveValue>;
  /**
   * A process variable this correlation sets (also in `variables`) and nothing else does: once the instance's
   * history holds it with this value the message was delivered, so a send repeated after a crash is skipped.
   */
  marker: { name: string; value: string };
}

export async function enqueueMessage(db: Db | Tx, businessKey: string, message: OutboxMessage): Promise<void> {
  if (message.variables[message.marker.name] !== message.marker.value) {
    throw new Error(`outbox message ${message.messageName}: the marker ${message.marker.name} must be among its variables with the same value`);
  }
  await db.query(
    `insert into outbox (command, business_key, command_key, payload) values ('correlate-message', $1, $2, $3)
     on conflict (command, business_key, command_key) do nothing`,
    [businessKey, `${message.messageName}:${message.marker.value}`, JSON.stringify({ ...message, ...traceOf(businessKey) })],
  );
}
