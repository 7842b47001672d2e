// The system's health, checked in the background (every HEALTH_REFRESH_MS) rather than per request: GET /api/health
// answers from the last result, so an anonymous caller costs no engine or department call. Operators read the same
// result with its details (GET /api/operations/health). A part that changes state is logged once, when it does.
import type { CheckResult, CheckState, HealthCheck } from './health-checks.ts';
import type { Log } from '../platform/log.ts';

export interface CheckOutcome extends CheckResult {
  name: string;
}

export interface HealthSnapshot<Details> {
  checkedAt: string;
  ready: boolean;
  checks: CheckOutcome[];
  details: Details;
}

export interface HealthMonitorOptions<Details> {
  checks: readonly HealthCheck[];
  /** What operators are told besides the checks; each part null-safe on its own (the database may be away). */
  details: () => Promise<Details>;
  refreshMs: number;
  log?: Log;
}

/** The part that is down while the service stops: no load balancer should send it more. */
const STOPPING: CheckOutcome = { name: 'api', state: 'down', detail: 'stopping: new requests are refused' };

export class HealthMonitor<Details> {
  private snapshot: HealthSnapshot<Details> | undefined;
  private refreshing: Promise<HealthSnapshot<Details>> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly states = new Map<string, CheckState>();

  constructor(private readonly options: HealthMonitorOptions<Details>) {}

  /** Refreshes now and then every `refreshMs` until closed; without it, a read older than that refreshes. */
  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
  }

  /** The last result (waiting only for the very first), marked not ready once the service stops. */
  async current(): Promise<HealthSnapshot<Details>> {
    const stale = !this.snapshot || Date.now() - Date.parse(this.snapshot.checkedAt) > this.options.refreshMs;
    if (!this.snapshot) await this.refresh();
    else if (stale && !this.timer) void this.refresh();
    const snapshot = this.snapshot!;
    return this.stopping ? { ...snapshot, ready: false, checks: [...snapshot.checks, STOPPING] } : snapshot;
  }

  /** From now on not ready: the service is stopping. */
  markStopping(): void {
    this.stopping = true;
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** One check of every part at a time, whoever asks. */
  refresh(): Promise<HealthSnapshot<Details>> {
    this.refreshing ??= this.checkAll().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async checkAll(): Promise<HealthSnapshot<Details>> {
    const [checks, details] = await Promise.all([
      Promise.all(this.options.checks.map(async (c): Promise<CheckOutcome> => ({ name: c.name, ...(await c.check().catch((e: unknown) => ({ state: 'down' as const, detail: String(e) }))) }))),
      this.options.details(),
    ]);
    for (const c of checks) this.noteChange(c);
    this.snapshot = { checkedAt: new Date().toISOString(), ready: checks.every((c) => c.state === 'up'), checks, details };
    return this.snapshot;
  }

  private noteChange(outcome: CheckOutcome): void {
    const before = this.states.get(outcome.name);
    this.states.set(outcome.name, outcome.state);
    if (before === undefined || before === outcome.state) return;
    this.options.log?.(`health: ${outcome.name} ${before} → ${outcome.state}${outcome.detail && outcome.state !== 'up' ? ` (${outcome.detail})` : ''}`, {
      level: outcome.state === 'up' ? 'info' : 'warn',
      check: outcome.name,
      state: outcome.state,
    });
  }
}
