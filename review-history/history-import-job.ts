// One upload of the history workbook, from bytes to stored unit-years (docs/review-history.md): read and checked on a
// reading thread, each unit then looked up (known to the register or a filing here, and within the importer's region),
// and — for an import without a single problem — written in one transaction, a batch at a time, the import's record
// showing how far it has come. A dry run, or a file with any problem, writes nothing but its record. Imports run one at
// a time (an advisory lock), so two files naming the same unit-year never interleave.
import { randomUUID } from 'node:crypto';
import { isWithin, regionName } from '../domain/regions.ts';
import { inTransaction, type Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';
import type { Log } from '../platform/log.ts';
import { OffThreadBusyError, OffThreadMemoryError, OffThreadRunner, OffThreadTimeoutError } from '../platform/off-thread.ts';
import type { HistoryCheck, HistoryError, UnitYear } from './history-check.ts';
import { UNIT_SHEET_NAME } from './history-columns.ts';
import { historyMessage } from './history-messages.ts';
import { createImport, finishImport, setProgress, unitRegions, writeHistoryBatch, WRITE_BATCH } from './history-store.ts';
import type { HistoryReadJob } from './history-thread.ts';

const READER_ENTRY = new URL('./history-thread.ts', import.meta.url).href;
// Any fixed number: one history import writes at a time, across every API process.
const HISTORY_IMPORT_LOCK = 728_2023_30;

export interface HistoryImporterOptions {
  db: Db;
  /** The reading thread's limits: a province's workbook of 100 000 unit-years takes seconds and a few hundred MB. */
  reading: { timeoutMs: number; memoryMb: number };
  /** The last year the history may hold (the year before the system's first season). */
  lastYear: () => number;
  now: () => Date;
  log?: Log;
}

export interface StartedImport {
  id: string;
  /** Settles when the import has ended, whatever its outcome (tests and the benchmark wait on it). */
  finished: Promise<void>;
}

function threadProblem(error: unknown): string | undefined {
  if (error instanceof OffThreadTimeoutError) return historyMessage('IMPORT_TIMEOUT', { seconds: Math.round(error.timeoutMs / 1000) }, 'zh');
  if (error instanceof OffThreadMemoryError) return historyMessage('IMPORT_MEMORY', { mb: error.memoryMb }, 'zh');
  if (error instanceof OffThreadBusyError) return '正在读取的文件过多，请稍后再试';
  return undefined;
}

export class HistoryImporter {
  private readonly reader: OffThreadRunner<HistoryReadJob, HistoryCheck>;

  constructor(private readonly options: HistoryImporterOptions) {
    this.reader = new OffThreadRunner({ task: '历史数据读取', entry: READER_ENTRY, ...options.reading, threads: 1, maxQueued: 2, lowPriority: true });
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  /** Records the import and runs it in the background; the record shows its state and progress. */
  async start(who: Identity, file: { bytes: Buffer; name: string }, dryRun: boolean): Promise<StartedImport> {
    const id = randomUUID();
    await createImport(this.options.db, { id, dryRun, createdBy: who.sub, createdRole: who.role, regionCode: who.regionCode ?? '', fileName: file.name });
    const finished = this.run(id, who, file.bytes, dryRun).catch(async (error: unknown) => {
      this.options.log?.('history import failed', { level: 'error', err: error, importId: id });
      const message = threadProblem(error) ?? '导入时发生系统错误，未写入任何数据；请稍后重试，或联系运维人员';
      await finishImport(this.options.db, id, { state: 'failed', errors: [{ sheet: '', row: 0, column: '', code: 'IMPORT_FAILED', message }] }).catch(() => undefined);
    });
    return { id, finished };
  }

  private async run(id: string, who: Identity, bytes: Buffer, dryRun: boolean): Promise<void> {
    const { db } = this.options;
    const check = await this.reader.run({ bytes, options: { lastYear: this.options.lastYear(), today: this.options.now(), locale: 'zh' } });
    await setProgress(db, id, { state: 'checking', rowsTotal: check.units.length, employeesTotal: check.employeeCount });
    const errors = [...check.errors, ...(await this.scopeErrors(who, check.units))];
    if (errors.length > 0) {
      errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet === UNIT_SHEET_NAME ? -1 : 1));
      await finishImport(db, id, { state: 'refused', errors });
      return;
    }
    if (dryRun) {
      await audit(db, who, 'review_history.check', { type: 'review_history_import', id }, { unitYears: check.units.length, employees: check.employeeCount });
      await finishImport(db, id, { state: 'done', rowsDone: check.units.length });
      return;
    }
    await setProgress(db, id, { state: 'writing', rowsDone: 0 });
    const regions = await unitRegions(db, [...new Set(check.units.map((u) => u.uscc))]);
    await inTransaction(db, async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [HISTORY_IMPORT_LOCK]);
      let replaced = 0;
      for (let from = 0; from < check.units.length; from += WRITE_BATCH) {
        replaced += await writeHistoryBatch(tx, id, check.units.slice(from, from + WRITE_BATCH), (uscc) => regions.get(uscc) as string);
        // Outside the transaction, so the page sees it while the writing goes on.
        await setProgress(db, id, { state: 'writing', rowsDone: Math.min(from + WRITE_BATCH, check.units.length) });
      }
      const years = [...new Set(check.units.map((u) => u.year))].sort();
      await finishImport(tx, id, { state: 'done', rowsDone: check.units.length, replaced });
      await audit(tx, who, 'review_history.import', { type: 'review_history_import', id }, { unitYears: check.units.length, employees: check.employeeCount, replaced, years });
    });
  }

  /** Units neither the register nor a filing here knows, and units outside the importer's region. */
  private async scopeErrors(who: Identity, units: readonly UnitYear[]): Promise<HistoryError[]> {
    const regions = await unitRegions(this.options.db, [...new Set(units.map((u) => u.uscc))]);
    const errors: HistoryError[] = [];
    const column = '统一社会信用代码';
    for (const unit of units) {
      const region = regions.get(unit.uscc);
      const code = region === undefined ? 'UNKNOWN_UNIT' : !isWithin(region, who.regionCode ?? '') ? 'OUT_OF_SCOPE' : undefined;
      if (!code) continue;
      const params = { row: unit.row, column, region: region ? regionName(region) ?? region : '' };
      errors.push({ sheet: UNIT_SHEET_NAME, row: unit.row, column, code, message: historyMessage(code, params, 'zh') });
    }
    return errors;
  }
}
