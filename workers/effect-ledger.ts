// Effects made once whatever dies when, for an effect no table of its own records (db/migrations/022): the intent
// is written before the effect, its result after it. A task handed out again after its worker died finds the result
// and does not act again; one that finds only the intent acts again with the same key, which the receiving
// department recognises as the same request (its Idempotency-Key), so the effect stays one.
import type { Db } from '../platform/db.ts';

export interface EffectIdentity {
  /** What kind of effect, e.g. the job type. */
  kind: string;
  /** What makes it one effect; also the idempotency key sent with it. */
  key: string;
  /** The process instance's business key (a filing's id). */
  businessKey: string | null;
  /** The engine's external task that makes it. */
  sourceTaskId: string;
}

/** Runs `perform` unless this effect is recorded done; answers the result recorded the first time. */
export async function effectOnce<T>(db: Db, effect: EffectIdentity, perform: () => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ state: 'intent' | 'done'; result: T }>(
    `with intent as (
       insert into effects (kind, effect_key, business_key, source_task_id, state) values ($1, $2, $3, $4, 'intent')
       on conflict (kind, effect_key) do nothing
       returning state, result
     )
     select state, result from intent union all select state, result from effects where kind = $1 and effect_key = $2`,
    [effect.kind, effect.key, effect.businessKey, effect.sourceTaskId],
  );
  const known = rows[0];
  if (known?.state === 'done') return known.result;
  const result = await perform();
  await db.query(
    `update effects set state = 'done', result = $3, done_at = now() where kind = $1 and effect_key = $2 and state = 'intent'`,
    [effect.kind, effect.key, JSON.stringify(result ?? null)],
  );
  return result;
}
