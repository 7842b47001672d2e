// Loads a synthetic season history into a database: creates and migrates it, streams every table's rows by COPY
// (one COPY per table, fed batch by batch from one generator), rebuilds the indexes set aside, and counts what it
// made so a test can compare.
import pg from 'pg';
import { createPool, dropDatabase, ensureDatabase, type Db } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { seededRandom } from '../../domain/synthetic.ts';
import { ChunkQueue } from './chunk-queue.ts';
import { copyInto } from './copy-in.ts';
import { restoreIndexes, setAsideIndexes } from './bulk-load.ts';
import { employerRow, filingRows, SEEDED_TABLES, type SeededTable, type TableLines } from './filing-rows.ts';
import { countyWeights, CURRENT_SEASON_MIX, drawCounty, drawStatus, PAST_SEASON_MIX, seasonPlan } from './plan.ts';
import { seasonUnit } from './unit-history.ts';

export interface LoadOptions {
  databaseUrl: string;
  filings: number;
  years: number[];
  seed: number;
  /** The current season's filings are placed back from this instant. */
  now: Date;
  /** Drop and make the database again when it already holds filings. */
  replace: boolean;
  log: (line: string) => void;
}

export interface LoadSummary {
  filings: number;
  employers: number;
  /** `${year}|${status}` → filings */
  byYearStatus: Map<string, number>;
  /** `${year}|${county}` → filings */
  byYearCounty: Map<string, number>;
  rows: Record<SeededTable, number>;
  loadSeconds: number;
  indexSeconds: number;
}

const UNITS_PER_BATCH = 400;
const QUEUED_BATCHES = 4;

async function freshDatabase(url: string, replace: boolean, log: (line: string) => void): Promise<void> {
  await ensureDatabase(url);
  const db = createPool(url);
  try {
    const found = await db.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_name = 'filings'`);
    if (found.rows[0]?.n !== '0') {
      const { rows } = await db.query<{ n: string }>('select count(*) as n from filings');
      if (rows[0]?.n !== '0') {
        if (!replace) throw new Error(`${new URL(url).pathname.slice(1)} already holds ${rows[0]?.n} filings: pass --replace to load it again`);
        log(`replacing the ${rows[0]?.n} filings already there`);
      }
    }
  } finally {
    await db.end();
  }
  if (replace) {
    await dropDatabase(url);
    await ensureDatabase(url);
  }
}

export async function loadSeason(options: LoadOptions): Promise<LoadSummary> {
  const { databaseUrl, filings, years, seed, now, log } = options;
  await freshDatabase(databaseUrl, options.replace, log);
  const db: Db = createPool(databaseUrl);
  const tables = Object.keys(SEEDED_TABLES) as SeededTable[];
  const clients: pg.PoolClient[] = [];
  try {
    const ran = await migrate(db);
    log(`database ${new URL(databaseUrl).pathname.slice(1)}: ${ran.length} migrations applied`);
    const admin = await db.connect();
    clients.push(admin);
    const aside = await setAsideIndexes(admin, tables);

    const plan = seasonPlan(filings, years);
    const weights = countyWeights();
    const totalWeight = weights.reduce((s, c) => s + c.weight, 0);
    const latest = years[years.length - 1]!;
    const summary: LoadSummary = {
      filings: 0, employers: 0, byYearStatus: new Map(), byYearCounty: new Map(),
      rows: Object.fromEntries(tables.map((t) => [t, 0])) as Record<SeededTable, number>, loadSeconds: 0, indexSeconds: 0,
    };
    const queues = Object.fromEntries(tables.map((t) => [t, new ChunkQueue()])) as Record<SeededTable, ChunkQueue>;
    const copyClients: pg.PoolClient[] = [];
    for (let i = 0; i < tables.length; i++) {
      const client = await db.connect();
      clients.push(client);
      copyClients.push(client);
      await client.query('set synchronous_commit = off');
      // The supervision tables' triggers stand aside for a bulk load (migration 023); the facts are rebuilt after it.
      await client.query(`set supervision.bulk = 'on'`);
    }
    // Every COPY runs at once, each on its own connection, fed as the generator goes.
    const copies = Promise.all(tables.map((table, i) =>
      copyInto(copyClients[i]!, table, SEEDED_TABLES[table], queues[table]).then(
        (rows) => { summary.rows[table] = rows; },
        (error: Error) => { queues[table].fail(error); throw new Error(`copy into ${table}: ${error.message}`); },
      )));
    copies.catch(() => undefined); // reported where it is awaited, or through the queue it stopped

    const started = performance.now();
    const taken = new Set<string>();
    let nextReport = 0.05;
    const empty = (): TableLines => Object.fromEntries(tables.map((t) => [t, []])) as unknown as TableLines;
    let lines = empty();
    const flush = async () => {
      for (const t of tables) {
        queues[t].push(lines[t].join(''));
        await queues[t].room(QUEUED_BATCHES);
      }
      lines = empty();
    };
    for (let index = 0; index < plan.units; index++) {
      const filingYears = years.filter((y) => index >= plan.firstUnitOfYear.get(y)! && index < plan.firstUnitOfYear.get(y)! + plan.filingsPerYear.get(y)!);
      if (filingYears.length === 0) continue;
      // The first units of the latest year go one to each county, so that even a small season reaches every county.
      const nth = index - plan.firstUnitOfYear.get(latest)!;
      const county = nth >= 0 && nth < weights.length ? weights[nth]! : drawCounty(weights, totalWeight, seededRandom((seed * 31 + index) >>> 0)());
      const unit = seasonUnit(seed, index, county, years, taken);
      lines.employers.push(employerRow(unit, now));
      summary.employers++;
      for (const year of filingYears) {
        const current = year === latest;
        const status = drawStatus(current ? CURRENT_SEASON_MIX : PAST_SEASON_MIX, unit.rand());
        filingRows(unit, year, status, current, now, lines);
        summary.filings++;
        const ys = `${year}|${status}`;
        summary.byYearStatus.set(ys, (summary.byYearStatus.get(ys) ?? 0) + 1);
        const yc = `${year}|${county.code}`;
        summary.byYearCounty.set(yc, (summary.byYearCounty.get(yc) ?? 0) + 1);
      }
      if (summary.employers % UNITS_PER_BATCH === 0) {
        await flush();
        if (summary.filings / filings >= nextReport) {
          const s = (performance.now() - started) / 1000;
          log(`  ${summary.filings.toLocaleString('en')} / ${filings.toLocaleString('en')} filings (${Math.round((100 * summary.filings) / filings)} %), ${Math.round(summary.filings / s)} filings/s, ${s.toFixed(0)} s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
          nextReport += 0.05;
        }
      }
    }
    await flush();
    for (const t of tables) queues[t].end();
    await copies;
    summary.loadSeconds = (performance.now() - started) / 1000;
    log(`loaded ${summary.filings.toLocaleString('en')} filings of ${summary.employers.toLocaleString('en')} employers in ${summary.loadSeconds.toFixed(0)} s; building indexes and foreign keys…`);
    const t = performance.now();
    await restoreIndexes(admin, aside, log);
    // As autovacuum would soon: the visibility map lets counts be index-only scans.
    await admin.query(`vacuum (analyze) ${tables.join(', ')}`);
    summary.indexSeconds = (performance.now() - t) / 1000;
    log(`indexes, foreign keys and statistics in ${summary.indexSeconds.toFixed(0)} s`);
    return summary;
  } finally {
    for (const c of clients) c.release();
    await db.end();
  }
}
