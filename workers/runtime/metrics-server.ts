// A worker process's Prometheus figures (WORKER_METRICS_PORT; off by default): its external tasks' outcomes per
// topic and its department calls' latencies (platform/metrics.ts), and Node's own, at /metrics on a port of its own —
// each worker process counts only what it did, so Prometheus scrapes each one and sums them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mayReadMetrics } from '../../platform/http/metrics-access.ts';
import { processMetrics } from '../../platform/metrics.ts';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export function serveWorkerMetrics({ port, host, token }: { port: number; host: string; token: string }): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (!mayReadMetrics(req, token)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('only from this machine directly, or with METRICS_TOKEN\n');
      return;
    }
    processMetrics.metrics().then(
      (text) => res.writeHead(200, { 'content-type': processMetrics.contentType, 'cache-control': 'no-store' }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
