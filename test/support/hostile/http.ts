// Raw HTTP for the hostile-input suite: any method, any header, any bytes (bad encodings, lying lengths,
// truncated multipart), through node:http so nothing on the client side tidies the request up first.
import http from 'node:http';

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: Buffer | string;
  /** Send the body with chunked transfer encoding (no Content-Length), in pieces of this many bytes. */
  chunkBytes?: number;
  /** Stop writing after this many bytes of the body, leaving the request open until the answer comes. */
  sendOnly?: number;
  /** How long to wait for the answer (default 15 s). */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The answer's text as received. */
  text: string;
  /** The text parsed as JSON when it is JSON; undefined otherwise. */
  body: any;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** One request on its own connection; resolves with the answer even when the server stops reading the body early. */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const timeout = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string | number> = { ...(req.headers ?? {}) };
  const hasHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  if (body !== undefined && req.chunkBytes === undefined && !hasHeader('content-length')) headers['content-length'] = body.length;

  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      { host: url.hostname, port: url.port, method: req.method ?? 'GET', path: req.path, headers, agent: false, timeout },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
          request.destroy();
        });
      },
    );
    // The server may answer (413, 415) and close before the body is written: that is not the client's failure.
    request.on('error', (error) => {
      if (!answered) reject(new Error(`no answer to ${req.method ?? 'GET'} ${req.path}: ${error.message}`));
    });
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeout} ms`)));
    if (body === undefined) {
      request.end();
      return;
    }
    const payload = req.sendOnly === undefined ? body : body.subarray(0, req.sendOnly);
    if (req.chunkBytes !== undefined) {
      for (let at = 0; at < payload.length; at += req.chunkBytes) request.write(payload.subarray(at, at + req.chunkBytes));
    } else request.write(payload);
    if (req.sendOnly === undefined) request.end();
  });
}

/** A JSON request as a client library would send it, with an optional bearer token. */
export function jsonRequest(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Buffer | undefined = opts.rawBody;
  if (body === undefined && opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return rawRequest(baseUrl, { method, path, headers: { ...headers, ...(opts.headers ?? {}) }, ...(body !== undefined ? { body } : {}) });
}
