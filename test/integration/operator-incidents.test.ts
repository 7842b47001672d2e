// The operators' incident API: who may read and retry, what a bad request is told, and a retry of an incident that
// is no longer open. The walk through a department outage and its retry is in test/browser/department-wait.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('GET /api/operations/incidents and POST …/retry', () => {
  it('lets operators and the province read, only operators retry, and nobody else either', async () => {
    const operator = await system.login({ role: 'operator' });
    const province = await system.login({ role: 'province', regionCode: '330000' });
    const reviewer = await system.login({ role: 'reviewer', regionCode: '330106' });
    expect((await system.request('GET', '/api/operations/incidents', { token: operator })).status).toBe(200);
    const read = await system.request('GET', '/api/operations/incidents', { token: province });
    expect(read.status).toBe(200);
    expect(Array.isArray(read.body.incidents)).toBe(true);
    expect((await system.request('GET', '/api/operations/incidents', { token: reviewer })).status).toBe(403);
    expect((await system.request('GET', '/api/operations/incidents')).status).toBe(401);
    const body = { incidentIds: ['00000000-0000-0000-0000-000000000000'] };
    expect((await system.request('POST', '/api/operations/incidents/retry', { token: province, body })).status).toBe(403);
    expect((await system.request('POST', '/api/operations/incidents/retry', { token: reviewer, body })).status).toBe(403);
  });

  it('reports an incident that is not open as gone, and changes nothing', async () => {
    const operator = await system.login({ role: 'operator' });
    const res = await system.request('POST', '/api/operations/incidents/retry', { token: operator, body: { incidentIds: ['no-such-incident'] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ retried: [], gone: ['no-such-incident'], notRetryable: [] });
    const audited = await system.db.query(`select 1 from audit_log where action = 'incident.retry' and detail->>'incidentId' = 'no-such-incident'`);
    expect(audited.rowCount).toBe(0);
  });

  it.each([
    ['no list', {}, '/incidentIds'],
    ['an empty list', { incidentIds: [] }, '/incidentIds'],
    ['an id with a space', { incidentIds: ['a b'] }, '/incidentIds/0'],
    ['a field it does not know', { incidentIds: ['x'], extra: 1 }, '/extra'],
    ['more than 500 ids', { incidentIds: Array.from({ length: 501 }, (_, i) => `id-${i}`) }, '/incidentIds'],
  ])('refuses %s with a field-level error on %s', async (_what, body, path) => {
    const operator = await system.login({ role: 'operator' });
    const res = await system.request('POST', '/api/operations/incidents/retry', { token: operator, body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(res.body.errors.every((e: { message: string }) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
  });
});
