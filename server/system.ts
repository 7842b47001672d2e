// The running system on top of an engine that answers: the application's database (created, migrated), the
// department simulators, the diagrams and forms deployed, the outbox dispatcher, the workers and the API. Used by
// `npm start` and by the tests, so both run the same thing; stopping undoes it in reverse.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { unreachableDepartments } from '../connectors/department-reachability.ts';
import { simulatedDepartments } from '../connectors/simulated-departments.ts';
import { startSimulators, type RunningSimulators } from '../connectors/simulator-kit/server.ts';
import { CheckRunner } from '../deployment/check-runner.ts';
import { deployResources, projectResources, type DeploymentResult } from '../deployment/deploy-resources.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from '../outbox/outbox-dispatcher.ts';
import { startIntentReconciler } from '../operations/engine-intents.ts';
import type { Config } from '../platform/config.ts';
import { createAppPool, createPool, ensureDatabase, type Db } from '../platform/db.ts';
import { createEngineRest, type EngineConnection, type EngineRest } from '../platform/engine-rest.ts';
import { migrate } from '../platform/migrate.ts';
import { workerDefinitions, workerSettings } from '../workers/registry.ts';
import { startWorkerRuntime, type WorkerRuntime } from '../workers/runtime/worker-runtime.ts';
import { createApp, REQUIRED_PROCESS_IDS } from './app.ts';
import { systemHealth } from './health.ts';
import { RequestDrain } from './request-drain.ts';
import { DepartmentCallbacks } from '../tax-handover/department-callbacks.ts';
import { signInOf } from '../sign-in/sign-in.ts';
import { OidcRelyingParty, SignInFailure, type RelyingPartySettings } from '../sign-in/oidc-relying-party.ts';
import { relyingPartyAddresses } from '../sign-in/oidc-routes.ts';
import { DevelopmentProviderError, listenDevelopmentIdentityProvider, type DevelopmentIdentityProvider } from '../dev-identity-provider/development-identity-provider.ts';
import { DEVELOPMENT_ACCOUNTS } from '../dev-identity-provider/development-accounts.ts';
import { ensureDevelopmentStaff } from '../staff/staff-store.ts';
import { chinaDateOf } from '../platform/china-date.ts';

export class StartError extends Error {
  override name = 'StartError';
}

export const PROJECT_FILES_SOURCE = 'project-files';
/** How often engine actions left without an outcome are looked for (operations/engine-intents.ts). */
const INTENT_RECONCILE_INTERVAL_MS = 60_000;

export interface RunningSystem {
  apiUrl: string;
  db: Db;
  engine: EngineRest;
  simulators: RunningSimulators | undefined;
  workers: WorkerRuntime | undefined;
  outbox: OutboxDispatcher;
  deployment: DeploymentResult;
  appliedMigrations: string[];
  /** The OpenID Connect provider people sign in with: OIDC_ISSUER's, or the embedded development provider's. */
  signIn: { issuer: string; discoveryUrl: string; embedded: boolean; development: boolean };
  /** Requests the API is answering now: what a stop waits for (SHUTDOWN_GRACE_MS). */
  requestsInFlight(): number;
  stop(): Promise<void>;
}

export interface SystemOptions {
  config: Config;
  engine: EngineConnection;
  log?: (message: string) => void;
  now?: () => Date;
}

/**
 * Every address the system may be reached at on this machine, for the embedded provider's registration of our
 * client: loopback by number and by name, the listening address, and PUBLIC_BASE_URL.
 */
function addressesOf(config: Config, port: number): string[] {
  const hosts = ['127.0.0.1', 'localhost', '[::1]'];
  if (!['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1'].includes(config.host)) hosts.push(config.host.includes(':') ? `[${config.host}]` : config.host);
  return [...hosts.map((h) => `http://${h}:${port}`), ...(config.publicBaseUrl ? [config.publicBaseUrl] : [])];
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new StartError(`API: port ${port} on ${host} is already in use (set PORT to another port)`) : error);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Stops taking requests (the listener closes: new connections are refused; a request on a connection still open is
 * answered 503; health says not ready), lets those in flight finish up to `graceMs`, then closes every connection —
 * an upload cut off there removes its temp files like any aborted upload.
 */
async function stopServing(server: http.Server, drain: RequestDrain, graceMs: number, log: (message: string) => void, markStopping: () => void): Promise<void> {
  markStopping();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const unfinished = await drain.drain(graceMs);
  if (unfinished > 0) log(`stopping: ${unfinished} request(s) still running after SHUTDOWN_GRACE_MS=${graceMs}: their connections are closed`);
  server.closeAllConnections();
  await closed;
}

