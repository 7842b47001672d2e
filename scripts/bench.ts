// `npm run bench [-- --filings N --employees M --concurrency C]`: measures, on this machine, the cold start of
// `npm start` (process spawn → /api/health ready, its engine started on a scratch database), the filing API under
// load (POST then GET), and how fast the filings' processes reach their acceptance task (outbox, registration
// check, status history, deadline: three external tasks each). Scratch databases are created for the run and
// dropped after. Prints one table; nothing here is a pass/fail. Compare with `npm run bench:engine`.
import { parseArgs } from 'node:util';
import { freePort } from '../platform/free-port.ts';
import { syntheticFiling } from '../filings/declaration/synthetic-filing.ts';
import { simulatorSettings } from '../connectors/simulated-departments.ts';
import { spawnScratchSystem } from './bench/scratch-system.ts';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '300' },
    employees: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
  },
});
const filings = Number(values.filings);
const employees = Number(values.employees);
const concurrency = Number(values.concurrency);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const system = await spawnScratchSystem('bench_api', simulatorSettings(await freePort()));
const { base, engine } = system;
try {
  // Cold start: the databases are created and migrated by the start itself, as on a fresh machine.
  const coldStartMs = await system.ready();

  const login = await fetch(`${base}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'clerk', regionCode: '330106' }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const bodies = Array.from({ length: filings }, (_, i) => JSON.stringify({ ...syntheticFiling(100_000 + i, { employees }), channel: 'window' }));

  const postMs: number[] = [];
  const getMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const a = performance.now();
        const res = await fetch(`${base}/api/filings`, { method: 'POST', headers, body });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        const b = performance.now();
        const read = await fetch(`${base}/api/filings/${id}`, { headers });
        if (read.status !== 200) throw new Error(`GET answered ${read.status}`);
        await read.arrayBuffer();
        postMs.push(b - a);
        getMs.push(performance.now() - b);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Every filing's process at its acceptance task: three external tasks and the outbox behind each.
  for (const deadline = Date.now() + 600_000; ; ) {
    const { count } = await engine.get<{ count: number }>('/task/count', { processDefinitionKey: 'annual-review', taskDefinitionKey: 'acceptance' });
    if (count >= filings) break;
    const { count: incidents } = await engine.get<{ count: number }>('/incident/count');
    if (incidents > 0 || Date.now() > deadline) throw new Error(`${count} of ${filings} processes at their acceptance task; ${incidents} incidents`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const toTaskSeconds = (performance.now() - started) / 1000;
  postMs.sort((x, y) => x - y);
  getMs.sort((x, y) => x - y);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    [
      `machine: ${(await import('node:os')).cpus().length} cores; node ${process.version}`,
      `cold start of npm start (spawn → /api/health ready; both databases created, engine schema created, jar already built): ${ms(coldStartMs)}`,
      `filings: ${filings} × ${employees} employees, concurrency ${concurrency}: ${(filings / seconds).toFixed(1)} filings/s (POST + GET each)`,
      `POST /api/filings   p50 ${ms(percentile(postMs, 50))}   p95 ${ms(percentile(postMs, 95))}   max ${ms(postMs.at(-1) ?? NaN)}`,
      `GET /api/filings/id p50 ${ms(percentile(getMs, 50))}   p95 ${ms(percentile(getMs, 95))}   max ${ms(getMs.at(-1) ?? NaN)}`,
      `all ${filings} processes at their acceptance task after ${toTaskSeconds.toFixed(1)} s: ${(filings / toTaskSeconds).toFixed(1)} filings/s, ${((3 * filings) / toTaskSeconds).toFixed(1)} external tasks/s`,
    ].join('\n'),
  );
} finally {
  await system.stop();
}
