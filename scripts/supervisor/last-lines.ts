// The last lines a child process wrote, and how it ended: what the supervisor says when a part dies.

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The last lines a process wrote, kept to say why it died. */
export class LastLines {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 20) {}

  add(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split('\n');
    this.partial = (parts.pop() ?? '').slice(-2000);
    for (const line of parts) if (line.trim()) this.lines.push(line);
    this.lines.splice(0, Math.max(0, this.lines.length - this.keep));
  }

  all(): string[] {
    return this.partial.trim() ? [...this.lines, this.partial].slice(-this.keep) : [...this.lines];
  }
}
