// The fault suite's reduced run (`npm run chaos` with 200 filings, every fault): a stack of its own on a private
// PostgreSQL cluster, so the run's shared engine and database are untouched. Prints the table it judged. About six
// minutes on a quiet 2-core machine; the limit is generous so that a busy machine makes it slow, not failed.
import { expect, it } from 'vitest';
import { runChaos } from '../../scripts/chaos/run-chaos.ts';

// A department asked twice is a read repeated, not an effect. While PostgreSQL restarts, an answer that reached a
// worker as the database went away cannot be stored, and the worker that takes the task next asks again: that one
// count is left out of the PostgreSQL phase's judgement (the table prints it); every effect, every lost filing and
// every other phase's department queries are held to none.
function judged(phase: string, doubled: Record<string, number>): Record<string, number> {
  if (phase !== 'postgres-restart') return doubled;
  const { ['department queries']: _asked, ...effects } = doubled;
  return effects;
}

it('loses nothing and doubles nothing while PostgreSQL, the engine, a worker, the API and departments fail', async () => {
  const report = await runChaos({ filings: 200, log: (line) => console.log(line) });
  console.log(report.table);
  expect(report.rows.map((r) => ({ phase: r.phase, lost: r.lostAt, doubled: judged(r.phase, r.doubled), died: r.deaths, error: r.error }))).toEqual(
    report.rows.map((r) => ({ phase: r.phase, lost: {}, doubled: {}, died: [], error: undefined })),
  );
}, 1_200_000);
