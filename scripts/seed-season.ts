// `npm run seed:season -- --filings 1000000 [--years 2023-2025] [--database URL] [--tasks 0.1] [--full-counties 3] [--replace]`:
// a synthetic province-scale history without the API — employers in every county of Zhejiang, several years of
// filings in a realistic status mix with their declarations, automatic reviews, status history, certificates and
// tax hand-overs, loaded by COPY into a database of its own (`dpf_season` beside DATABASE_URL's unless --database
// names one; never DATABASE_URL's own unless named), then the supervision facts rebuilt, then — on the system
// started on that database and an engine database beside it (`<name>_engine`) — process instances at their user
// tasks for the current season's filings that wait on a person: all of them in the busiest counties (whose inboxes
// the bench reads), a share elsewhere. `npm run bench:dashboard` measures it.
import { parseArgs } from 'node:util';
import { simulatorSettings } from '../connectors/simulated-departments.ts';
import { createPool } from '../platform/db.ts';
import { freePort } from '../platform/free-port.ts';
import { spawnScratchSystem } from './bench/scratch-system.ts';
import { dropEngineDatabase } from './engine/engine-database-role.ts';
import { loadSeason } from './seed-season/load-season.ts';
import { busiestCounties, openTasks } from './seed-season/open-tasks.ts';
import { rebuildFacts } from './seed-season/supervision-facts.ts';
import { seasonDatabases } from './seed-season/season-databases.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '100000' },
    years: { type: 'string', default: '2023-2025' },
    database: { type: 'string' },
    tasks: { type: 'string', default: '0.1' },
    'full-counties': { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '6' },
    seed: { type: 'string', default: '20260301' },
    replace: { type: 'boolean', default: false },
  },
});
const filings = Number(values.filings);
const yearsMatch = /^(\d{4})(?:-(\d{4}))?$/.exec(values.years);
if (!Number.isInteger(filings) || filings < 1) throw new Error('--filings must be a positive whole number');
if (!yearsMatch) throw new Error('--years must look like 2023-2025 or 2025');
const [fromYear, toYear] = [Number(yearsMatch[1]), Number(yearsMatch[2] ?? yearsMatch[1])];
if (toYear < fromYear || toYear >= new Date().getUTCFullYear()) throw new Error('--years must be a range of years before this one');
const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
const share = Number(values.tasks);
if (!(share >= 0 && share <= 1)) throw new Error('--tasks must be a share from 0 to 1');

const log = (line: string) => console.log(line);
const { databaseUrl, engineDatabaseUrl, isDevelopersOwn } = seasonDatabases(values.database);
// Named explicitly, DATABASE_URL's own database may be loaded (when it holds no filings), never dropped.
if (isDevelopersOwn && values.replace) throw new Error('--replace would drop DATABASE_URL\'s own database: name another with --database');
const t0 = performance.now();
if (values.replace) await dropEngineDatabase(engineDatabaseUrl);
const summary = await loadSeason({ databaseUrl, filings, years, seed: Number(values.seed), now: new Date(), replace: values.replace, log });
// The supervision facts are rebuilt while the system starts and the tasks open: one is PostgreSQL's work, the
// other mostly the engine's.
const loadedS = (performance.now() - t0) / 1000;
const db = createPool(databaseUrl);
let tasksLine = 'open tasks: none started (--tasks 0)';
try {
  await Promise.all([
    rebuildFacts(db, log),
    share > 0 ? startTasks().then((line) => { tasksLine = line; }) : Promise.resolve(),
  ]);
} finally {
  await db.end();
}

async function startTasks(): Promise<string> {
  log('starting the system on the seeded database for the open tasks…');
  const system = await spawnScratchSystem('season', { ...simulatorSettings(await freePort()), WORKERS: 'on' }, { databaseUrl, engineDatabaseUrl });
  try {
    const readyMs = await system.ready();
    log(`system ready in ${(readyMs / 1000).toFixed(0)} s`);
    const pool = createPool(databaseUrl);
    try {
      const fullCounties = await busiestCounties(pool, toYear, Number(values['full-counties']));
      const result = await openTasks({ db: pool, engine: system.engine, year: toYear, share, fullCounties, concurrency: Number(values.concurrency), log });
      return `open tasks: ${result.started.toLocaleString('en')} process instances at their user task (${Object.entries(result.byTask).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}) for ${result.waiting.toLocaleString('en')} filings of ${toYear} waiting on a person (${((100 * result.started) / Math.max(1, result.waiting)).toFixed(1)} %; all of ${fullCounties.join(', ')}), in ${result.seconds.toFixed(0)} s (${(result.started / Math.max(0.001, result.seconds)).toFixed(1)}/s)`;
    } finally {
      await pool.end();
    }
  } finally {
    await system.stop();
  }
}

const byYear = new Map<number, number>();
for (const [key, n] of summary.byYearStatus) byYear.set(Number(key.split('|')[0]), (byYear.get(Number(key.split('|')[0])) ?? 0) + n);
console.log(
  [
    '',
    `season seeded into ${new URL(databaseUrl).pathname.slice(1)} (engine: ${new URL(engineDatabaseUrl).pathname.slice(1)})`,
    `filings: ${summary.filings.toLocaleString('en')} (${[...byYear].map(([y, n]) => `${y}: ${n.toLocaleString('en')}`).join(', ')}) of ${summary.employers.toLocaleString('en')} employers in ${new Set([...summary.byYearCounty.keys()].map((k) => k.split('|')[1])).size} counties`,
    `rows: ${Object.entries(summary.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`,
    `COPY ${summary.loadSeconds.toFixed(0)} s (${(summary.filings / summary.loadSeconds).toFixed(0)} filings/s), indexes and foreign keys ${summary.indexSeconds.toFixed(0)} s, filings loaded after ${loadedS.toFixed(0)} s`,
    tasksLine,
    `total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  ].join('\n'),
);
