// At most `limit` calls per key (a user) in any `windowMs`: the times of the last calls are kept per key, so a
// refusal can say when the next call will be taken (Retry-After). In memory, per API process. A limit on failures
// only (sign-in attempts) asks `check` before trying and `take`s a call for each failure.
import type { Response } from 'express';
import { Problem } from './problem.ts';

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

export class RateLimit {
  private readonly calls = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a call for `key` if the window has room. */
  take(key: string): Admission {
    const now = this.now();
    const recent = this.recent(key, now);
    this.calls.set(key, recent);
    if (recent.length >= this.limit) return this.refusal(recent, now);
    recent.push(now);
    if (this.calls.size > 10_000) this.forgetIdle(now);
    return { admitted: true };
  }

  /** Whether a call for `key` would be taken now, taking none. */
  check(key: string): Admission {
    const now = this.now();
    const recent = this.recent(key, now);
    return recent.length >= this.limit ? this.refusal(recent, now) : { admitted: true };
  }

  private recent(key: string, now: number): number[] {
    return (this.calls.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private refusal(recent: readonly number[], now: number): Admission {
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.calls) if (times.every((t) => t <= now - this.windowMs)) this.calls.delete(key);
  }
}

/** The 429 for a call a limit refused: Retry-After set on `res`, and the problem to throw (title and detail in Chinese). */
export function tooManyCalls(res: Response, refusal: Extract<Admission, { admitted: false }>, title: string, detail: string, code: string): Problem {
  res.set('Retry-After', String(refusal.retryAfterSeconds));
  return new Problem(429, title, detail, undefined, undefined, { code });
}
