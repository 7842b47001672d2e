// One workbook (or CSV) uploaded as multipart/form-data, held in memory: the employee list and the review history
// imports take their file the same way. Memory spares a temp file holding personal data on disk; the size limit
// bounds it. Every refusal is a problem the client can act on, never a 5xx.
import type { Request, Response } from 'express';
import type { FieldMessages } from '../field-messages.ts';
import { receiveUpload, UploadRejected, type ReceivedUpload, type Stager } from '../multipart-upload.ts';
import { Problem } from '../problem.ts';
import type { FieldIssue } from '../schema.ts';
import { invalid, localeOf } from './http.ts';

// Room for the part headers around the one file.
const FORM_OVERHEAD_BYTES = 16 * 1024;

export interface UploadedWorkbook {
  bytes: Buffer;
  /** the file's name as the client sent it */
  name: string;
}

const inMemory: Stager<UploadedWorkbook> = {
  async stage(source, originalName) {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), name: originalName };
  },
  async discard() {},
};

/** 413, closing the connection so the rest of an oversized body is not read. */
export function workbookTooLarge(req: Request, res: Response, maxBytes: number): Problem {
  res.set('Connection', 'close');
  // The limits are at least 1 KB, so KB or MB always reads well.
  const size = maxBytes >= 1024 * 1024 ? `${Number((maxBytes / (1024 * 1024)).toFixed(1))} MB` : `${Number((maxBytes / 1024).toFixed(1))} KB`;
  return localeOf(req) === 'zh'
    ? new Problem(413, `导入的文件不能超过 ${size}`, `the file is over ${maxBytes} bytes`)
    : new Problem(413, `the file must be at most ${size}`, `the file is over ${maxBytes} bytes`);
}

/**
 * The request's one file (field `file`), or the problem that says why there is none: not multipart (415), too large
 * (413, before a byte is read when the declared length cannot fit), malformed or interrupted, other fields, no file.
 * `check` adds the caller's own issues about the file before they are all answered at once.
 */
export async function receiveWorkbook(
  req: Request,
  res: Response,
  options: { maxBytes: number; messages: FieldMessages; check?: (file: UploadedWorkbook) => FieldIssue[] },
): Promise<UploadedWorkbook> {
  const { maxBytes, messages } = options;
  const zh = localeOf(req) === 'zh';
  if (!req.is('multipart/form-data')) throw new Problem(415, zh ? '请以 multipart/form-data 方式上传文件' : 'send the file as multipart/form-data');
  if (Number(req.get('content-length')) > maxBytes + 1 + FORM_OVERHEAD_BYTES) throw workbookTooLarge(req, res, maxBytes);
  let received: ReceivedUpload<UploadedWorkbook>;
  try {
    received = await receiveUpload(req, inMemory, { maxFileBytes: maxBytes, maxFiles: 1 });
  } catch (error) {
    if (!(error instanceof UploadRejected)) throw error;
    if (error.reason === 'too_large') throw workbookTooLarge(req, res, maxBytes);
    if (error.reason === 'malformed') throw invalid(req, [{ path: '/', code: 'FORMAT' }], messages);
    throw new Problem(400, zh ? '上传中断' : 'upload interrupted', 'the client closed the request before it ended');
  }
  const issues: FieldIssue[] = [...received.issues, ...Object.keys(received.fields).map((name) => ({ path: `/${name}`, code: 'UNKNOWN_FIELD' }))];
  const [file] = received.files;
  if (!file && !issues.some((i) => i.code === 'TOO_MANY_FILES')) issues.push({ path: '/file', code: 'REQUIRED' });
  if (file && options.check) issues.push(...options.check(file));
  if (!file || issues.length > 0) throw invalid(req, issues, messages);
  return file;
}
