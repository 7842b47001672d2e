// `npm start`: brings the whole system up on one machine and keeps it up. A supervisor only — the parts run as
// child processes: the engine (built and started, or none: the one at ENGINE_URL), the department simulators, the
// API (scripts/api.ts: database, migrations, deployment, outbox, pages, sign-in) and the workers
// (scripts/workers.ts). It starts them in that order, prints where everything is, starts again with back-off any
// part that dies (saying what died and how), and on Ctrl-C, SIGINT or SIGTERM stops them: API and workers first,
// the engine last; a second Ctrl-C ends them at once.
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseUnreachable } from '../platform/db.ts';
import { EngineUnavailable } from '../platform/engine-rest.ts';
import { signInOf } from '../sign-in/sign-in.ts';
import { bringUpEngine } from './engine/bring-up-engine.ts';
import { EngineStartError } from './engine/engine-start-error.ts';
import { apiPart } from './supervisor/api-part.ts';
import { banner } from './supervisor/banner.ts';
import { partEnvironments } from './supervisor/child-environment.ts';
import { SupervisedPart } from './supervisor/child-process-supervisor.ts';
import { enginePart } from './supervisor/engine-part.ts';
import { ChildStartFailure } from './supervisor/node-child.ts';
import { simulatorsPart } from './supervisor/simulators-part.ts';
import { workersPart, workersStopGraceMs } from './supervisor/workers-part.ts';
import { ensureWebBuild } from './web/build-web.ts';

// `--instance=<marker>` (tests): on every child's command line, so every process started can be found.
const instance = process.argv.find((a) => a.startsWith('--instance='))?.slice('--instance='.length);
const args = instance ? [`--instance=${instance}`] : [];

const log = (line: string) => console.error(`npm start: ${line}`);
const parts: { engine?: SupervisedPart<unknown>; simulators?: SupervisedPart<unknown>; api?: SupervisedPart<unknown>; workers?: SupervisedPart<unknown> } = {};
let stopping = false;
let stopAsked = 0;

async function stopAll(): Promise<void> {
  // The API and the workers finish what they are doing while the engine and the departments still answer.
  await Promise.all([parts.api?.stop(), parts.workers?.stop()]);
  await parts.simulators?.stop();
  await parts.engine?.stop();
}

function supervise<Facts>(name: keyof typeof parts, part: SupervisedPart<Facts>): Promise<Facts> {
  parts[name] = part as SupervisedPart<unknown>;
  return part.start();
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  // Taken before the pages are built: Vite's build sets NODE_ENV=production in our environment.
  const environment = { ...process.env };
  signInOf(config); // a production installation without an identity provider stops here, before anything starts
  // The pages first: a build error shows before anything is started (nothing is built when nothing changed).
  await ensureWebBuild();
  const engine = await bringUpEngine(config, instance ? { systemProperties: { 'dpf.instance': instance } } : {});
  const { process: engineProcess, relaunch } = engine;
  if (engineProcess && relaunch) await supervise('engine', new SupervisedPart(enginePart({ ...engine, process: engineProcess, relaunch }), { log }));
  if (stopping) return;
  const env = partEnvironments(config, engine.connection, environment);
  const simulators = config.simPort !== 0 ? await supervise('simulators', new SupervisedPart(simulatorsPart(env.simulators, args), { log })) : undefined;
  if (stopping) return;
  const api = await supervise('api', new SupervisedPart(apiPart(env.api, args), { log }));
  env.apiListening(api.apiUrl, api.signIn.embedded ? api.signIn.issuer : undefined);
  if (stopping) return;
  const workers = config.workers === 'on' ? await supervise('workers', new SupervisedPart(workersPart(config, env.workers, args), { log })) : undefined;
  if (stopping) return;
  console.log(banner({ seconds: ((Date.now() - started) / 1000).toFixed(1), engine, api, simulators, workers }));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) {
      // A Ctrl-C in a terminal reaches us twice at once (from the terminal, and forwarded by npm): not a second one.
      if (Date.now() - stopAsked < 1_000) return;
      console.log(`\n${signal} again: ending every part at once`);
      for (const part of Object.values(parts)) part.kill();
      process.exit(1);
    }
    stopping = true;
    stopAsked = Date.now();
    const seconds = Math.ceil(workersStopGraceMs(loadConfig()) / 1000);
    console.log(`\n${signal}: stopping… (the API and the workers finish what they are doing first: up to ${seconds} s; Ctrl-C again ends everything at once)`);
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (error: unknown) => {
  if (stopping) return; // a part ended by a Ctrl-C while it was starting: the stop under way says the rest
  const known =
    error instanceof ConfigError ||
    error instanceof DatabaseUnreachable ||
    error instanceof ChildStartFailure ||
    error instanceof EngineStartError ||
    error instanceof EngineUnavailable;
  console.error(known ? `npm start: ${(error as Error).message}` : error);
  stopping = true;
  await stopAll();
  process.exit(1);
});
