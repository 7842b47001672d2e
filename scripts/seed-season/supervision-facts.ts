// After a bulk load (its triggers stood aside) the supervision tables are made again from the filings in one pass:
// supervision/rebuild.ts, when that part is present in this checkout.
import type { Db } from '../../platform/db.ts';

export async function rebuildFacts(db: Db, log: (line: string) => void): Promise<boolean> {
  // A variable path: the module belongs to another part of the work and may not be merged yet.
  const modulePath = '../../supervision/rebuild.ts';
  let rebuild: ((db: Db) => Promise<unknown>) | undefined;
  try {
    rebuild = ((await import(modulePath)) as { rebuildSupervisionFacts?: (db: Db) => Promise<unknown> }).rebuildSupervisionFacts;
  } catch {
    rebuild = undefined;
  }
  if (!rebuild) {
    log('supervision facts: supervision/rebuild.ts is not in this checkout — not rebuilt');
    return false;
  }
  const t = performance.now();
  await rebuild(db);
  log(`supervision facts rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return true;
}
