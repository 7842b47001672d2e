import { createPool } from './platform/db.ts';
import { supervisionFigures } from './supervision/figures.ts';
import { drillItems, drillTotal } from './supervision/drill-list.ts';
import { exitCounts, exitItems } from './supervision/exits-store.ts';
const db = createPool('postgres://postgres@127.0.0.1:5432/supdata_scratch');
async function time(name: string, f: () => Promise<unknown>, n = 20) {
  const ts: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(name.padEnd(50), 'p50', ts[Math.floor(n / 2)]!.toFixed(1), 'p95', ts[Math.floor(n * 0.95)]!.toFixed(1));
}
for (const regionCode of ['330000', '330100', '330106']) {
  await time(`figures ${regionCode}`, () => supervisionFigures(db, { year: 2025, regionCode }));
  for (const measure of ['filed', 'certified', 'belowQuota', 'disputed', 'awaitingConfirmation'] as const) {
    await time(`drill ${regionCode} ${measure} p1`, () => Promise.all([drillTotal(db, { year: 2025, regionCode, measure }), drillItems(db, { year: 2025, regionCode, measure }, { limit: 20, offset: 0 })]));
  }
  await time(`drill ${regionCode} filed p100`, () => drillItems(db, { year: 2025, regionCode, measure: 'filed' }, { limit: 20, offset: 2000 }));
  await time(`drill ${regionCode} industry C`, () => Promise.all([drillTotal(db, { year: 2025, regionCode, measure: 'belowQuota', industryCode: 'C' }), drillItems(db, { year: 2025, regionCode, measure: 'belowQuota', industryCode: 'C' }, { limit: 20, offset: 0 })]));
  await time(`drill ${regionCode} bucket none`, () => Promise.all([drillTotal(db, { year: 2025, regionCode, measure: 'belowQuota', ratioBucket: 'none' }), drillItems(db, { year: 2025, regionCode, measure: 'belowQuota', ratioBucket: 'none' }, { limit: 20, offset: 0 })]));
  await time(`exits ${regionCode}`, () => Promise.all([exitCounts(db, { year: 2025, regionCode }), exitItems(db, { year: 2025, regionCode }, { limit: 20, offset: 0 })]));
}
await db.end();
