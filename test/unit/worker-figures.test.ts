// The worker figures' recorder at its edge (a database that records the statements it is sent): what one flush writes
// for the tasks counted since the last, that a failure's personal numbers never reach the database, that the
// durations kept per minute stay bounded, and that figures counted while the database is away are written later.
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db.ts';
import { startWorkerFigures, type WorkerFigures } from '../../workers/runtime/worker-figures.ts';

interface Sent {
  sql: string;
  params: unknown[];
}

function fakeDb(): { db: Db; sent: Sent[]; failing: { on: boolean } } {
  const sent: Sent[] = [];
  const failing = { on: false };
  const db = {
    query: async (sql: string, params: unknown[] = []) => {
      if (failing.on) throw new Error('connection refused');
      sent.push({ sql, params });
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Db;
  return { db, sent, failing };
}

/** The buckets of the last figures statement sent. */
function buckets(sent: Sent[]): any[] {
  const last = sent.filter((s) => s.sql.includes('worker_topic_minutes (minute')).at(-1);
  return last ? JSON.parse(last.params[1] as string) : [];
}

let figures: WorkerFigures | undefined;
afterEach(async () => {
  await figures?.stop().catch(() => undefined);
  figures = undefined;
});

describe('worker figures', () => {
  it('writes the heartbeat and, per topic, calls, failures, durations and the last failure masked', async () => {
    const { db, sent } = fakeDb();
    figures = startWorkerFigures({ db, workerId: 'w-1', topics: ['verify-medical', 'notify'], intervalMs: 60_000, log: () => undefined });
    figures.record({ topic: 'verify-medical', department: '医疗保障（医疗保险）', durationMs: 120.4 });
    figures.record({ topic: 'verify-medical', department: '医疗保障（医疗保险）', durationMs: 80, error: 'medical unavailable for 330106199001011234: HTTP 503' });
    figures.record({ topic: 'notify', department: null, durationMs: 5 });
    await figures.flush();

    const heartbeat = sent.find((s) => s.sql.includes('insert into worker_processes'))!;
    expect(heartbeat.params.slice(0, 1)).toEqual(['w-1']);
    expect(heartbeat.params[3]).toEqual(['verify-medical', 'notify']);
    const written = buckets(sent);
    const medical = written.find((b) => b.topic === 'verify-medical');
    expect(medical).toMatchObject({ department: '医疗保障（医疗保险）', calls: 2, failures: 1, latencies: [120, 80] });
    expect(medical.last_error).toContain('HTTP 503');
    expect(medical.last_error).not.toContain('330106199001011234');
    expect(written.find((b) => b.topic === 'notify')).toMatchObject({ department: null, calls: 1, failures: 0, last_error: null });
  });

  it('keeps at most 100 durations per topic and minute, however many tasks ran', async () => {
    const { db, sent } = fakeDb();
    figures = startWorkerFigures({ db, workerId: 'w-2', topics: ['notify'], intervalMs: 60_000, log: () => undefined });
    for (let i = 0; i < 1000; i++) figures.record({ topic: 'notify', department: null, durationMs: i });
    await figures.flush();
    const [bucket] = buckets(sent).filter((b) => b.topic === 'notify');
    expect(bucket.calls).toBeGreaterThanOrEqual(1000 - 100); // a minute may turn during the loop
    expect(buckets(sent).reduce((n, b) => n + b.calls, 0)).toBe(1000);
    for (const b of buckets(sent)) expect(b.latencies.length).toBeLessThanOrEqual(100);
  });

  it('writes what was counted while the database was away with the next flush', async () => {
    const { db, sent, failing } = fakeDb();
    const logged: string[] = [];
    figures = startWorkerFigures({ db, workerId: 'w-3', topics: ['notify'], intervalMs: 60_000, log: (m) => logged.push(m) });
    await figures.flush();
    failing.on = true;
    figures.record({ topic: 'notify', department: null, durationMs: 7, error: 'boom' });
    await figures.flush();
    expect(logged.some((m) => m.includes('could not write the figures'))).toBe(true);
    failing.on = false;
    figures.record({ topic: 'notify', department: null, durationMs: 9 });
    await figures.flush();
    const total = buckets(sent).filter((b) => b.topic === 'notify').reduce((n, b) => ({ calls: n.calls + b.calls, failures: n.failures + b.failures }), { calls: 0, failures: 0 });
    expect(total).toEqual({ calls: 2, failures: 1 });
    expect(logged.some((m) => m.includes('written again'))).toBe(true);
  });

  it('marks the process stopped on stop', async () => {
    const { db, sent } = fakeDb();
    figures = startWorkerFigures({ db, workerId: 'w-4', topics: ['notify'], intervalMs: 60_000, log: () => undefined });
    await figures.stop();
    figures = undefined;
    const last = sent.filter((s) => s.sql.includes('insert into worker_processes')).at(-1)!;
    expect(last.params[5]).toBe(true);
  });
});
