// The document API: upload scans and evidence to a filing (multipart/form-data), list a filing's documents,
// download one. Scope is the filing's: whoever cannot read the filing gets the same 404 as for an unknown id.
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';
import { receiveUpload, UploadRejected, type ReceivedUpload } from '../platform/multipart-upload.ts';
import { Problem } from '../platform/problem.ts';
import { RateLimit, tooManyCalls } from '../platform/rate-limit.ts';
import { audit } from '../platform/http/audit.ts';
import { readableFiling } from '../filings/filing-routes.ts';
import { requireGoodStanding } from '../staff/good-standing.ts';
import { identityOf, invalid, localeOf } from '../platform/http/http.ts';
import { authenticate } from '../sign-in/authenticate.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { attachmentDisposition } from './content-disposition.ts';
import { mayUploadDocument } from './document-access.ts';
import { documentMessages } from './document-messages.ts';
import { DocumentStore, type StagedFile, type StoredDocument } from './document-store.ts';
import { extensionOf } from './document-types.ts';
import { checkUpload } from './upload-form.ts';

export interface DocumentRoutesOptions {
  db: Db;
  sessions: Sessions;
  /** Folder of the stored files (DOCUMENT_DIR). */
  dir: string;
  /** Largest accepted file (DOCUMENT_MAX_BYTES). */
  maxBytes: number;
  /** The clock the staff register's standing is judged by (tests set it). */
  now?: () => Date;
  /** Uploads one user may make in any minute (DOCUMENT_UPLOADS_PER_MINUTE). */
  uploadsPerMinute?: number;
}

/** Files per request: enough for one visit's paper, small enough that one request stays bounded. */
export const MAX_FILES_PER_UPLOAD = 10;
// Room for part headers and the few text fields, on top of the files themselves.
const FORM_OVERHEAD_BYTES = 64 * 1024;

function sizeText(bytes: number, zh: boolean): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return zh ? `${bytes} 字节` : `${bytes} bytes`;
}

/** 413, closing the connection so the rest of an oversized body is not read. */
function tooLarge(req: Request, res: Response, maxBytes: number): Problem {
  res.set('Connection', 'close');
  const zh = localeOf(req) === 'zh';
  const limit = sizeText(maxBytes, zh);
  return new Problem(413, zh ? `单个文件不能超过 ${limit}` : `each file must be at most ${limit}`, `a file is over ${maxBytes} bytes`);
}

function present(doc: StoredDocument) {
  return {
    id: doc.id,
    kind: doc.kind,
    employeeIndex: doc.employeeIndex,
    originalName: doc.originalName,
    mediaType: doc.mediaType,
    sizeBytes: doc.sizeBytes,
    sha256: doc.sha256,
    uploadedBy: doc.uploadedBy,
    uploadedAt: doc.uploadedAt,
    href: `/api/filings/${doc.filingId}/documents/${doc.id}`,
  };
}

export function documentRouter({ db, sessions, dir, maxBytes, now = () => new Date(), uploadsPerMinute = 60 }: DocumentRoutesOptions): Router {
  const store = new DocumentStore(db, dir);
  const router = Router();
  const uploads = new RateLimit(uploadsPerMinute, 60_000);

  router.post('/api/filings/:id/documents', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const zh = localeOf(req) === 'zh';
    // Counted before the filing is looked up or a byte of the files read.
    const admission = uploads.take(who.sub);
    if (!admission.admitted) {
      res.set('Connection', 'close');
      throw zh
        ? tooManyCalls(res, admission, '上传过于频繁，请稍后再试', `每分钟最多上传 ${uploads.limit} 次，请 ${admission.retryAfterSeconds} 秒后再试`, 'TOO_MANY_UPLOADS')
        : tooManyCalls(res, admission, 'too many uploads; try again later', `at most ${uploads.limit} uploads a minute; retry in ${admission.retryAfterSeconds} s`, 'TOO_MANY_UPLOADS');
    }
    const filing = await readableFiling(db, req);
    if (!mayUploadDocument(who, filing)) throw new Problem(403, zh ? '无权为该申报上传材料' : 'you may not add documents to this filing');
    if (!req.is('multipart/form-data')) {
      throw new Problem(415, zh ? '请以 multipart/form-data 方式上传文件' : 'send the files as multipart/form-data');
    }
    // A declared length that cannot fit is refused before a byte is read.
    if (Number(req.get('content-length')) > MAX_FILES_PER_UPLOAD * (maxBytes + 1) + FORM_OVERHEAD_BYTES) throw tooLarge(req, res, maxBytes);

    let received: ReceivedUpload<StagedFile>;
    try {
      received = await receiveUpload(req, store, { maxFileBytes: maxBytes, maxFiles: MAX_FILES_PER_UPLOAD });
    } catch (error) {
      if (!(error instanceof UploadRejected)) throw error;
      if (error.reason === 'too_large') throw tooLarge(req, res, maxBytes);
      if (error.reason === 'malformed') throw invalid(req, [{ path: '/', code: 'FORMAT' }], documentMessages);
      throw new Problem(400, zh ? '上传中断' : 'upload interrupted', 'the client closed the request before it ended');
    }

    const form = checkUpload(received, filing.declaration.employees);
    if (!form.ok) {
      await store.discard(received.files);
      throw invalid(req, form.issues, documentMessages);
    }
    try {
      const stored = await store.save(who, filing.id, form.value);
      res.status(201).json({ items: stored.map(present) });
    } finally {
      await store.discard(received.files); // temp files not moved into place (after a failure); a no-op otherwise
    }
  });

  router.get('/api/filings/:id/documents', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const filing = await readableFiling(db, req);
    const documents = await store.list(filing.id);
    await audit(db, who, 'document.list', { type: 'filing', id: filing.id }, { returned: documents.map((d) => d.id) });
    res.json({ items: documents.map(present) });
  });

  router.get('/api/filings/:id/documents/:documentId', authenticate(sessions), async (req, res) => {
    const who = identityOf(req);
    const filing = await readableFiling(db, req);
    const documentId = String(req.params.documentId);
    const doc = isUuid(documentId) ? await store.find(filing.id, documentId) : undefined;
    if (!doc) throw new Problem(404, localeOf(req) === 'zh' ? '未找到该材料' : 'document not found', `no document ${documentId} on this filing`);
    // A scan shows whole personal numbers: staff only in good standing in the register (employers are not asked).
    await requireGoodStanding(db, who, now());

    const body = await store.open(doc);
    try {
      // Scans carry personal data: the read is recorded, naming the person, before a byte leaves.
      await audit(db, who, 'document.read', { type: 'document', id: doc.id }, { filingId: filing.id, kind: doc.kind, employeeIndex: doc.employeeIndex });
    } catch (error) {
      body.destroy();
      throw error;
    }
    res.status(200).set({
      'Content-Type': doc.mediaType,
      'Content-Length': String(doc.sizeBytes),
      'Content-Disposition': attachmentDisposition(doc.originalName, `document-${doc.id.slice(0, 8)}.${extensionOf(doc.mediaType)}`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    try {
      await pipeline(body, res);
    } catch {
      res.destroy(); // the client went away or the disk failed mid-stream: nothing more can be said on this response
    }
  });

  return router;
}
