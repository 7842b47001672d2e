// One HTTP server hosting every department simulator under /<department>, plus an admin API to switch
// faults and reload data files while it runs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { loadConfig } from '../../platform/config.ts';
import {
  checkFaultSwitch,
  faultDefaultsFromConfig,
  faultMiddleware,
  FaultSwitches,
  type FaultDefaults,
} from './faults.ts';

/** What a department folder provides to be simulated. */
export interface SimulatedDepartment {
  /** URL segment and fault-switch name, e.g. "registration". */
  name: string;
  /** Reads the department's files from dataDir and returns the handler serving them; throws on a bad file. */
  load(dataDir: string): Promise<RequestHandler>;
}

export interface StartSimulatorsOptions {
  /** 0 = any free port; the real one is in the returned url. */
  port: number;
  dataDir: string;
  departments: SimulatedDepartment[];
  host?: string;
  /** Defaults to SIM_LATENCY_MS, SIM_FAILURE_RATE and SIM_OUTAGE. */
  faultDefaults?: FaultDefaults;
  /** Injectable for deterministic random failures in tests. */
  random?: () => number;
}

export interface RunningSimulators {
  /** e.g. http://127.0.0.1:3100 — a department lives at `${url}/${name}`. */
  url: string;
  faults: FaultSwitches;
  close(): Promise<void>;
}

const NAME = /^[a-z][a-z0-9-]*$/;

async function loadAll(departments: SimulatedDepartment[], dataDir: string): Promise<Map<string, RequestHandler>> {
  const handlers = new Map<string, RequestHandler>();
  for (const department of departments) handlers.set(department.name, await department.load(dataDir));
  return handlers;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Loads every department's data (a bad file rejects here), then listens. */
export async function startSimulators(options: StartSimulatorsOptions): Promise<RunningSimulators> {
  const { dataDir, departments } = options;
  const host = options.host ?? '127.0.0.1';
  const names = departments.map((d) => d.name);
  for (const name of names) {
    if (!NAME.test(name)) throw new Error(`simulated department name "${name}" must match ${NAME}`);
  }
  if (new Set(names).size !== names.length) throw new Error(`simulated department names repeat: ${names.join(', ')}`);

  const faults = new FaultSwitches(names, options.faultDefaults ?? faultDefaultsFromConfig(loadConfig()));
  // Swapped as a whole on reload, so a failed reload leaves the previous data serving.
  let handlers = await loadAll(departments, dataDir);

  const app = express();
  app.disable('x-powered-by');

  const admin = express.Router();
  admin.use(express.json({ limit: '16kb' }));
  admin.get('/health', (_req, res) => {
    res.json({ status: 'ok', departments: names });
  });
  admin.get('/faults', (_req, res) => {
    res.json(faults.all());
  });
  admin.put('/faults/:department', (req, res) => {
    const { department } = req.params;
    if (!faults.has(department)) {
      res.status(404).json({ error: 'unknown_department', message: `no simulated department "${department}"` });
      return;
    }
    const checked = checkFaultSwitch(req.body);
    if (!checked.ok) {
      res.status(400).json({ errors: checked.issues });
      return;
    }
    faults.set(department, checked.value);
    res.json(faults.get(department));
  });
  admin.post('/reload', async (_req, res) => {
    try {
      handlers = await loadAll(departments, dataDir);
    } catch (error) {
      res.status(500).json({ error: 'reload_failed', message: (error as Error).message });
      return;
    }
    res.json({ reloaded: names });
  });
  app.use('/_admin', admin);

  for (const name of names) {
    app.use(`/${name}`, faultMiddleware(name, faults, { random: options.random }), (req, res, next) => {
      handlers.get(name)!(req, res, next);
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    // body-parser marks malformed or oversized JSON with a 4xx status; anything else is the simulator's fault.
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    res.status(status).json({ error: status === 500 ? 'internal' : 'bad_request', message: error.message ?? String(error) });
  };
  app.use(onError);

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    // Keeps the errno code, so a caller can still tell EADDRINUSE apart.
    const onListenError = (error: NodeJS.ErrnoException) =>
      reject(
        Object.assign(
          new Error(`department simulators cannot listen on ${host}:${options.port} (${error.code ?? error.message})`, { cause: error }),
          { code: error.code },
        ),
      );
    server.once('error', onListenError);
    server.listen(options.port, host, () => {
      server.off('error', onListenError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${urlHost(host)}:${port}`,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
