// The process's Prometheus figures (docs/operations.md "指标"): one registry per process, holding Node's own figures
// and what this process measures as it works — HTTP requests (the API), external tasks and department calls (the
// workers, in their process or the API's). The API serves it at GET /metrics with its own gauges beside it
// (server/metrics-endpoint.ts); a worker process on WORKER_METRICS_PORT (workers/runtime/metrics-server.ts).
// Labels are names of routes, topics and departments, never a value a person typed: nothing personal is exported.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics, prefix: 'dpf_' });

/** Seconds: a fast answer to a slow department's retries (120 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export const httpRequests = new Counter({
  name: 'dpf_http_requests_total',
  help: 'HTTP requests answered by the API, by method, route pattern and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  registers: [processMetrics],
});

export const httpRequestDuration = new Histogram({
  name: 'dpf_http_request_duration_seconds',
  help: 'Time from a request to the end of its answer, by method, route pattern and status class',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [processMetrics],
});

/** complete, fail, incident (a failure with no retries left), bpmnError, released, lockLost, reportFailed. */
export const externalTaskOutcomes = new Counter({
  name: 'dpf_external_task_outcomes_total',
  help: 'External tasks handled by the workers of this process, by topic and outcome',
  labelNames: ['topic', 'outcome'] as const,
  registers: [processMetrics],
});

export const externalTaskDuration = new Histogram({
  name: 'dpf_external_task_duration_seconds',
  help: 'Time a handler took on an external task, by topic and outcome',
  labelNames: ['topic', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [processMetrics],
});

/** outcome: ok, unavailable (timeouts, network, 5xx, 429 after retries), bad-answer, rejected. */
export const departmentCallDuration = new Histogram({
  name: 'dpf_department_call_duration_seconds',
  help: "A department call's whole time, retries and waits included, by department, method and outcome",
  labelNames: ['department', 'method', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [processMetrics],
});

/** "2xx" … "5xx". */
export function statusClassOf(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