export async function startSystem({ config, engine: connection, log = console.error, now }: SystemOptions): Promise<RunningSystem> {
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers.splice(0).reverse()) await s().catch((e: unknown) => log(`stopping: ${String(e)}`));
  };
  try {
    const signIn = signInOf(config);
    // Shared by the workers (a push names it) and the API (which takes the answers); its address is known once the API listens.
    const callbacks = new DepartmentCallbacks(config);
    await ensureDatabase(config.databaseUrl);
    // Migrations as DATABASE_URL's user, who owns the tables; everything else as the application's role.
    // Migrations have no statement timeout: building an index on a large table may take longer than any request.
    const owner = createPool(config.databaseUrl, { log });
    const appliedMigrations = await migrate(owner).finally(() => owner.end());
    const db = createAppPool(config.databaseUrl, {
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      idleInTransactionTimeoutMs: config.databaseIdleInTransactionTimeoutMs,
      log,
    });
    stoppers.push(() => db.end());

    let simulators: RunningSimulators | undefined;
    if (config.simPort !== 0) {
      try {
        simulators = await startSimulators({ port: config.simPort, dataDir: config.simDataDir, departments: simulatedDepartments, host: config.host });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new StartError(`department simulators: port ${config.simPort} is already in use (set SIM_PORT to another port, or 0 to use real departments)`);
        }
        throw error;
      }
      const running = simulators;
      stoppers.push(() => running.close());
    }

    const engine = createEngineRest(connection);
    const deployment = await deployResources(engine, projectResources(), PROJECT_FILES_SOURCE);

    let workers: WorkerRuntime | undefined;
    if (config.workers === 'on') {
      workers = startWorkerRuntime({
        engine: connection,
        workers: workerDefinitions(config, db, engine, undefined, callbacks),
        ...workerSettings(config),
        log,
        figures: { db },
      });
      const running = workers;
      // Before the database pool closes: tasks in hand finish against a live database (WORKER_STOP_GRACE_MS).
      stoppers.push(() => running.stop());
    }

    const outbox = createOutboxDispatcher({ db, engine, intervalMs: config.outboxIntervalMs, log });
    stoppers.push(() => outbox.stop());
    // Engine actions whose request died between the engine's answer and our record of it: settled now and then.
    const intents = startIntentReconciler({ db, engine, intervalMs: INTENT_RECONCILE_INTERVAL_MS, log });
    stoppers.push(() => intents.stop());

    // The embedded provider listens first, so the issuer is known to the API; it answers once the API's address is.
    let identityProvider: DevelopmentIdentityProvider | undefined;
    let provider: RelyingPartySettings;
    if (signIn.provider === 'configured') provider = signIn;
    else {
      try {
        provider = identityProvider = await listenDevelopmentIdentityProvider({ port: config.devIdentityProviderPort, nodeEnv: config.nodeEnv, log });
      } catch (error) {
        throw error instanceof DevelopmentProviderError ? new StartError(error.message) : error;
      }
      const running = identityProvider;
      stoppers.push(() => running.close());
      // Its staff accounts have their entries in the register (in good standing; an existing entry is left as it is).
      const today = chinaDateOf(now?.() ?? new Date());
      for (const { staff } of DEVELOPMENT_ACCOUNTS) if (staff) await ensureDevelopmentStaff(db, staff, today);
    }
    const relyingParty = new OidcRelyingParty(provider);

    const checks = new CheckRunner({ timeoutMs: config.deploymentCheckTimeoutMs });
    stoppers.push(() => checks.close());
    const workerStatus = () =>
      workers
        ? { external: false, topics: workers.topics, lastError: workers.lastPollError(), counts: workers.counts }
        : { external: true, topics: [], lastError: undefined };
    const health = systemHealth({ config, db, engine, workerStatus, processKeys: REQUIRED_PROCESS_IDS, log });
    health.start();
    stoppers.push(async () => health.close());
    const drain = new RequestDrain();
    const app = createApp({
      config,
      checks,
      db,
      engine,
      log,
      ...(now ? { now } : {}),
      nudgeOutbox: () => outbox.nudge(),
      callbacks,
      relyingParty,
      workerStatus,
      health,
      drain,
    });
    const server = http.createServer(app);
    const port = await listen(server, config.port, config.host);
    callbacks.listening(config.host, port);
    stoppers.push(() => stopServing(server, drain, config.shutdownGraceMs, log, () => health.markStopping()));
    if (identityProvider) {
      const addresses = addressesOf(config, port).map(relyingPartyAddresses);
      identityProvider.serve({ redirectUris: addresses.map((a) => a.redirectUri), postLogoutRedirectUris: addresses.map((a) => a.postLogoutRedirectUri) });
    }
    // The provider's discovery document now rather than at the first sign-in: a wrong OIDC_ISSUER stops the start, named.
    try {
      await relyingParty.configuration();
    } catch (error) {
      if (!(error instanceof SignInFailure)) throw error;
      throw new StartError(`${identityProvider ? 'the development identity provider' : `OIDC_ISSUER=${relyingParty.issuer}`}: ${error.detail}`);
    }
    // Last of the checks, so that a taken port or an unreachable database is told first: a department address
    // nobody answers at stops the start, naming it, rather than every filing at its first department check.
    const unreachable = await unreachableDepartments(config);
    if (unreachable.length > 0) {
      throw new StartError(
        `departments unreachable: ${unreachable.map((d) => `${d.variable}=${d.url} (${d.reason})`).join(', ')}: start them or correct the addresses (the simulated ones follow SIM_PORT)`,
      );
    }

    return {
      apiUrl: `http://${config.host}:${port}`,
      db,
      engine,
      simulators,
      workers,
      outbox,
      deployment,
      appliedMigrations,
      signIn: {
        issuer: relyingParty.issuer,
        discoveryUrl: `${relyingParty.issuer}/.well-known/openid-configuration`,
        embedded: identityProvider !== undefined,
        development: signIn.development,
      },
      requestsInFlight: () => drain.requestsInFlight,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
