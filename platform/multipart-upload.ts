// Reads one multipart/form-data upload as it streams in: text fields into memory (small, limited), each file
// part handed to the caller's stager (a temp file for documents, memory for a spreadsheet import). A file over
// the size limit stops the reading at once and discards every staged file of the request, so a huge upload is
// neither buffered nor kept.
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import type { FieldIssue } from './schema.ts';

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

export interface ReceivedUpload<F> {
  /** Text fields; a field sent twice becomes an array, which the form check then rejects. */
  fields: Record<string, string | string[]>;
  /** The file parts named `file`, in the order sent. */
  files: F[];
  /** What the stream itself showed wrong: extra files, unknown file parts, over-long values. */
  issues: FieldIssue[];
}

export type UploadFailure = 'too_large' | 'malformed' | 'aborted';

export class UploadRejected extends Error {
  constructor(readonly reason: UploadFailure) {
    super(`upload rejected: ${reason}`);
    this.name = 'UploadRejected';
  }
}

/** Where file parts go while the form is read; `F` is what a staged file is to the caller. */
export interface Stager<F> {
  stage(source: Readable, originalName: string): Promise<F>;
  discard(files: readonly F[]): Promise<void>;
}

const FILE_FIELD = 'file';
const MAX_TEXT_FIELDS = 20;
const MAX_TEXT_BYTES = 1024;

function createParser(req: Request, limits: UploadLimits): busboy.Busboy {
  return busboy({
    headers: req.headers,
    // Browsers and fetch send UTF-8 file names unencoded; busboy would read them as latin1.
    defParamCharset: 'utf8',
    limits: {
      // busboy reports "limit" on reaching the size, so one byte more lets a file of exactly the limit pass.
      fileSize: limits.maxFileBytes + 1,
      files: limits.maxFiles,
      fields: MAX_TEXT_FIELDS,
      fieldSize: MAX_TEXT_BYTES,
    },
  });
}

export function receiveUpload<F>(req: Request, stager: Stager<F>, limits: UploadLimits): Promise<ReceivedUpload<F>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = createParser(req, limits);
    } catch {
      reject(new UploadRejected('malformed')); // e.g. multipart without a boundary
      return;
    }
    const fields: ReceivedUpload<F>['fields'] = {};
    const issues: FieldIssue[] = [];
    const staging: Promise<F>[] = [];
    let settled = false;
    let oversize = false;

    const discardAll = async () => {
      const results = await Promise.allSettled(staging);
      await stager.discard(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    };

    const fail = (reason: UploadFailure) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.destroy(); // also destroys the file part being read, which makes its stager give it up
      // Answer only once every staged file is gone, so the caller never sees a half-cleaned folder.
      void discardAll().finally(() => reject(new UploadRejected(reason)));
    };

    parser.on('file', (name, stream, info) => {
      if (settled) {
        stream.resume();
        return;
      }
      if (name !== FILE_FIELD) {
        issues.push({ path: `/${name}`, code: 'UNKNOWN_FIELD' });
        stream.resume();
        return;
      }
      // Failures reach the stager through its pipeline; this keeps one that strikes before the pipeline is attached
      // (while the temp folder is being made) from becoming an uncaught error.
      stream.on('error', () => undefined);
      // Deferred: busboy emits "limit" from inside its own write, where it must not be destroyed.
      stream.once('limit', () => {
        oversize = true; // seen by the close handler too, should the form end before the deferred fail runs
        setImmediate(() => fail('too_large'));
      });
      const staged = stager.stage(stream, info.filename ?? '');
      staged.catch(() => undefined); // handled when the request settles
      staging.push(staged);
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) issues.push({ path: `/${name}`, code: 'FORMAT', params: { keyword: 'maxLength', limit: MAX_TEXT_BYTES } });
      const earlier = fields[name];
      fields[name] = earlier === undefined ? value : [earlier, value].flat();
    });
    parser.on('filesLimit', () => issues.push({ path: `/${FILE_FIELD}`, code: 'TOO_MANY_FILES', params: { max: limits.maxFiles } }));
    parser.on('fieldsLimit', () => issues.push({ path: '/', code: 'FORMAT' }));
    parser.on('error', () => fail('malformed'));
    parser.on('close', () => {
      void Promise.allSettled(staging).then((results) => {
        if (settled) return;
        if (oversize) fail('too_large');
        else if (results.some((r) => r.status === 'rejected')) fail('malformed');
        else {
          settled = true;
          resolve({ fields, files: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])), issues });
        }
      });
    });
    req.on('error', () => fail('aborted'));
    req.on('close', () => {
      if (!req.complete) fail('aborted');
    });
    req.pipe(parser);
  });
}
