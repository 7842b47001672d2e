// `npm run chaos [-- --filings N]` (default 1 000): the fault suite against the real stack while filings flow —
// PostgreSQL stopped and started, the engine killed -9, a worker killed, the API killed between an engine call and
// its commit, a department down, slower than the task lock, answering garbage (docs/operations.md, "The fault
// suite"). Prints one row per fault; exits 1 when any filing is lost or doubled, or a part died of a fault.
import { parseArgs } from 'node:util';
import { runChaos } from './chaos/run-chaos.ts';

const { values } = parseArgs({ options: { filings: { type: 'string', default: '1000' } } });
const filings = Number(values.filings);
if (!Number.isInteger(filings) || filings < 8) {
  console.error('chaos: --filings must be an integer of at least 8 (one share per phase)');
  process.exit(2);
}
const report = await runChaos({ filings });
console.log(`\nfault suite, ${new Date().toISOString()}\n${report.table}`);
console.log(report.clean ? '\n0 lost, 0 doubled, nothing died: clean.' : '\nNOT CLEAN: see the rows above.');
process.exit(report.clean ? 0 : 1);
