// The fault suite's reduced run (`npm run chaos` with 200 filings, every fault): a stack of its own on a private
// PostgreSQL cluster, so the run's shared engine and database are untouched. Prints the table it judged. About six
// minutes on a quiet 2-core machine; the limit is generous so that a busy machine makes it slow, not failed.
import { expect, it } from 'vitest';
import { runChaos } from '../../scripts/chaos/run-chaos.ts';

it('loses nothing and doubles nothing while PostgreSQL, the engine, a worker, the API and departments fail', async () => {
  const report = await runChaos({ filings: 200, log: (line) => console.log(line) });
  console.log(report.table);
  expect(report.rows.map((r) => ({ phase: r.phase, lost: r.lostAt, doubled: r.doubled, died: r.deaths, error: r.error }))).toEqual(
    report.rows.map((r) => ({ phase: r.phase, lost: {}, doubled: {}, died: [], error: undefined })),
  );
}, 1_200_000);
