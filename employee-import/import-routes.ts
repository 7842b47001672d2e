// The employee-list API: download the template (.xlsx or CSV), and upload a filled-in list to get back the
// declaration's `employees[]` and the problems row by row. Nothing is stored; the page puts the list into the
// declaration and shows the problems for the person to fix.
import { Router, type Request, type Response } from 'express';
import { attachmentDisposition } from '../documents/content-disposition.ts';
import { filingMessages } from '../filings/declaration/messages.ts';
import type { FilingRules } from '../filings/declaration/validate-filing.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import { receiveWorkbook } from '../platform/http/workbook-upload.ts';
import { Problem } from '../platform/problem.ts';
import { compileSchema } from '../platform/schema.ts';
import { importQuerySchema, type ImportQuery } from '../api/employee-import.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import type { ImportOutcome } from './employee-import.ts';
import type { ImportJob } from './import-worker.ts';
import { OffThreadBusyError, OffThreadMemoryError, OffThreadRunner, OffThreadTimeoutError } from '../platform/off-thread.ts';
import { RateLimit, tooManyCalls } from '../platform/rate-limit.ts';
import { checked, identityOf, invalid, localeOf } from '../platform/http/http.ts';
import { csvTemplate, xlsxTemplate } from './employee-template.ts';
import { importMessages } from './import-messages.ts';

export interface ImportRoutesOptions {
  sessions: Sessions;
  rules: () => FilingRules;
  /** Largest accepted file (DOCUMENT_MAX_BYTES). */
  maxBytes: number;
  now: () => Date;
  /** Imports one user may make in any minute (IMPORTS_PER_MINUTE). */
  perMinute: number;
  /** The reading threads' limits (IMPORT_TIMEOUT_MS, IMPORT_MEMORY_MB, IMPORT_THREADS). */
  reading: { timeoutMs: number; memoryMb: number; threads: number };
}

// Lists that may wait per reading thread; one more is answered 503 at once rather than queued without end.
const QUEUED_PER_THREAD = 4;
const BUSY_RETRY_AFTER_SECONDS = 5;
const READER_ENTRY = new URL('./import-worker.ts', import.meta.url).href;

/** The reading thread could not finish: a 400 naming the limit (the file, not the server, is the cause), or 503 when busy. */
function readingProblem(req: Request, res: Response, error: unknown): unknown {
  const zh = localeOf(req) === 'zh';
  if (error instanceof OffThreadTimeoutError) {
    return invalid(req, [{ path: '/file', code: 'IMPORT_TIMEOUT', params: { seconds: Math.round(error.timeoutMs / 1000) } }], importMessages);
  }
  if (error instanceof OffThreadMemoryError) return invalid(req, [{ path: '/file', code: 'IMPORT_MEMORY', params: { mb: error.memoryMb } }], importMessages);
  if (error instanceof OffThreadBusyError) {
    res.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    return new Problem(503, zh ? '正在读取的名单过多，请稍后再试' : 'too many lists are being read; try again shortly', zh ? `请约 ${BUSY_RETRY_AFTER_SECONDS} 秒后再试` : `retry in about ${BUSY_RETRY_AFTER_SECONDS} s`, undefined, undefined, { code: 'IMPORT_BUSY' });
  }
  return error;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE_NAME = '残疾职工名单模板';

const checkQuery = compileSchema<ImportQuery>(importQuerySchema);

function sendTemplate(res: Response, body: Buffer, type: string, extension: string): void {
  res.status(200).set({
    'Content-Type': type,
    'Content-Length': String(body.length),
    'Content-Disposition': attachmentDisposition(`${TEMPLATE_NAME}.${extension}`, `employees-template.${extension}`),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  res.end(body);
}

export function importRouter({ sessions, rules, maxBytes, now, perMinute, reading }: ImportRoutesOptions): Router {
  const router = Router();
  const imports = new RateLimit(perMinute, 60_000);
  const reader = new OffThreadRunner<ImportJob, ImportOutcome>({ task: '名单读取', entry: READER_ENTRY, ...reading, maxQueued: reading.threads * QUEUED_PER_THREAD, lowPriority: true });
  // The .xlsx depends only on the example's year and the row limit: built once per year.
  let cached: { year: number; maxRows: number; body: Promise<Buffer> } | undefined;
  const xlsx = (year: number, maxRows: number) => {
    if (cached?.year !== year || cached.maxRows !== maxRows) {
      const body = xlsxTemplate({ maxRows, exampleYear: year });
      body.catch(() => (cached = undefined));
      cached = { year, maxRows, body };
    }
    return cached.body;
  };

  router.get('/api/templates/employees.xlsx', authenticate(sessions), async (_req, res) => {
    // The example's dates fall in the year a filing made today reviews: the previous calendar year.
    sendTemplate(res, await xlsx(chinaYearOf(now()) - 1, rules().maxEmployees), XLSX_TYPE, 'xlsx');
  });

  router.get('/api/templates/employees.csv', authenticate(sessions), (_req, res) => {
    sendTemplate(res, csvTemplate(), 'text/csv; charset=utf-8', 'csv');
  });

  router.post('/api/employee-imports', authenticate(sessions, ['employer', 'clerk']), async (req, res) => {
    const zh = localeOf(req) === 'zh';
    // Counted before a byte of the file is read: a refused upload costs nothing but this answer.
    const admission = imports.take(identityOf(req).sub);
    if (!admission.admitted) {
      res.set('Connection', 'close');
      throw zh
        ? tooManyCalls(res, admission, '导入过于频繁，请稍后再试', `每分钟最多导入 ${imports.limit} 次，请 ${admission.retryAfterSeconds} 秒后再试`, 'TOO_MANY_IMPORTS')
        : tooManyCalls(res, admission, 'too many imports; try again later', `at most ${imports.limit} imports a minute; retry in ${admission.retryAfterSeconds} s`, 'TOO_MANY_IMPORTS');
    }
    const year = Number(checked(req, checkQuery, req.query, filingMessages).year);
    const filing = rules();
    // The years a filing may name now: a list for any other year could not be filed.
    if (year < filing.yearFrom || year > filing.yearTo) {
      throw invalid(req, [{ path: '/year', code: 'YEAR_RANGE', params: { from: filing.yearFrom, to: filing.yearTo } }], filingMessages);
    }
    const file = await receiveWorkbook(req, res, { maxBytes, messages: importMessages });

    // Read on the reading thread, within its time and memory; the file is copied there.
    const job: ImportJob = { bytes: file.bytes, options: { year, today: filing.today, maxEmployees: filing.maxEmployees, locale: localeOf(req) } };
    const outcome = await reader.run(job).catch((error: unknown) => Promise.reject(readingProblem(req, res, error)));
    if (!outcome.ok) throw invalid(req, outcome.issues, importMessages);
    // The answer holds whole ID numbers the caller just sent: not to be kept by any cache.
    res.status(200).set('Cache-Control', 'private, no-store').json(outcome.result);
  });

  return router;
}
