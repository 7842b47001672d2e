// The history import's routes (api/review-history.ts, docs/review-history.md): the template, the upload that starts a
// dry run or an import, and the import's record a page polls for its progress and problems. The upload is answered
// 202 as soon as the file is received; the reading, checking and writing go on in the background (history-import-job.ts).
import { Router } from 'express';
import { attachmentDisposition } from '../documents/content-disposition.ts';
import { importMessages } from '../employee-import/import-messages.ts';
import {
  historyImportParamsSchema,
  historyImportQuerySchema,
  HISTORY_IMPORTERS,
  type HistoryImportParams,
  type HistoryImportQuery,
  type HistoryImportView,
} from '../api/review-history.ts';
import type { Db } from '../platform/db.ts';
import { checked, identityOf, localeOf } from '../platform/http/http.ts';
import { receiveWorkbook } from '../platform/http/workbook-upload.ts';
import { Problem } from '../platform/problem.ts';
import { RateLimit, tooManyCalls } from '../platform/rate-limit.ts';
import { compileSchema } from '../platform/schema.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import type { HistoryImporter } from './history-import-job.ts';
import { endAbandonedImports, readImport, type HistoryImport } from './history-store.ts';
import { historyTemplate } from './history-template.ts';

export interface HistoryRoutesOptions {
  db: Db;
  sessions: Sessions;
  importer: HistoryImporter;
  /** The last year the history may hold: the template's example year. */
  lastYear: () => number;
  /** Largest accepted workbook. */
  maxBytes: number;
  /** Uploads one person may make in any minute. */
  perMinute: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const checkQuery = compileSchema<HistoryImportQuery>(historyImportQuerySchema);
const checkParams = compileSchema<HistoryImportParams>(historyImportParamsSchema);

function view(record: HistoryImport): HistoryImportView {
  const { id, dryRun, state, fileName, rowsTotal, rowsDone, employeesTotal, replaced, errorCount, errors, createdAt, finishedAt } = record;
  return { id, dryRun, state, fileName, rowsTotal, rowsDone, employeesTotal, replaced, errorCount, errors, createdAt, finishedAt };
}

export function historyRouter({ db, sessions, importer, lastYear, maxBytes, perMinute }: HistoryRoutesOptions): Router {
  const router = Router();
  const importers = authenticate(sessions, [...HISTORY_IMPORTERS]);
  const uploads = new RateLimit(perMinute, 60_000);
  let cached: { year: number; body: Promise<Buffer> } | undefined;

  router.get('/api/templates/review-history.xlsx', importers, async (_req, res) => {
    const year = lastYear();
    if (cached?.year !== year) {
      cached = { year, body: historyTemplate(year) };
      cached.body.catch(() => (cached = undefined));
    }
    const body = await cached.body;
    res.status(200).set({
      'Content-Type': XLSX_TYPE,
      'Content-Length': String(body.length),
      'Content-Disposition': attachmentDisposition('历史年审数据导入模板.xlsx', 'review-history-template.xlsx'),
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  });

  router.post('/api/review-history/imports', importers, async (req, res) => {
    const zh = localeOf(req) === 'zh';
    const who = identityOf(req);
    const admission = uploads.take(who.sub);
    if (!admission.admitted) {
      res.set('Connection', 'close');
      throw zh
        ? tooManyCalls(res, admission, '导入过于频繁，请稍后再试', `每分钟最多上传 ${uploads.limit} 次，请 ${admission.retryAfterSeconds} 秒后再试`, 'TOO_MANY_IMPORTS')
        : tooManyCalls(res, admission, 'too many imports; try again later', `at most ${uploads.limit} a minute`, 'TOO_MANY_IMPORTS');
    }
    const query = checked(req, checkQuery, req.query, importMessages);
    // Not a workbook at all: said at once, no import recorded.
    const file = await receiveWorkbook(req, res, {
      maxBytes,
      messages: importMessages,
      check: (f) => (ZIP_MAGIC.every((byte, i) => f.bytes[i] === byte) ? [] : [{ path: '/file', code: 'FILE_TYPE', ...(f.bytes[0] === 0xd0 ? { params: { legacyExcel: true } } : {}) }]),
    });

    const started = await importer.start(who, { bytes: file.bytes, name: file.name }, query.dryRun === 'true');
    const record = await readImport(db, started.id);
    res.status(202).set('Location', `/api/review-history/imports/${started.id}`).json(view(record!));
  });

  router.get('/api/review-history/imports/:id', importers, async (req, res) => {
    const { id } = checked(req, checkParams, req.params, importMessages);
    const who = identityOf(req);
    await endAbandonedImports(db);
    const record = await readImport(db, id);
    // One's own imports; the province every import.
    if (!record || (record.createdBy !== who.sub && who.role !== 'province')) {
      throw new Problem(404, localeOf(req) === 'zh' ? '没有该导入记录' : 'no such import');
    }
    res.status(200).set('Cache-Control', 'private, no-store').json(view(record));
  });

  return router;
}
