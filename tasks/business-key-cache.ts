// The filing each process instance is about (its business key), remembered: a key never changes once the process is
// started (nothing here sets one later), and an inbox reloaded all day asks for the same few hundred again. Only keys
// the engine named are kept; an instance it did not know is asked again next time. Bounded: the oldest go first.
import type { EngineRest } from '../platform/engine-rest.ts';
import { businessKeysOf } from './engine-tasks.ts';

export class BusinessKeyCache {
  private readonly keys = new Map<string, string>();

  constructor(private readonly capacity = 50_000) {}

  /** The business keys of these process instances, by instance id; one engine query for those not yet known. */
  async of(engine: EngineRest, processInstanceIds: readonly string[]): Promise<Map<string, string>> {
    const unknown = [...new Set(processInstanceIds)].filter((id) => !this.keys.has(id));
    if (unknown.length > 0) {
      for (const [id, key] of await businessKeysOf(engine, unknown)) this.keys.set(id, key);
      for (const id of this.keys.keys()) {
        if (this.keys.size <= this.capacity) break;
        this.keys.delete(id);
      }
    }
    const found = new Map<string, string>();
    for (const id of processInstanceIds) {
      const key = this.keys.get(id);
      if (key !== undefined) found.set(id, key);
    }
    return found;
  }
}
