// At most `limit` calls per key (a user) in any `windowMs`: the times of the last calls are kept per key, so a
// refusal can say when the next call will be taken (Retry-After). In memory, per API process.
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
    const recent = (this.calls.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.calls.set(key, recent);
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.calls.set(key, recent);
    if (this.calls.size > 10_000) this.forgetIdle(now);
    return { admitted: true };
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.calls) if (times.every((t) => t <= now - this.windowMs)) this.calls.delete(key);
  }
}
