// The one retry mechanism: exponential back-off with full jitter, so callers of a struggling department
// spread their retries out instead of hitting it again in lockstep — unless the failure itself says how long
// to wait (an HTTP Retry-After), which the one who is busy knows best.

export interface RetryOptions {
  /** Retries after the first attempt (0 = try once). */
  retries: number;
  /** Cap of the first back-off; each later cap doubles. */
  baseDelayMs: number;
  /** Largest back-off cap, however many attempts came before. */
  maxDelayMs: number;
  /** Only these errors are worth another attempt; any other is rethrown at once. */
  isRetryable: (error: unknown) => boolean;
  /** The wait a retryable error asks for itself (e.g. from Retry-After), instead of the back-off; undefined = back off. */
  requestedDelayMs?: (error: unknown) => number | undefined;
  /** Injectable for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests; a number in [0, 1), defaults to Math.random. */
  random?: () => number;
}

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry number `retry` (1-based): a random point between 0 and the capped exponential. */
export function backoffDelay(retry: number, opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (retry - 1));
  return Math.floor((opts.random ?? Math.random)() * cap);
}

/**
 * Runs `attempt(n)` with n = 1, 2, … until it succeeds, the error is not retryable (rethrown at once),
 * or `retries` retries have failed (the last error is rethrown).
 */
export async function retryWithBackoff<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? timerSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n > opts.retries || !opts.isRetryable(error)) throw error;
      await sleep(opts.requestedDelayMs?.(error) ?? backoffDelay(n, opts));
    }
  }
}

/**
 * The wait an HTTP `Retry-After` value asks for (RFC 9110 §10.2.3): delay-seconds or an HTTP date, a date in
 * the past meaning no wait; undefined when the header is missing or neither.
 */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates are in GMT and say so (IMF-fixdate, RFC 850); without it Date.parse would guess local time.
  if (!text.endsWith(' GMT')) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
