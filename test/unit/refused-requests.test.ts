// errorHandler's onRefused (platform/http/http.ts): told of every 401 and 403 before the answer, with who (when the
// session was valid), the path without its query, the method and the status; of nothing else; and its failure is
// logged while the refusal is answered as it was — never a 500.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler, type RefusedRequest } from '../../platform/http/http.ts';
import { Problem } from '../../platform/problem.ts';

let server: http.Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(onRefused: (r: RefusedRequest) => Promise<void>, logged: string[]): Promise<string> {
  const app = express();
  app.get('/api/anonymous', (_req, _res, next) => next(new Problem(401, '请先登录')));
  app.post('/api/forbidden', (req, _res, next) => {
    req.identity = { sub: 'dev-employer-1', role: 'employer' };
    next(new Problem(403, '无权访问'));
  });
  app.get('/api/missing', (_req, _res, next) => next(new Problem(404, '接口不存在')));
  app.use(errorHandler((m) => logged.push(m), { onRefused }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('refused requests', () => {
  it('are told with who, path, method and status before the answer; a 404 is not', async () => {
    const told: RefusedRequest[] = [];
    const logged: string[] = [];
    const url = await serve(async (r) => void told.push(r), logged);
    expect((await fetch(`${url}/api/anonymous?token=secret`)).status).toBe(401);
    expect((await fetch(`${url}/api/forbidden`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${url}/api/missing`)).status).toBe(404);
    expect(told).toEqual([
      { identity: undefined, method: 'GET', path: '/api/anonymous', address: expect.any(String), status: 401 },
      { identity: { sub: 'dev-employer-1', role: 'employer' }, method: 'POST', path: '/api/forbidden', address: expect.any(String), status: 403 },
    ]);
    expect(logged).toEqual([]);
  });

  it('are answered as they were when the audit fails, the failure logged', async () => {
    const logged: string[] = [];
    const url = await serve(async () => Promise.reject(new Error('database unreachable')), logged);
    const res = await fetch(`${url}/api/forbidden`, { method: 'POST' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: 403, title: '无权访问' });
    expect(logged).toEqual(['refused request not audited: database unreachable']);
  });
});
