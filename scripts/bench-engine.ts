// `npm run bench:engine [-- --instances N --steps S --clients C --nodes 1|2 --max-tasks M --async]`: the bare
// engine's ceiling on this machine (scripts/bench/engine-ceiling.ts). Prints instances/s and external tasks/s, the
// engine's memory, and with two nodes which node executed how many jobs and external tasks. Nothing here is a
// pass/fail.
import { parseArgs } from 'node:util';
import { measureEngineCeiling } from './bench/engine-ceiling.ts';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '3' },
    clients: { type: 'string', default: '8' },
    nodes: { type: 'string', default: '1' },
    'max-tasks': { type: 'string', default: '32' },
    async: { type: 'boolean', default: false },
  },
});
const [instances, steps, clients, nodes, maxTasks] = [values.instances, values.steps, values.clients, values.nodes, values['max-tasks']].map(Number) as number[];
if (![instances, steps, clients, maxTasks].every((n) => Number.isInteger(n) && n! > 0) || (nodes !== 1 && nodes !== 2)) {
  console.error('bench:engine: --instances, --steps, --clients and --max-tasks are positive integers; --nodes is 1 or 2');
  process.exit(2);
}

const r = await measureEngineCeiling({ instances: instances!, steps: steps!, clients: clients!, nodes, maxTasks: maxTasks!, asyncSteps: values.async });
const rows: [string, string][] = [
  ['engine cold start (fresh database, schema created)', `${r.coldStartS.toFixed(1)} s${r.jarBuilt ? ' (jar built first)' : ''}`],
  ['setting', `${instances} instances × ${steps} external tasks${r.settings.asyncSteps ? ' (async before each)' : ''}, ${clients} clients, ${nodes} node(s), maxTasks ${maxTasks}`],
  ['all instances started after', `${r.allStartedS.toFixed(1)} s (start call p50 ${r.startP50Ms} ms, p95 ${r.startP95Ms} ms)`],
  ['all instances ended after', `${r.elapsedS.toFixed(1)} s`],
  ['instances/s', r.instancesPerS.toFixed(1)],
  ['external tasks/s', r.externalTasksPerS.toFixed(1)],
  ['engine resident memory', r.engineRssMb.map((mb) => `${mb} MB`).join(' + ')],
  ...r.perNode.map((n, i): [string, string] => [`node-${i + 1}`, `${n.jobs} async jobs executed; ${n.externalTasks} external tasks completed through its REST API`]),
];
console.log(`bench:engine on ${new Date().toISOString()}`);
for (const [label, value] of rows) console.log(`  ${label.padEnd(52)} ${value}`);
