// The one HTTP client mechanism for department systems: every call has a timeout, transient failures are
// retried with back-off, and every answer is schema-checked before anyone sees it. The three error classes
// tell a caller what to do: wait and retry later (Unavailable), stop and show someone (BadAnswer, Rejected).
// No body is read beyond a cap, so a department that answers without end cannot exhaust our memory. A call's
// whole time, retries and waits included, is bounded, and a call made for a job stops when the job's signal fires
// (its external task's lock lost, the worker stopping: platform/job-signal.ts).
import { jobSignal } from './job-signal.ts';
import { maskNumbersInText } from './masking.ts';
import { departmentCallDuration } from './metrics.ts';
import { retryAfterMs, retryWithBackoff } from './retry.ts';
import type { Checked, FieldIssue } from './schema.ts';

export interface DepartmentHttpOptions {
  /** Short name used in error messages, e.g. "registration". */
  department: string;
  baseUrl: string;
  /** Timeout of one attempt, headers and body together. */
  timeoutMs: number;
  /** Retries after the first attempt, for timeouts, network errors, 5xx and 429. */
  retries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Largest 2xx body read, in bytes; a longer one is a DepartmentBadAnswer (TOO_LARGE). 16 MiB unless given. */
  maxAnswerBytes?: number;
  /** Longest wait a 429/503 `Retry-After` may ask for; a longer one ends the call at once. 30 s unless given. */
  maxRetryAfterMs?: number;
  /**
   * Longest a call may take, every attempt and wait included: a retry that could not finish within it is not
   * started. 120 s unless given (or the longest Retry-After allowed and one attempt, if longer).
   */
  maxTotalMs?: number;
  /** Injectable for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DepartmentRequest<T> {
  /** Appended to the base URL; starts with "/" and is already URL-encoded. */
  path: string;
  body?: unknown;
  /** Sent on every attempt of this call, so a department can recognise a repeat. */
  idempotencyKey: string;
  /** Checks the parsed JSON answer; a failed check is a DepartmentBadAnswer. */
  check: (data: unknown) => Checked<T>;
  /** What a 404 means: "null" = the thing does not exist (an answer), "error" = DepartmentRejected. */
  notFound?: 'null' | 'error';
}

export type Method = 'GET' | 'POST';
export type GetRequest<T> = Omit<DepartmentRequest<T>, 'body'>;

export interface DepartmentHttp {
  request<T>(req: DepartmentRequest<T> & { method: Method; notFound: 'null' }): Promise<T | null>;
  request<T>(req: DepartmentRequest<T> & { method: Method }): Promise<T>;
  get<T>(req: GetRequest<T> & { notFound: 'null' }): Promise<T | null>;
  get<T>(req: GetRequest<T>): Promise<T>;
  post<T>(req: DepartmentRequest<T> & { notFound: 'null' }): Promise<T | null>;
  post<T>(req: DepartmentRequest<T>): Promise<T>;
}

/** Base of the three outcomes a caller must handle; names the department and the call. */
export abstract class DepartmentError extends Error {
  constructor(
    readonly department: string,
    readonly method: Method,
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The department did not answer usefully (timeout, network, 5xx, 429) on any attempt; try again later. */
export class DepartmentUnavailable extends DepartmentError {
  override name = 'DepartmentUnavailable';
  constructor(
    department: string,
    method: Method,
    path: string,
    readonly attempts: number,
    readonly lastCause: string,
    options?: ErrorOptions,
  ) {
    super(
      department,
      method,
      path,
      `${department} unavailable: ${method} ${path} failed after ${attempts} attempt(s); last: ${lastCause}`,
      options,
    );
  }
}

/** The department answered 2xx with something that is not the agreed shape; retrying would not help. */
export class DepartmentBadAnswer extends DepartmentError {
  override name = 'DepartmentBadAnswer';
  constructor(
    department: string,
    method: Method,
    path: string,
    readonly status: number,
    readonly issues: FieldIssue[],
  ) {
    super(
      department,
      method,
      path,
      `${department} bad answer to ${method} ${path} (HTTP ${status}): ${issues.map((i) => `${i.path} ${i.code}`).join('; ')}`,
    );
  }
}

/** The department refused the request (4xx other than 429, or 404 when not found is an error). */
export class DepartmentRejected extends DepartmentError {
  override name = 'DepartmentRejected';
  constructor(
    department: string,
    method: Method,
    path: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(department, method, path, `${department} rejected ${method} ${path}: HTTP ${status} ${detail}`.trimEnd());
  }
}

/** One failed attempt worth retrying; becomes DepartmentUnavailable when retries run out. */
class TransientFailure extends Error {
  constructor(
    readonly description: string,
    options?: ErrorOptions,
    /** How long the department asked us to wait (Retry-After), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(description, options);
  }
}

const DETAIL_CHARS = 200;
const MiB = 1024 * 1024;
// Answers are lists of at most a few hundred records; 16 MiB leaves ample room and still bounds memory.
const DEFAULT_MAX_ANSWER_BYTES = 16 * MiB;
// Only the first DETAIL_CHARS of a refusal are shown; the rest is read to a point, never without end.
const ERROR_BODY_MAX_BYTES = 1 * MiB;
// Half the workers' 60 s lock on a task: a department asking for longer is better left to the engine's own retry.
const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
// Two locks' worth: the worker extends its lock every half lock while the call runs (workers/runtime), and a call
// still going after two minutes is better failed and retried by the engine, where an operator can see it.
const DEFAULT_MAX_TOTAL_MS = 120_000;

/** A wait that ends early, with the signal's reason, when the signal fires. */
function abortableSleep(ms: number, signal: AbortSignal | undefined, sleep: (ms: number) => Promise<void>): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      reject,
    );
  });
}

