// How long to wait before starting a part again that died: 1 s, doubling up to 30 s while it keeps dying soon after
// each start (a crash loop must not spin the machine), back to 1 s once it had stayed up a minute.

export interface BackoffSettings {
  initialMs: number;
  maxMs: number;
  /** A part that stayed up this long counts as having worked: the next wait starts again from initialMs. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

export class RestartBackoff {
  private last: number | undefined;

  constructor(private readonly settings: BackoffSettings = DEFAULT_BACKOFF) {}

  /** The wait before the next start, given how long the part stayed up (0 when it did not start at all). */
  next(upForMs: number): number {
    const { initialMs, maxMs, resetAfterMs } = this.settings;
    this.last = this.last === undefined || upForMs >= resetAfterMs ? initialMs : Math.min(this.last * 2, maxMs);
    return this.last;
  }
}
