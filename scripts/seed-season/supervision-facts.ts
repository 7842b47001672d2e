// After a bulk load (the supervision triggers stood aside) the supervision tables are made again from the filings in
// one pass (supervision/rebuild.ts), so the incrementally kept figures match what was loaded.
import type { Db } from '../../platform/db.ts';
import { rebuildSupervisionFacts } from '../../supervision/rebuild.ts';

export async function rebuildFacts(db: Db, log: (line: string) => void): Promise<void> {
  const t = performance.now();
  const counts = await rebuildSupervisionFacts(db);
  // The running filings' kept counts by step and day (migration 027) stood aside too.
  await db.query('select running_filing_days_rebuild()');
  log(`supervision facts and running filings' days rebuilt: ${counts.facts.toLocaleString('en')} filing facts, ${counts.exits.toLocaleString('en')} exits in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