/**
 * The body as UTF-8 text, at most `maxBytes` of it: `whole` is false when there was more, which is then
 * never read — the stream is cancelled, closing the connection.
 */
async function readAtMost(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<{ text: string; whole: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const text = () => new TextDecoder().decode(Buffer.concat(chunks));
  if (!body) return { text: '', whole: true };
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text(), whole: true };
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      void reader.cancel().catch(() => {});
      return { text: text(), whole: false };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}

/** A body nobody will read: cancelled rather than left to hold the connection. */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => {});
}

export function createDepartmentHttp(options: DepartmentHttpOptions): DepartmentHttp {
  const { department, timeoutMs, retries } = options;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 4000;
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  // A caller that allows a longer Retry-After allows the call that long, and one attempt more.
  const maxTotalMs = options.maxTotalMs ?? Math.max(DEFAULT_MAX_TOTAL_MS, maxRetryAfterMs + timeoutMs);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Fail at start-up, not on the first job, when the URL is misconfigured.
  const baseUrl = new URL(options.baseUrl).href.replace(/\/+$/, '');

  function describe(error: unknown, signal: AbortSignal | undefined): string {
    if (signal?.aborted) return `abandoned: ${signal.reason instanceof Error ? signal.reason.message : String(signal.reason)}`;
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return `timed out after ${timeoutMs} ms`;
    }
    // Whatever fetch throws besides a timeout is a network failure; undici wraps the socket error as the
    // cause of TypeError("fetch failed"), other stacks throw it directly.
    const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    const reason = cause ? (cause.code ?? cause.message ?? String(cause)) : error instanceof Error ? error.message : String(error);
    return `network error: ${reason}`;
  }

  async function attempt<T>(method: Method, req: DepartmentRequest<T>, deadline: number, signal: AbortSignal | undefined): Promise<T | null> {
    const timeout = AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, deadline - Date.now())));
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Idempotency-Key': req.idempotencyKey,
    };
    const init: RequestInit = { method, headers, signal: signal ? AbortSignal.any([timeout, signal]) : timeout };
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(req.body);
    }

    let response: Response;
    try {
      response = await fetch(baseUrl + req.path, init);
    } catch (error) {
      throw new TransientFailure(describe(error, signal), { cause: error });
    }
    // Read the body under the same timeout: a department that stalls mid-answer is as unavailable as a silent one.
    const read = async (maxBytes: number) => {
      try {
        return await readAtMost(response.body, maxBytes);
      } catch (error) {
        throw new TransientFailure(describe(error, signal), { cause: error });
      }
    };

    const { status } = response;
    if (status === 404 && req.notFound === 'null') {
      discard(response);
      return null;
    }
    if (status >= 500 || status === 429) {
      discard(response);
      throw busy(status, retryAfterMs(response.headers.get('retry-after')));
    }
    if (status >= 400) {
      // The body is the department's words: it may echo the people we asked about, and it ends up in incidents.
      // Masked before it is cut, so a number cut in half is not left showing.
      const { text } = await read(ERROR_BODY_MAX_BYTES);
      throw new DepartmentRejected(department, method, req.path, status, maskNumbersInText(text).slice(0, DETAIL_CHARS));
    }
    if (status < 200 || status >= 300) {
      discard(response);
      throw new DepartmentBadAnswer(department, method, req.path, status, [
        { path: '/', code: 'UNEXPECTED_STATUS', params: { status } },
      ]);
    }

    const tooLarge = new DepartmentBadAnswer(department, method, req.path, status, [
      { path: '/', code: 'TOO_LARGE', params: { maxBytes: maxAnswerBytes } },
    ]);
    // A declared length over the cap is refused before a byte of the body is read.
    if (Number(response.headers.get('content-length')) > maxAnswerBytes) {
      discard(response);
      throw tooLarge;
    }
    const { text, whole } = await read(maxAnswerBytes);
    if (!whole) throw tooLarge;

    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new DepartmentBadAnswer(department, method, req.path, status, [{ path: '/', code: 'NOT_JSON' }]);
    }
    const checked = req.check(data);
    if (!checked.ok) throw new DepartmentBadAnswer(department, method, req.path, status, checked.issues);
    return checked.value;
  }

  /** A 429 or 5xx: retried after the wait the department asked for, if any; one asking too long is not. */
  function busy(status: number, retryAfter: number | undefined): TransientFailure {
    if (retryAfter === undefined) return new TransientFailure(`HTTP ${status}`);
    const seconds = Math.ceil(retryAfter / 1000);
    if (retryAfter <= maxRetryAfterMs) return new TransientFailure(`HTTP ${status}, Retry-After ${seconds} s`, undefined, retryAfter);
    return new TransientFailure(
      `HTTP ${status}, Retry-After ${seconds} s is longer than the ${maxRetryAfterMs / 1000} s this client waits`,
      undefined,
      retryAfter,
    );
  }

  /** Every call's whole time and outcome, for the workers' figures (platform/metrics.ts). */
  async function request<T>(req: DepartmentRequest<T> & { method: Method }): Promise<T | null> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await call(req);
    } catch (error) {
      outcome = error instanceof DepartmentUnavailable ? 'unavailable' : error instanceof DepartmentBadAnswer ? 'bad-answer' : error instanceof DepartmentRejected ? 'rejected' : 'error';
      throw error;
    } finally {
      departmentCallDuration.observe({ department, method: req.method, outcome }, (performance.now() - started) / 1000);
    }
  }

  async function call<T>(req: DepartmentRequest<T> & { method: Method }): Promise<T | null> {
    if (!req.path.startsWith('/')) throw new TypeError(`department path must start with "/": ${req.path}`);
    if (!req.idempotencyKey) throw new TypeError('a department call needs an idempotency key');
    let attempts = 0;
    const signal = jobSignal();
    const deadline = Date.now() + maxTotalMs;
    try {
      return await retryWithBackoff(
        (n) => {
          attempts = n;
          return attempt(req.method, req, deadline, signal);
        },
        {
          retries,
          baseDelayMs,
          maxDelayMs,
          isRetryable: (error) => error instanceof TransientFailure && (error.retryAfterMs ?? 0) <= maxRetryAfterMs && !signal?.aborted,
          requestedDelayMs: (error) => (error instanceof TransientFailure ? error.retryAfterMs : undefined),
          // A wait that would end past the call's budget is not begun, and one under way ends when the job is let go.
          sleep: async (ms) => {
            if (Date.now() + ms >= deadline) throw new TransientFailure(`no time left for another attempt within ${maxTotalMs} ms`);
            try {
              await abortableSleep(ms, signal, sleep);
            } catch (error) {
              throw new TransientFailure(describe(error, signal), { cause: error });
            }
          },
        },
      );
    } catch (error) {
      if (error instanceof TransientFailure) {
        throw new DepartmentUnavailable(department, req.method, req.path, attempts, error.description, {
          cause: error.cause ?? error,
        });
      }
      throw error;
    }
  }

  // The overloads only narrow the return type by `notFound`; one implementation serves them all.
  return {
    request: request as DepartmentHttp['request'],
    get: ((req: GetRequest<unknown>) => request({ ...req, method: 'GET' })) as DepartmentHttp['get'],
    post: ((req: DepartmentRequest<unknown>) => request({ ...req, method: 'POST' })) as DepartmentHttp['post'],
  };
}
