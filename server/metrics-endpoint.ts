// GET /metrics: the Prometheus text format for a scraper (docs/operations.md "指标"). This process's own figures
// (platform/metrics.ts: requests, Node, the workers when they run here) and, read when scraped, the system's
// state: the health checks and outbox backlog and open incidents from the health monitor's last result (refreshed
// every HEALTH_REFRESH_MS: no query per scrape), and the engine's process figures (server/engine-figures.ts, kept
// 15 s). Only counts and names of parts, routes, topics and departments: nothing personal.
// Who may read it: platform/http/metrics-access.ts.
import { Router } from 'express';
import { Gauge, Registry } from 'prom-client';
import type { EngineRest } from '../platform/engine-rest.ts';
import { mayReadMetrics } from '../platform/http/metrics-access.ts';
import { processMetrics } from '../platform/metrics.ts';
import { Problem } from '../platform/problem.ts';
import { WORKER_TOPICS } from '../workers/registry.ts';
import { cachedEngineFigures, type EngineFigures } from './engine-figures.ts';
import type { SystemHealth } from './health.ts';

/** The gauges read at each scrape, in a registry of this app's own (several apps may share a test's process). */
export function systemGauges(health: SystemHealth, engine: EngineRest | undefined): Registry {
  const registry = new Registry();
  const engineFigures = engine ? cachedEngineFigures(engine, WORKER_TOPICS) : undefined;
  const registers = [registry];
  new Gauge({
    name: 'dpf_up',
    help: 'Whether each part the API depends on is up (1) or not (0), from the background health check',
    labelNames: ['check'] as const,
    registers,
    async collect() {
      this.reset();
      for (const check of (await health.current()).checks) this.set({ check: check.name }, check.state === 'up' ? 1 : 0);
    },
  });
  /** A gauge without labels, read at each scrape; left out when its source could not say (null). */
  const gauge = (name: string, help: string, read: () => Promise<number | null>) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        this.reset();
        const value = await read();
        if (value !== null) this.set(value);
      },
    });
  const details = async () => (await health.current()).details;
  gauge('dpf_ready', 'Whether the system is ready (GET /api/health answers 200)', async () => ((await health.current()).ready ? 1 : 0));
  const outbox = (name: string, help: string, pick: (o: NonNullable<Awaited<ReturnType<typeof details>>['outbox']>) => number) =>
    gauge(name, help, async () => {
      const backlog = (await details()).outbox;
      return backlog ? pick(backlog) : null;
    });
  outbox('dpf_outbox_pending', 'Engine commands in the outbox not yet sent (process starts, messages)', (o) => o.pending);
  outbox('dpf_outbox_failing', 'Outbox commands not yet sent that failed at least once', (o) => o.failing);
  outbox('dpf_outbox_given_up', 'Outbox messages given up after their attempts (need a person)', (o) => o.givenUp);
  outbox('dpf_outbox_oldest_pending_age_seconds', 'Age of the oldest command waiting in the outbox; 0 when none', (o) =>
    o.oldestPendingAt ? Math.max(0, (Date.now() - Date.parse(o.oldestPendingAt)) / 1000) : 0,
  );
  gauge('dpf_incidents_open', "The engine's open incidents (external tasks and jobs out of retries)", async () => (await details()).incidents?.open ?? null);
  if (!engineFigures) return registry;
  const figures = engineFigures;
  const engineGauge = (name: string, help: string, pick: (f: EngineFigures) => number | null) => gauge(name, help, async () => pick(await figures()));
  engineGauge('dpf_engine_process_instances', 'Process instances running in the engine', (f) => f.processInstances);
  engineGauge('dpf_engine_user_tasks', 'User tasks open in the engine', (f) => f.userTasks);
  engineGauge('dpf_engine_failed_jobs', 'Engine jobs (timers, asynchronous steps) with no retries left', (f) => f.failedJobs);
  new Gauge({
    name: 'dpf_engine_external_tasks',
    help: 'External tasks open in the engine (waiting for or held by a worker), by topic',
    labelNames: ['topic'] as const,
    registers,
    async collect() {
      this.reset();
      for (const [topic, n] of Object.entries((await figures()).externalTasks ?? {})) this.set({ topic }, n);
    },
  });
  new Gauge({
    name: 'dpf_engine_meter',
    help: "The engine's own meters (Operaton's /metrics sums, flushed by the engine every few minutes), by name",
    labelNames: ['name'] as const,
    registers,
    async collect() {
      this.reset();
      for (const [name, n] of Object.entries((await figures()).meters)) this.set({ name }, n);
    },
  });
  return registry;
}

export function metricsRouter({ health, engine, token }: { health: SystemHealth; engine: EngineRest | undefined; token: string }): Router {
  const router = Router();
  const gauges = systemGauges(health, engine);
  router.get('/metrics', async (req, res, next) => {
    try {
      if (!mayReadMetrics(req, token)) throw new Problem(403, '指标仅限本机或持有 METRICS_TOKEN 的采集程序读取', 'GET /metrics: from this machine directly, or with Authorization: Bearer METRICS_TOKEN');
      const text = `${await processMetrics.metrics()}\n${await gauges.metrics()}`;
      res.set('Cache-Control', 'no-store').type(processMetrics.contentType).send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
