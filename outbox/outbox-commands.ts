// The engine commands a transaction can leave in the outbox (outbox-dispatcher.ts sends them): written with the data
// they belong to, so a crash can neither lose nor double one.
import type { Db, Tx } from '../platform/db.ts';
import type { PrimitiveValue } from '../platform/engine-rest.ts';

/** A message for the process instance whose business key is given, e.g. the employer's feedback. */
export interface OutboxMessage {
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
    [businessKey, `${message.messageName}:${message.marker.value}`, JSON.stringify(message)],
  );
}
