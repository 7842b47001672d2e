// Fault switches for the department simulators: how slow, how flaky and whether down each department is,
// so fault handling (timeouts, retries, incidents) can be exercised on one machine.
import type { RequestHandler } from 'express';
import type { Config } from '../../platform/config.ts';
import { compileSchema } from '../../platform/schema.ts';

export interface FaultSwitch {
  /** Added to every call before it is answered. */
  latencyMs: number;
  /** Share of calls answered 500, from 0 to 1. */
  failureRate: number;
  /** Every call answered 503. */
  outage: boolean;
  /** Every call answered 200 with a body that breaks the department's contract (a malformed answer). */
  malformed?: boolean;
}

/** A PUT to /_admin/faults/:department replaces the whole switch: every field but `malformed` (off) is required. */
export const faultSwitchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['latencyMs', 'failureRate', 'outage'],
  properties: {
    latencyMs: { type: 'integer', minimum: 0, maximum: 600000 },
    failureRate: { type: 'number', minimum: 0, maximum: 1 },
    outage: { type: 'boolean' },
    malformed: { type: 'boolean' },
  },
} as const;

export const checkFaultSwitch = compileSchema<FaultSwitch>(faultSwitchSchema);

/** Start-up settings: one latency and failure rate for all, plus the departments that start in outage. */
export interface FaultDefaults {
  latencyMs: number;
  failureRate: number;
  outage: string[];
}

export function faultDefaultsFromConfig(config: Pick<Config, 'simLatencyMs' | 'simFailureRate' | 'simOutage'>): FaultDefaults {
  return { latencyMs: config.simLatencyMs, failureRate: config.simFailureRate, outage: config.simOutage };
}

/** The live switches of every simulated department, changed at run time through the admin endpoint. */
export class FaultSwitches {
  private readonly switches = new Map<string, FaultSwitch>();
  private readonly served = new Map<string, number>();

  constructor(departments: readonly string[], defaults: FaultDefaults) {
    // A misspelt SIM_OUTAGE would silently test nothing; say so at start-up.
    const unknown = defaults.outage.filter((name) => !departments.includes(name));
    if (unknown.length > 0) {
      throw new Error(`SIM_OUTAGE names unknown department(s) ${unknown.join(', ')}; known: ${departments.join(', ')}`);
    }
    for (const name of departments) {
      this.switches.set(name, {
        latencyMs: defaults.latencyMs,
        failureRate: defaults.failureRate,
        outage: defaults.outage.includes(name),
      });
    }
  }

  has(department: string): boolean {
    return this.switches.has(department);
  }

  get(department: string): FaultSwitch {
    const current = this.switches.get(department);
    if (!current) throw new Error(`no simulated department "${department}"`);
    return { ...current };
  }

  set(department: string, next: FaultSwitch): void {
    if (!this.switches.has(department)) throw new Error(`no simulated department "${department}"`);
    this.switches.set(department, { ...next });
  }

  /** A call let through to the department's own answer (not failed, delayed-only at most): a query it answered. */
  countServed(department: string): void {
    this.served.set(department, (this.served.get(department) ?? 0) + 1);
  }

  /** The calls each department answered itself since the start (the fault suite counts repeated queries by it). */
  servedCounts(): Record<string, number> {
    return Object.fromEntries(this.served);
  }

  all(): Record<string, FaultSwitch> {
    return Object.fromEntries([...this.switches].map(([name, value]) => [name, { ...value }]));
  }
}

export interface FaultMiddlewareOptions {
  /** A number in [0, 1); injectable so tests decide which calls fail. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies a department's switch to each call: delay first, then outage (503), random failure (500), malformed (200). */
export function faultMiddleware(
  department: string,
  switches: Pick<FaultSwitches, 'get'> & Partial<Pick<FaultSwitches, 'countServed'>>,
  options: FaultMiddlewareOptions = {},
): RequestHandler {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? timerSleep;
  return async (_req, res, next) => {
    // Read once, so one call sees one consistent setting even if it changes meanwhile.
    const fault = switches.get(department);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.outage) {
      res.status(503).json({ error: 'outage', message: `${department} simulator is switched to outage` });
      return;
    }
    if (fault.failureRate > 0 && random() < fault.failureRate) {
      res.status(500).json({ error: 'simulated_failure', message: `${department} simulator failed this call on purpose` });
      return;
    }
    if (fault.malformed) {
      // Well-formed JSON that no department contract allows: the client must reject it as a bad answer.
      res.status(200).json({ records: 'not-a-list', simulated: 'malformed answer' });
      return;
    }
    switches.countServed?.(department);
    next();
  };
}
