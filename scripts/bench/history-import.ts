// `npm run bench:history-import [-- --units N --employees M]`: how fast a province's history workbook is imported, on
// this machine. A scratch database is created and migrated, N/2 units put in the register, and a workbook of N
// unit-years (each unit in 2020 and 2021) with M disabled employees written as the template takes it; then the
// import runs as POST /api/review-history/imports runs it (history-import-job.ts: read and checked on a reading
// thread, the units looked up, written in one transaction in batches), twice — the second time replacing every
// unit-year. Prints the file's size and each run's time by phase; the target is under a minute for 100 000 rows.
// The database is dropped afterwards.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { seededRandom, syntheticUscc } from '../../domain/synthetic.ts';
import { syntheticEmployee } from '../../filings/declaration/synthetic-filing.ts';
import { loadConfig } from '../../platform/config.ts';
import { createPool, databaseUrlNamed, dropDatabase, ensureDatabase, type Db } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { HistoryImporter } from '../../review-history/history-import-job.ts';
import { readImport } from '../../review-history/history-store.ts';
import { largeHistoryWorkbook, type EmployeeRow, type UnitRow } from './history-workbooks.ts';

const { values } = parseArgs({ options: { units: { type: 'string', default: '100000' }, employees: { type: 'string', default: '20000' } } });
const unitYears = Number(values.units);
const employeeCount = Number(values.employees);
if (!Number.isInteger(unitYears) || unitYears < 2 || !Number.isInteger(employeeCount) || employeeCount < 0) {
  console.error('bench:history-import: --units (at least 2) and --employees are whole numbers');
  process.exit(2);
}
const TARGET_S = 60;
const COUNTIES = ['330102', '330106', '330108', '330203', '330302', '330402', '330502', '330602', '330702', '330802', '331002', '331102'];

function workbookRows(): { units: UnitRow[]; employees: EmployeeRow[]; usccs: string[] } {
  const rand = seededRandom(2021);
  const usccs = Array.from({ length: Math.ceil(unitYears / 2) }, (_, i) => syntheticUscc(rand, { regionCode: COUNTIES[i % COUNTIES.length]! }));
  const units: UnitRow[] = [];
  for (let i = 0; i < unitYears; i++) {
    const year = 2020 + (i % 2);
    const staff = 20 + (i % 500);
    units.push([usccs[Math.floor(i / 2)]!, `基准测试单位${Math.floor(i / 2)}`, year, staff, 60000 + (i % 40000), i % 4, Math.round(staff * 1.5) / 100, (i % 7) * 1000]);
  }
  const employees: EmployeeRow[] = [];
  for (let i = 0; i < employeeCount; i++) {
    const unit = units[(i * 5) % units.length]!;
    const e = syntheticEmployee(rand, Number(unit[2]));
    employees.push({ uscc: unit[0], year: Number(unit[2]), employee: { name: e.name, idNumber: e.idNumber, certType: e.certType, certNumber: e.certNumber, disabilityGrade: e.disabilityGrade, employmentType: e.employmentType, employedFrom: e.employedFrom, employedTo: e.employedTo, annualWage: e.annualWage } });
  }
  return { units, employees, usccs: [...new Set(usccs)] };
}

async function importOnce(db: Db, importer: HistoryImporter, file: Buffer): Promise<string> {
  const phases: string[] = [];
  const started = performance.now();
  const run = await importer.start({ sub: 'bench', role: 'province', regionCode: '330000' }, { bytes: file, name: 'bench.xlsx' }, false);
  let state = '';
  // The page's view of it: the record's state as it changes.
  const watcher = setInterval(() => {
    void readImport(db, run.id).then((r) => {
      if (r && r.state !== state) {
        state = r.state;
        phases.push(`${r.state} at ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    });
  }, 100);
  await run.finished;
  clearInterval(watcher);
  const seconds = (performance.now() - started) / 1000;
  const record = await readImport(db, run.id);
  if (record?.state !== 'done') throw new Error(`the import ended ${record?.state}: ${JSON.stringify(record?.errors.slice(0, 5))}`);
  return `${seconds.toFixed(1)} s (${(record.rowsTotal / seconds).toFixed(0)} unit-years/s; ${record.replaced} replaced; ${phases.join(', ')}) — ${seconds < TARGET_S ? 'within' : 'OVER'} the ${TARGET_S} s target`;
}

const base = databaseUrlNamed(loadConfig().databaseUrl, `dpf_bench_history_${process.pid}`);
await ensureDatabase(base);
const db = createPool(base);
try {
  await migrate(db);
  const built = performance.now();
  const { units, employees, usccs } = workbookRows();
  await db.query(
    `insert into unit_register (uscc, name, registrar, status, status_since, region_code, unit_nature)
     select u, '基准测试单位', 'samr', 'active', '2015-01-01', r, '企业' from unnest($1::text[], $2::text[]) k(u, r)`,
    [usccs, usccs.map((u) => u.slice(2, 8))],
  );
  const file = await largeHistoryWorkbook(units, employees);
  const builtS = (performance.now() - built) / 1000;
  const importer = new HistoryImporter({ db, reading: { timeoutMs: 600_000, memoryMb: 1536 }, lastYear: () => 2021, now: () => new Date() });
  console.log(`bench:history-import on ${new Date().toISOString()}, ${os.cpus().length} cores, node ${process.version}`);
  console.log(`  workbook   ${unitYears.toLocaleString('en')} unit-years of ${usccs.length.toLocaleString('en')} units, ${employeeCount.toLocaleString('en')} employees, ${(file.length / 1024 / 1024).toFixed(1)} MB (built in ${builtS.toFixed(1)} s, not counted)`);
  console.log(`  import     ${await importOnce(db, importer, file)}`);
  console.log(`  re-import  ${await importOnce(db, importer, file)}`);
  const stored = await db.query<{ n: number; e: number }>(`select (select count(*)::int from review_history) as n, (select count(*)::int from review_history_employees) as e`);
  console.log(`  stored     ${stored.rows[0]!.n.toLocaleString('en')} unit-years, ${stored.rows[0]!.e.toLocaleString('en')} employees (the same after the re-import: replaced, not duplicated)`);
  await importer.close();
} finally {
  await db.end();
  await dropDatabase(base);
}
