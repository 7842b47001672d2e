// One part of the system run as a child process and kept running: started (the first start's failure is the
// caller's to report), watched, and when it dies, said so — what died, how (exit code or signal) and the last lines
// it wrote — and started again after a back-off, until it is stopped.
import type { ProcessEnd } from './last-lines.ts';
import { DEFAULT_BACKOFF, RestartBackoff, type BackoffSettings } from './restart-backoff.ts';

/** A started child process, as the supervisor handles it. */
export interface RunningChild {
  pid: number;
  ended: Promise<ProcessEnd>;
  lastLines(): string[];
  /** Asks it to finish (SIGTERM), forces it after its grace period, and waits for it to end. */
  stop(): Promise<void>;
  /** Ends it at once (SIGKILL). */
  kill(): void;
}

export interface PartSpec<Facts> {
  /** e.g. "engine", "api": how the log names it. */
  name: string;
  /**
   * Starts the part and resolves once it is ready, with what it reports of itself; rejects when it cannot start.
   * `spawned` is told the child as soon as it exists, so a stop during the start can end it.
   */
  start(attempt: { first: boolean; spawned: (child: RunningChild) => void }): Promise<{ child: RunningChild; facts: Facts }>;
}

export interface SupervisorOptions {
  log: (line: string) => void;
  backoff?: BackoffSettings;
}

export function describeEnd({ code, signal }: ProcessEnd): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export class SupervisedPart<Facts> {
  private current: RunningChild | undefined;
  private starting: Promise<unknown> | undefined;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly backoff: RestartBackoff;
  /** How many times it was started again after dying. */
  restarts = 0;

  constructor(
    private readonly spec: PartSpec<Facts>,
    private readonly options: SupervisorOptions,
  ) {
    this.backoff = new RestartBackoff(options.backoff ?? DEFAULT_BACKOFF);
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** The first start: its failure is thrown, not retried (a wrong setting shows at once, in one line). */
  async start(): Promise<Facts> {
    const { child, facts } = await this.attempt(true);
    this.watch(child);
    return facts;
  }

  private async attempt(first: boolean): Promise<{ child: RunningChild; facts: Facts }> {
    const started = this.spec.start({ first, spawned: (child) => (this.current = child) });
    this.starting = started;
    try {
      const result = await started;
      this.current = result.child;
      return result;
    } finally {
      this.starting = undefined;
    }
  }

  private watch(child: RunningChild): void {
    const upSince = Date.now();
    void child.ended.then((end) => {
      if (this.stopping || this.current !== child) return;
      this.current = undefined;
      const wait = this.backoff.next(Date.now() - upSince);
      const lines = child.lastLines();
      this.options.log(
        [
          `${this.name} (pid ${child.pid}) died: ${describeEnd(end)}; starting it again in ${wait / 1000} s`,
          ...(lines.length ? [`  its last lines:`, ...lines.slice(-12).map((l) => `    ${l}`)] : []),
        ].join('\n'),
      );
      this.later(wait);
    });
  }

  private later(wait: number): void {
    this.timer = setTimeout(() => void this.again(), wait);
  }

  private async again(): Promise<void> {
    if (this.stopping) return;
    try {
      const { child } = await this.attempt(false);
      if (this.stopping) return void (await child.stop());
      this.restarts += 1;
      this.options.log(`${this.name} started again (pid ${child.pid})`);
      this.watch(child);
    } catch (error) {
      if (this.stopping) return;
      const wait = this.backoff.next(0);
      this.options.log(`${this.name} could not be started again: ${error instanceof Error ? error.message : String(error)}; trying again in ${wait / 1000} s`);
      this.later(wait);
    }
  }

  /** No more restarts; ends the child (gracefully, within its grace period) and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const pending = this.starting;
    if (pending) {
      // A child spawned but not yet ready is asked to stop now; one not spawned yet is waited for.
      if (this.current) await this.current.stop();
      await pending.catch(() => undefined);
    }
    await this.current?.stop();
  }

  /** Ends the child at once (a second Ctrl-C). */
  kill(): void {
    this.stopping = true;
    clearTimeout(this.timer);
    this.current?.kill();
  }
}
