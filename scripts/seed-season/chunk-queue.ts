// A queue of text chunks between the row generator and one COPY: the generator waits while the COPY is behind, so
// at most a few batches are held in memory whatever the size of the load.
export class ChunkQueue implements AsyncIterable<string> {
  private readonly chunks: string[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  private drained: (() => void) | undefined;
  failed: Error | undefined;

  push(chunk: string): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** Resolves once fewer than `limit` chunks wait (or the consumer failed: then throws its error). */
  async room(limit: number): Promise<void> {
    while (this.chunks.length >= limit) {
      if (this.failed) throw this.failed;
      await new Promise<void>((resolve) => (this.drained = resolve));
    }
    if (this.failed) throw this.failed;
  }

  /** The consumer gave up: whoever waits for room hears why. */
  fail(error: Error): void {
    this.failed = error;
    this.drained?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        const drained = this.drained;
        this.drained = undefined;
        drained?.();
        yield chunk;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
