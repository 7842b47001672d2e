// Settles engine actions whose API died between the engine's answer and our record of it. Every action a request
// takes on the engine (claim, unclaim, complete a task; deploy from the modeler) is audited as an intent before the
// engine is called and as an outcome after (platform/http/audit.ts, `audited`); a deployment's record of who and why
// commits with its outcome. An intent left without an outcome is settled here from what the engine holds: the
// outcome is written (marked `reconciled`), and a deployment the engine made gets its record. Run at start and
// periodically; idempotent, and safe with several API processes (each intent is settled under the audit chain's lock
// only if no outcome names it yet).
import type { Db, Tx } from '../platform/db.ts';
import { EngineError, type EngineRest } from '../platform/engine-rest.ts';
import { audit, type Actor, type EngineAction } from '../platform/http/audit.ts';
import { inTransaction } from '../platform/db.ts';
import { partLog, type Log } from '../platform/log.ts';
import { DEPLOYMENT_NAME, deploymentOf, WEB_MODELER_SOURCE } from '../deployment/deploy-resources.ts';
import { recordDeployment, recordedResources } from '../deployment/deployment-history-store.ts';

interface DanglingIntent {
  seq: string;
  at: Date;
  actor: string;
  actor_role: string;
  action: `${EngineAction}.intent`;
  subject_type: string;
  subject_id: string;
  detail: Record<string, unknown>;
}

/** What the engine says became of an intent: done, never done, or (a task) no longer there to ask. */
type Settled = { outcome: 'ok' | 'not-done' | 'gone'; subject?: { type: string; id: string }; record?: (tx: Tx) => Promise<void> };

export interface ReconcileOptions {
  db: Db;
  engine: EngineRest;
  /** An intent younger than this may still be waiting for the engine's answer in a live request. */
  settleMs?: number;
  log?: Log;
}

const ENGINE_INTENTS = ['task.claim.intent', 'task.unclaim.intent', 'task.complete.intent', 'deployment.create.intent'];
const DEFAULT_SETTLE_MS = 120_000;
const BATCH = 100;

async function openTask(engine: EngineRest, taskId: string): Promise<{ assignee: string | null } | undefined> {
  try {
    return await engine.get<{ assignee: string | null }>(`/task/${encodeURIComponent(taskId)}`);
  } catch (error) {
    if (error instanceof EngineError && error.status === 404) return undefined;
    throw error;
  }
}

async function settleTask(engine: EngineRest, intent: DanglingIntent): Promise<Settled> {
  const task = await openTask(engine, intent.subject_id);
  if (intent.action === 'task.complete.intent') {
    if (task) return { outcome: 'not-done' };
    // Gone: completed, by this request most likely. History (when the engine keeps it) tells completed from ended.
    const [done] = await engine.get<{ deleteReason: string | null }[]>('/history/task', { taskId: intent.subject_id });
    return { outcome: done?.deleteReason === 'completed' ? 'ok' : 'gone' };
  }
  if (!task) return { outcome: 'gone' };
  const claimedByActor = task.assignee === intent.actor;
  if (intent.action === 'task.claim.intent') return { outcome: claimedByActor ? 'ok' : 'not-done' };
  return { outcome: claimedByActor ? 'not-done' : 'ok' };
}

/** A modeler deployment made after the intent and never recorded is the one the intent asked for. */
async function settleDeployment(db: Db, engine: EngineRest, intent: DanglingIntent): Promise<Settled> {
  const after = new Date(intent.at.getTime() - 1000).toISOString().replace('Z', '+0000');
  const made = await engine.get<{ id: string }[]>('/deployment', {
    name: DEPLOYMENT_NAME,
    source: WEB_MODELER_SOURCE,
    after,
    sortBy: 'deploymentTime',
    sortOrder: 'asc',
  });
  for (const { id } of made) {
    const known = await db.query('select 1 from deployments where deployment_id = $1', [id]);
    if ((known.rowCount ?? 0) > 0) continue;
    const { result, resources } = await deploymentOf(engine, id);
    const names = new Set(Array.isArray(intent.detail.resources) ? (intent.detail.resources as string[]) : []);
    const note = typeof intent.detail.note === 'string' && intent.detail.note ? intent.detail.note : '（已核对补记）';
    return {
      outcome: 'ok',
      subject: { type: 'deployment', id },
      record: (tx) =>
        recordDeployment(tx, {
          deploymentId: id,
          note,
          deployedBy: intent.actor,
          deployedByName: null,
          unchanged: false,
          resources: recordedResources(resources.filter((r) => names.size === 0 || names.has(r.name)), result),
        }),
    };
  }
  return { outcome: 'not-done' };
}

/** Settles the intents left without an outcome; answers how many it settled. */
export async function reconcileEngineIntents({ db, engine, settleMs = DEFAULT_SETTLE_MS, log = partLog('api') }: ReconcileOptions): Promise<number> {
  const { rows } = await db.query<DanglingIntent>(
    `select a.seq::text as seq, a.at, a.actor, a.actor_role, a.action, a.subject_type, a.subject_id, a.detail
       from audit_log a
      where a.action like '%.intent' and a.action = any($1) and a.at < now() - ($2 || ' milliseconds')::interval
        and not exists (select 1 from audit_log o where o.detail ? 'intentSeq' and o.detail ->> 'intentSeq' = a.seq::text)
      order by a.seq limit $3`,
    [ENGINE_INTENTS, String(settleMs), BATCH],
  );
  let settled = 0;
  for (const intent of rows) {
    const action = intent.action.slice(0, -'.intent'.length) as EngineAction;
    const result = action === 'deployment.create' ? await settleDeployment(db, engine, intent) : await settleTask(engine, intent);
    const who = { sub: intent.actor, role: intent.actor_role } as Actor;
    const wrote = await inTransaction(db, async (tx) => {
      // Under the audit chain's lock (taken by the first entry of any writer): another process settling the same
      // intent, or the request's own late outcome, shows here and this one is not written twice.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`engine-intent:${intent.seq}`]);
      const taken = await tx.query(`select 1 from audit_log where detail ? 'intentSeq' and detail ->> 'intentSeq' = $1`, [intent.seq]);
      if ((taken.rowCount ?? 0) > 0) return false;
      await result.record?.(tx);
      await audit(tx, who, action, result.subject ?? { type: intent.subject_type, id: intent.subject_id }, {
        ...intent.detail,
        intentSeq: intent.seq,
        outcome: result.outcome,
        reconciled: true,
      });
      return true;
    });
    if (wrote) {
      settled++;
      log(`engine intents: settled ${action} ${intent.subject_type} ${intent.subject_id} (intent ${intent.seq}) as ${result.outcome}`, { level: 'warn' });
    }
  }
  return settled;
}

export interface IntentReconciler {
  stop(): Promise<void>;
}

/** Runs the reconciliation now (a start after a crash) and then every `intervalMs`. */
export function startIntentReconciler(options: ReconcileOptions & { intervalMs: number }): IntentReconciler {
  const log = options.log ?? partLog('api');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = reconcileEngineIntents(options)
      .catch((error: unknown) => log(`engine intents: reconciliation failed, will try again: ${error instanceof Error ? error.message : String(error)}`, { level: 'warn' }))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, options.intervalMs);
      });
  };
  run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
