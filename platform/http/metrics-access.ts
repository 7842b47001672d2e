// Who may read Prometheus figures (the API's GET /metrics, a worker's metrics port): a caller on this machine that
// came directly — not through a proxy, which would make everyone look local — or one presenting METRICS_TOKEN as a
// bearer token. The figures hold nothing personal; they still tell an outsider too much about the installation.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken } from './identity.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export function mayReadMetrics(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  const presented = bearerToken(Array.isArray(header) ? header[0] : header);
  if (presented !== undefined) {
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return token !== '' && a.length === b.length && timingSafeEqual(a, b);
  }
  const forwarded = FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
  return !forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '');
}
