// What a request body must be before any route reads it: JSON in UTF-8 (or, on the upload routes, multipart),
// compressed with gzip or deflate or not at all, and no larger than the limit it declares — each refused at once
// with a problem, before the body is read (a body that claims 10 GB is not waited for).
import type { NextFunction, Request, Response } from 'express';
import { Problem } from '../problem.ts';

/** Routes that take multipart uploads (documents/, employee-import/, review-history/); every other route with a body takes JSON. */
const MULTIPART_ROUTES = [/^\/api\/filings\/[^/]+\/documents\/?$/, /^\/api\/employee-imports\/?$/, /^\/api\/review-history\/imports\/?$/];
const ENCODINGS = new Set(['identity', 'gzip', 'deflate']);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

export function requestGuard(bodyLimitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!hasBody(req)) return next();
    const multipartRoute = MULTIPART_ROUTES.some((route) => route.test(req.path));
    const declared = Number(req.headers['content-length']);
    // Uploads are cut off by their own reader as soon as a file passes its limit, with a sentence naming it.
    if (!multipartRoute && Number.isFinite(declared) && declared > bodyLimitBytes) {
      // Nothing of it will be read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      return next(new Problem(413, '提交的内容过大', `request body declared ${declared} bytes, over ${bodyLimitBytes}`));
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (!ENCODINGS.has(encoding)) {
      return next(new Problem(415, '不支持该内容编码（Content-Encoding），请使用 gzip、deflate 或不压缩', `content-encoding ${encoding}`));
    }
    if (multipartRoute ? req.is('multipart/form-data') : req.is('application/json')) {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        return next(new Problem(415, '不支持该字符集，请以 UTF-8 提交', `charset ${charset}`));
      }
      return next();
    }
    next(new Problem(415, multipartRoute ? '请以 multipart/form-data 上传文件' : '请以 application/json 提交', `content-type ${req.headers['content-type'] ?? '(none)'}`));
  };
}
