// One line per request when its answer ends (or its connection closes first), and the API's request figures: method,
// the route's pattern (not the path: a pattern names no person and keeps the figures' labels few), status, time
// taken and the caller's role. The path is logged without its query string, which may carry anything; personal
// numbers in it are masked like everywhere in the log (platform/log.ts).
import type { NextFunction, Request, Response } from 'express';
import { currentLogContext, type Log } from '../log.ts';
import { httpRequestDuration, httpRequests, statusClassOf } from '../metrics.ts';
import { isUuid } from '../ids.ts';

/** The route's pattern, e.g. `/api/filings/:id`; requests no route answered are `pages` (the site) or `unmatched`. */
export function routePatternOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  const path = req.originalUrl.split('?')[0] ?? '';
  return path.startsWith('/api/') || path === '/api' || path === '/metrics' ? 'unmatched' : 'pages';
}

/** Polled by load balancers and scrapers every few seconds: their answers are logged at debug, their failures not. */
const POLLED = new Set(['/api/health', '/metrics']);

export function accessLog(log: Log) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    // The request's context (platform/http/request-id.ts) as the request leaves it: 'finish' may fire outside it.
    const context = currentLogContext() ?? {};
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const ms = performance.now() - started;
      const route = routePatternOf(req);
      const status = aborted && !res.headersSent ? 499 : res.statusCode;
      const labels = { method: req.method, route, status_class: statusClassOf(status) };
      httpRequests.inc(labels);
      httpRequestDuration.observe(labels, ms / 1000);
      // A filing's routes name it: its id joins the context, so the line can be found by filing.
      const id = (req.params as Record<string, unknown> | undefined)?.id;
      if (route.includes('/filings/:id') && isUuid(id)) context.filingId = id;
      log('request', {
        ...context,
        // Its status says how it went; what went wrong has a line of its own (an unexpected error, a refusal).
        level: POLLED.has(route) && status < 400 ? 'debug' : 'info',
        access: true,
        method: req.method,
        route,
        path: req.originalUrl.split('?')[0],
        status,
        ms: Math.round(ms * 10) / 10,
        role: req.identity?.role ?? null,
        ...(aborted ? { aborted: true } : {}),
      });
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(!res.writableFinished));
    next();
  };
}
