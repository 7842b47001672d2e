// Runs the engine jar as a child process: refuses a taken port, passes the database and accounts through the
// environment (only the names on an allow-list), writes the engine's log to a file, waits until the REST API
// answers our service account, and stops it (SIGTERM, then SIGKILL after a grace period).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createEngineRest, EngineError, EngineUnavailable } from '../../platform/engine-rest.ts';
import { LastLines, type ProcessEnd } from '../supervisor/last-lines.ts';
import { EngineStartError } from './engine-start-error.ts';
import type { EngineCredentials } from './engine-credentials.ts';

export interface EngineProcessOptions {
  javaPath: string;
  jar: string;
  port: number;
  /** postgres://user:pass@host:port/db — turned into the JDBC settings the engine reads. */
  databaseUrl: string;
  credentials: EngineCredentials;
  heap: string;
  logFile: string;
  startTimeoutMs: number;
  /** Extra JVM system properties (e.g. a marker to find the process by). */
  systemProperties?: Record<string, string>;
  /** Engine settings of engineEnvironmentAllowList, e.g. its history level and pool size. */
  env?: Record<string, string>;
  /** Add to the log file instead of starting it afresh (an engine started again keeps the log of the one that died). */
  appendLog?: boolean;
}

export interface EngineProcess {
  baseUrl: string;
  pid: number;
  logFile: string;
  /** Stops the engine and waits for it to exit. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
  /** The same end, with the signal named. */
  readonly ended: Promise<ProcessEnd>;
  /** The last lines of its output (stdout and stderr: Spring Boot logs to stdout). */
  lastLines(): string[];
}

/**
 * Every environment variable the engine's process gets; nothing else of Node's environment reaches it. Node's
 * environment holds DATABASE_URL, tokens and passwords of other parts, and Spring Boot would also bind any
 * SPRING_*, SERVER_* or OPERATON_* variable it finds over application.yaml, and the JVM honours
 * JAVA_TOOL_OPTIONS (an agent on the command line) — so the engine is given a list, not Node's environment.
 */
export const engineEnvironmentAllowList = [
  // Read by engine/src/main/resources/application.yaml.
  'ENGINE_PORT',
  'ENGINE_JDBC_URL',
  'ENGINE_JDBC_USER',
  'ENGINE_JDBC_PASSWORD',
  'ENGINE_DB_POOL_SIZE',
  'ENGINE_HISTORY_LEVEL',
  'ENGINE_ADMIN_USER',
  'ENGINE_ADMIN_PASSWORD',
  // Read by EngineApplication.java (the service account it keeps in step).
  'ENGINE_USER',
  'ENGINE_PASSWORD',
] as const;

/**
 * What Java itself needs from Node's environment, passed on when set: the locale (Java 17 takes its default
 * charset and the charset of file names from it: without one, Chinese text in the engine's log becomes "?"), and
 * HOME (user.home when the user has no passwd entry, as in some containers). Not TZ: user.timezone is set on the
 * command line. Not PATH or JAVA_HOME: java is started by its full path.
 */
export const javaEnvironmentPassThrough = ['HOME', 'LANG', 'LC_ALL', 'LC_CTYPE'] as const;

/**
 * The engine's whole environment: the pass-through names Node's environment has, then the engine settings, each
 * of which must be on the allow-list (a name not on it is a mistake in our code, not something to pass on quietly).
 */
export function engineEnvironment(settings: Record<string, string>, nodeEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of javaEnvironmentPassThrough) {
    const value = nodeEnv[name];
    if (value !== undefined) env[name] = value;
  }
  // A UTF-8 locale when Node's environment names none (C.UTF-8 is built into glibc ≥ 2.35 and musl).
  if (env.LANG === undefined && env.LC_ALL === undefined && env.LC_CTYPE === undefined) env.LANG = 'C.UTF-8';
  for (const [name, value] of Object.entries(settings)) {
    if (!(engineEnvironmentAllowList as readonly string[]).includes(name)) {
      throw new Error(`${name} is not on the engine's environment allow-list (scripts/engine/engine-process.ts)`);
    }
    env[name] = value;
  }
  return env;
}

export function jdbcSettings(databaseUrl: string): { url: string; user: string; password: string } {
  const u = new URL(databaseUrl);
  return {
    url: `jdbc:postgresql://${u.hostname}:${u.port || 5432}${u.pathname}`,
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

export async function assertPortFree(port: number): Promise<void> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EngineStartError(`engine: port ${port} on 127.0.0.1 is already in use (set ENGINE_PORT to another port, or ENGINE_URL to use an engine already running)`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export async function startEngineProcess(options: EngineProcessOptions): Promise<EngineProcess> {
  await assertPortFree(options.port);
  const jdbc = jdbcSettings(options.databaseUrl);
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: options.appendLog ? 'a' : 'w' });
  // Cron timers (timeCycle) are read in the JVM's zone: the procedure's clock is China's, whatever the host's.
  const props = Object.entries({ 'user.timezone': 'Asia/Shanghai', ...options.systemProperties }).map(([k, v]) => `-D${k}=${v}`);
  const child: ChildProcess = spawn(
    options.javaPath,
    [`-Xmx${options.heap}`, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', ...props, '-jar', options.jar],
    {
      env: engineEnvironment({
        ...options.env,
        ENGINE_PORT: String(options.port),
        ENGINE_JDBC_URL: jdbc.url,
        ENGINE_JDBC_USER: jdbc.user,
        ENGINE_JDBC_PASSWORD: jdbc.password,
        ENGINE_USER: options.credentials.user,
        ENGINE_PASSWORD: options.credentials.password,
        ENGINE_ADMIN_USER: options.credentials.adminUser,
        ENGINE_ADMIN_PASSWORD: options.credentials.adminPassword ?? '',
      }),
      // Its own process group: a Ctrl-C in the terminal reaches our launcher, which stops workers first and the
      // engine last, instead of the engine dying under workers that are finishing their tasks.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tail = new LastLines();
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.stdout!.on('data', (chunk: Buffer) => tail.add(chunk));
  child.stderr!.on('data', (chunk: Buffer) => tail.add(chunk));
  const ended = new Promise<ProcessEnd>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const exited = ended.then(({ code, signal }) => code ?? (signal ? 128 : null));
  // Our own exit, however it comes (an uncaught error included), takes the engine with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => {
    log.end();
    process.removeListener('exit', killOnExit);
  });

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const rest = createEngineRest({ baseUrl, user: options.credentials.user, password: options.credentials.password }, 5_000);
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + options.startTimeoutMs;
  for (;;) {
    if (gone) {
      throw new EngineStartError(`the engine failed to start: see its log at ${options.logFile}`);
    }
    try {
      // Authenticated on purpose: the service account exists once the engine is fully up.
      await rest.get('/process-definition/count');
      break;
    } catch (error) {
      if (!(error instanceof EngineUnavailable) && !(error instanceof EngineError && error.status === 401)) throw error;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new EngineStartError(`the engine did not answer within ${Math.round(options.startTimeoutMs / 1000)} s: see its log at ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    baseUrl,
    pid: child.pid!,
    logFile: options.logFile,
    exited,
    ended,
    lastLines: () => tail.all(),
    async stop(graceMs = 20_000) {
      process.removeListener('exit', killOnExit);
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
