// The engine's open user task of running filings, kept behind the requests: asking the engine by business key costs
// about 100 ms at a season's size (more than the rest of the running-filings view), so a filing's task name is kept
// for KEEP_MS and asked again behind the request that finds it older; a filing never asked is asked before answering.
// The list may thus show a task finished a few seconds ago; the filing's step (our status) is always read fresh.
import type { EngineRest } from '../platform/engine-rest.ts';
import { BusinessKeyCache } from '../tasks/business-key-cache.ts';

const KEEP_MS = 10_000;
/** Filings whose task name is kept at most (the oldest asked are forgotten first). */
const KEPT = 20_000;

export interface KeptOpenTaskNames {
  /** The open user task's name of each filing that has one; without the engine's answer, none. */
  of(filingIds: string[]): Promise<Map<string, string>>;
  /** Asks behind the request about these filings when not kept or kept longer than KEEP_MS (one asking at a time). */
  warm(filingIds: () => Promise<string[]>): void;
}

const keepers = new WeakMap<EngineRest, KeptOpenTaskNames>();

/** One keeper per engine client (the API's, or a bench's). */
export function keptOpenTaskNames(engine: EngineRest): KeptOpenTaskNames {
  let keeper = keepers.get(engine);
  if (!keeper) {
    keeper = keeperOf(engine);
    keepers.set(engine, keeper);
  }
  return keeper;
}

function keeperOf(engine: EngineRest): KeptOpenTaskNames {
  const kept = new Map<string, { at: number; name: string | null }>();
  // An instance's business key never changes: learnt once, the engine is asked only about instances not seen yet.
  const businessKeys = new BusinessKeyCache();
  let behind: Promise<void> | undefined;

  async function ask(filingIds: string[]): Promise<void> {
    const at = Date.now();
    const tasks = await engine.post<{ name: string | null; taskDefinitionKey: string; processInstanceId: string }[]>('/task', {
      processInstanceBusinessKeyIn: filingIds,
    });
    const businessKeyOf = await businessKeys.of(engine, tasks.map((t) => t.processInstanceId));
    const names = new Map<string, string>();
    for (const task of tasks) {
      const key = businessKeyOf.get(task.processInstanceId);
      if (key && !names.has(key)) names.set(key, task.name ?? task.taskDefinitionKey);
    }
    for (const id of filingIds) {
      kept.delete(id);
      kept.set(id, { at, name: names.get(id) ?? null });
    }
    forgetOldest(kept);
  }

  function askBehind(filingIds: () => Promise<string[]>): void {
    if (behind) return;
    behind = (async () => {
      const now = Date.now();
      const due = (await filingIds()).filter((id) => now - (kept.get(id)?.at ?? 0) >= KEEP_MS);
      if (due.length > 0) await ask(due);
    })()
      .catch(() => undefined)
      .finally(() => {
        behind = undefined;
      });
  }

  return {
    async of(filingIds) {
      const missing = filingIds.filter((id) => !kept.has(id));
      try {
        if (missing.length > 0) await ask(missing);
      } catch {
        // The list serves without the engine's word: the step is our status.
      }
      const now = Date.now();
      const stale = filingIds.filter((id) => now - (kept.get(id)?.at ?? now) >= KEEP_MS);
      if (stale.length > 0) askBehind(async () => stale);
      const names = new Map<string, string>();
      for (const id of filingIds) {
        const name = kept.get(id)?.name;
        if (name) names.set(id, name);
      }
      return names;
    },
    warm: askBehind,
  };
}

function forgetOldest<K, V>(map: Map<K, V>): void {
  for (const key of map.keys()) {
    if (map.size <= KEPT) break;
    map.delete(key);
  }
}
