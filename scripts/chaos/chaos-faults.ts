// The faults of the suite, one phase each while filings flow. `inject` causes the fault and holds it; it resolves
// once the fault is over (the part back, the department answering again) — the moment "time to recover" is
// measured from. `operate` is what an operator does meanwhile, called every second until the phase's filings are
// done (retrying incidents, completing the manual checks).
import { CHAOS_TIMINGS, type ChaosStack } from './chaos-stack.ts';
import { completeDepartmentChecks, retryIncidents } from './chaos-client.ts';

export interface FaultContext {
  stack: ChaosStack;
  /** An operator's session token (signed in again when a fault ended it). */
  operator(): Promise<string>;
  log(line: string): void;
}

export interface Fault {
  name: string;
  /** What it does, for the table's legend. */
  what: string;
  inject(ctx: FaultContext): Promise<void>;
  /** Answers how many filings' department checks the operator had run again (the manual check's completions). */
  operate?(ctx: FaultContext): Promise<number>;
  /** The department it switches, whose failed or garbled answers are not queries it answered. */
  department?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOCK_MS = Number(CHAOS_TIMINGS.WORKER_LOCK_MS);
/** A department down long enough for every attempt of its tasks (three, 250 ms doubling) to fail: incidents. */
const OUTAGE_MS = 8_000;
/** The department that goes down, slow or malformed: one of the five parallel checks. */
const DEPARTMENT = 'medical';

export const FAULTS: readonly Fault[] = [
  {
    name: 'postgres-restart',
    what: 'PostgreSQL stopped at once (pg_ctl -m immediate: every connection cut), down 5 s, started again',
    async inject({ stack }) {
      await stack.postgres.kill();
      await sleep(5_000);
      await stack.postgres.start();
    },
  },
  {
    name: 'engine-kill',
    what: 'the engine killed -9, started again on the same port and database',
    async inject({ stack }) {
      await stack.killEngine();
      await stack.startEngine();
    },
  },
  {
    name: 'worker-kill',
    what: 'a worker process killed -9 holding its tasks, started again',
    async inject({ stack }) {
      await stack.workers[0]!.kill9();
      await stack.workers[0]!.running(60_000);
    },
  },
  {
    name: 'api-crash-after-engine-call',
    what: 'the API killed -9 between an engine call and its commit (crash point outbox-after-engine-call), started again',
    async inject({ stack }) {
      const before = stack.api.pid;
      await stack.api.restartArmed({ FAULT_INJECTION_CRASH_POINT: 'outbox-after-engine-call' });
      // Up armed, crashed at its first dispatch, up again plain: the third process.
      const seen = new Set([before]);
      for (const deadline = Date.now() + 120_000; seen.size < 3; ) {
        if (Date.now() > deadline) throw new Error('the armed API did not crash at its crash point within 120 s');
        await sleep(50);
        if (stack.api.pid !== undefined) seen.add(stack.api.pid);
      }
      await stack.api.running(120_000);
    },
  },
  {
    name: 'department-outage',
    what: `a department (${DEPARTMENT}) answering 503 for ${OUTAGE_MS / 1000} s (ten minutes, compressed): incidents, then retried by the operator`,
    async inject({ stack }) {
      stack.setFault(DEPARTMENT, { outage: true });
      await sleep(OUTAGE_MS);
      stack.setFault(DEPARTMENT, {});
    },
    async operate(ctx) {
      await retryIncidents(ctx.stack.base, await ctx.operator());
      return 0;
    },
    department: DEPARTMENT,
  },
  {
    name: 'department-slower-than-lock',
    what: `a department (${DEPARTMENT}) answering after ${(LOCK_MS * 1.6) / 1000} s, longer than the task lock (${LOCK_MS / 1000} s), for 12 s`,
    async inject({ stack }) {
      stack.setFault(DEPARTMENT, { latencyMs: LOCK_MS * 1.6 });
      await sleep(12_000);
      stack.setFault(DEPARTMENT, {});
    },
  },
  {
    name: 'department-garbage',
    what: `a department (${DEPARTMENT}) answering malformed data for 6 s: the operators' manual check, completed once it is fixed`,
    async inject({ stack }) {
      stack.setFault(DEPARTMENT, { malformed: true });
      await sleep(6_000);
      stack.setFault(DEPARTMENT, {});
    },
    operate: async (ctx) => completeDepartmentChecks(ctx.stack.base, await ctx.operator()),
    department: DEPARTMENT,
  },
];
