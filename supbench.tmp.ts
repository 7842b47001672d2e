import { createPool } from './platform/db.ts';
import { rebuildSupervisionFacts } from './supervision/rebuild.ts';
const db = createPool('postgres://postgres@127.0.0.1:5432/supdata_scratch');
for (const year of [2025]) {
  const t = Date.now();
  console.log(year, await rebuildSupervisionFacts(db, { year }), Date.now() - t, 'ms');
}
await db.end();
