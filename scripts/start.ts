// `npm start`: brings the whole system up on one machine — the engine (built and started, or the one at
// ENGINE_URL), the database, department simulators, deployment, workers and the API — prints where everything
// is, and on Ctrl-C, SIGINT or SIGTERM stops all of it: API and workers first, the engine last.
import { DataFileError } from '../connectors/simulator-kit/data-files.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DatabaseUnreachable } from '../platform/db.ts';
import { EngineUnavailable } from '../platform/engine-rest.ts';
import { signInOf } from '../sign-in/sign-in.ts';
import { startSystem, StartError, type RunningSystem } from '../server/system.ts';
import { bringUpEngine, type RunningEngine } from './engine/bring-up-engine.ts';
import { EngineStartError } from './engine/engine-start-error.ts';
import { ensureWebBuild } from './web/build-web.ts';

let engine: RunningEngine | undefined;
let system: RunningSystem | undefined;
let stopping = false;

async function stopAll(): Promise<void> {
  await system?.stop();
  await engine?.stop();
}

// `--instance=<marker>` (tests): passed on to the engine's command line, so every process started can be found.
const instance = process.argv.find((a) => a.startsWith('--instance='))?.slice('--instance='.length);

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  signInOf(config); // a production installation without an identity provider stops here, before anything starts
  // The pages first: a build error shows before anything is started (nothing is built when nothing changed).
  await ensureWebBuild();
  engine = await bringUpEngine(config, instance ? { systemProperties: { 'dpf.instance': instance } } : {});
  if (stopping) return;
  system = await startSystem({ config, engine: engine.connection });
  const { deployment, simulators, workers, signIn } = system;
  const restUrl = `${engine.connection.baseUrl}/engine-rest`;
  const credentials = engine.credentials;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      `浙江省残疾人按比例就业情况联网认证 — running (ready in ${seconds} s)`,
      `  Pages        ${system.apiUrl}/   (employer portal /portal, caseworker workbench /workbench, web modeler /modeler)`,
      `  API          ${system.apiUrl}/api   (readiness: /api/health)`,
      `  Engine       ${restUrl}   (${engine.process ? `started here, log: ${engine.process.logFile}` : 'ENGINE_URL'})`,
      `  Cockpit      ${engine.connection.baseUrl}/operaton/app/cockpit/   Tasklist: /operaton/app/tasklist/   Admin: /operaton/app/admin/`,
      `               sign in as ${credentials.adminUser}${credentials.file ? `; passwords in ${credentials.file}` : credentials.adminPassword ? ' with ENGINE_ADMIN_PASSWORD' : ''}`,
      `  Deployment   ${deployment.created ? `new: ${deployment.definitions.map((d) => `${d.key} v${d.version}`).join(', ') || deployment.resources.join(', ')}` : 'unchanged'}`,
      `  Workers      ${workers ? `${workers.topics.length} topics in this process` : 'off here (WORKERS=off): run `npm run workers`'}`,
      simulators ? `  Simulators   ${simulators.url}   (data: ${config.simDataDir})` : '  Simulators   off (SIM_PORT=0)',
      `  Sign-in      ${signIn.issuer}   (${signIn.embedded ? 'the embedded DEVELOPMENT identity provider: its accounts and password are on its sign-in page' : 'OIDC_ISSUER'}; discovery: ${signIn.discoveryUrl})`,
      signIn.development ? `               development sign-in is on too: POST ${system.apiUrl}/api/dev/login (this machine only, never in production)` : '',
      'Ctrl-C stops everything.',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping… (workers first hand back their tasks: up to ${Math.ceil(loadConfig().workerLongPollMs / 1000)} s)`);
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof DatabaseUnreachable ||
    error instanceof StartError ||
    error instanceof DataFileError ||
    error instanceof EngineStartError ||
    error instanceof EngineUnavailable;
  console.error(known ? `npm start: ${(error as Error).message}` : error);
  await stopAll();
  process.exit(1);
});
