// `npm run bench:dashboard [-- --database URL --repetitions 30 --only …]`: against a season seeded by `npm run seed:season`
// (its database and its engine's beside it), starts the system as `npm start` does and measures p50/p95/max of the
// dashboards' requests through the real HTTP API with random scopes — supervision figures, drill list and exits, the
// operations views, the filing search, a county's task inbox — and the bare engine's task query for the same county
// (its ceiling), then prints the plan of the slowest measure's slowest SQL statement. Nothing here is pass/fail.
import { parseArgs } from 'node:util';
import { simulatorSettings } from '../connectors/simulated-departments.ts';
import { createPool } from '../platform/db.ts';
import { freePort } from '../platform/free-port.ts';
import { benchDashboard } from './bench/dashboard-measures.ts';
import { spawnScratchSystem } from './bench/scratch-system.ts';
import { busiestCounties } from './seed-season/open-tasks.ts';
import { seasonDatabases } from './seed-season/season-databases.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    repetitions: { type: 'string', default: '30' },
    seed: { type: 'string', default: '22' },
    // Comma-separated beginnings of measure names (e.g. "filing search,task inbox"): only those.
    only: { type: 'string' },
  },
});
const { databaseUrl, engineDatabaseUrl } = seasonDatabases(values.database);
const db = createPool(databaseUrl);
try {
  const { rows } = await db.query<{ year: number; n: string }>('select year, count(*) as n from filings group by year order by year');
  if (rows.length === 0) throw new Error(`${new URL(databaseUrl).pathname.slice(1)} holds no filings: run npm run seed:season first`);
  const years = rows.map((r) => r.year);
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  const inboxCounties = await busiestCounties(db, Math.max(...years), 3);
  console.log(`bench:dashboard on ${new URL(databaseUrl).pathname.slice(1)}: ${total.toLocaleString('en')} filings (${rows.map((r) => `${r.year}: ${Number(r.n).toLocaleString('en')}`).join(', ')}); inboxes of ${inboxCounties.join(', ')}`);
  const system = await spawnScratchSystem('dashboard', simulatorSettings(await freePort()), { databaseUrl, engineDatabaseUrl });
  try {
    console.log(`system ready in ${((await system.ready()) / 1000).toFixed(0)} s`);
    const { count } = await system.engine.get<{ count: number }>('/task/count', { processDefinitionKey: 'annual-review' });
    console.log(`open user tasks in the engine: ${count.toLocaleString('en')}`);
    const result = await benchDashboard({
      base: system.base, engine: system.engine, db, years, inboxCounties,
      repetitions: Number(values.repetitions), seed: Number(values.seed), log: (line) => console.log(line),
      ...(values.only ? { only: values.only.split(',').map((p) => p.trim()) } : {}),
    });
    console.log(`\n${result.table}\n`);
    if (result.slowest) {
      const byP95 = result.rows.filter((r) => !r.missing).sort((a, b) => b.p95 - a.p95)[0];
      if (byP95) console.log(`slowest measure by p95: ${byP95.name} (${byP95.p95.toFixed(1)} ms)`);
      console.log(`slowest SQL statement (replayed in-process, of ${result.slowest.measure}):\n  ${result.slowest.sql}\n  values ${JSON.stringify(result.slowest.values)}\n\nEXPLAIN (ANALYZE, BUFFERS):\n${result.slowest.plan}`);
    }
  } finally {
    await system.stop();
  }
} finally {
  await db.end();
}
