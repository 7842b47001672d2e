// A part of the fault suite's stack run as an OS process the suite can kill with -9. The suite stands in for the
// supervisor (systemd, or `npm start`'s): a part that dies is started again after a back-off — but a death the
// suite did not cause is written down with its exit code or signal, so the table shows what died of a fault.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';

export interface UnexpectedExit {
  part: string;
  at: number;
  how: string;
}

export interface SupervisedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  /** Starts it and resolves once it printed `readyLine` (a prefix of one of its stdout lines). */
  start(extraEnv?: Record<string, string>): Promise<void>;
  /** SIGKILL; the suite's own kill is not an unexpected exit. Resolves when the process is gone. */
  kill9(): Promise<void>;
  /**
   * Kills it and has it started again with `env` added, once; its next death is the suite's doing too (a crash
   * point armed by `env`), and the start after that is a plain one again.
   */
  restartArmed(env: Record<string, string>): Promise<void>;
  /** Resolves when it is running again after a death (the supervisor's restart, or a start). */
  running(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface SupervisedOptions {
  name: string;
  /** A script under the project, run as `node --import tsx <script>`. */
  script: string;
  args?: string[];
  env: Record<string, string>;
  readyLine: string;
  logFile: string;
  onUnexpectedExit(exit: UnexpectedExit): void;
  startTimeoutMs?: number;
}

export function superviseProcess(options: SupervisedOptions): SupervisedProcess {
  let child: ChildProcess | undefined;
  let up = false;
  let stopping = false;
  let planned = 0;
  let armedEnv: Record<string, string> | undefined;
  let backoffMs = 500;
  let log: WriteStream | undefined;
  let restarting: Promise<void> | undefined;

  const launch = (extraEnv: Record<string, string> = {}): Promise<void> =>
    new Promise((resolve, reject) => {
      log ??= createWriteStream(options.logFile, { flags: 'a' });
      const started = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, options.script), ...(options.args ?? [])], {
        cwd: projectRoot,
        env: { ...process.env, ...options.env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let settled = false;
      let startFailed = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        started.kill('SIGKILL');
        reject(new Error(`${options.name} did not start within ${(options.startTimeoutMs ?? 120_000) / 1000} s (log: ${options.logFile})`));
      }, options.startTimeoutMs ?? 120_000);
      let buffered = '';
      started.stdout!.on('data', (chunk: Buffer) => {
        log!.write(chunk);
        buffered += chunk.toString('utf8');
        if (!settled && buffered.split('\n').some((line) => line.startsWith(options.readyLine))) {
          settled = true;
          clearTimeout(timer);
          up = true;
          backoffMs = 500;
          resolve();
        }
      });
      started.stderr!.on('data', (chunk: Buffer) => log!.write(chunk));
      started.once('exit', (code, signal) => {
        up = false;
        log!.write(`\n[chaos] ${options.name} exited: ${signal ?? `code ${code}`}\n`);
        if (!settled) {
          settled = true;
          startFailed = true;
          clearTimeout(timer);
          reject(new Error(`${options.name} exited (${signal ?? `code ${code}`}) before it was ready (log: ${options.logFile})`));
        }
        if (stopping) return;
        // A start that fails (e.g. while PostgreSQL is down) is retried; only a running part's death is recorded.
        const wasRunning = settled && !startFailed;
        if (planned > 0) planned--;
        else if (wasRunning) options.onUnexpectedExit({ part: options.name, at: Date.now(), how: signal ?? `exit code ${code}` });
        restarting = restart();
      });
    });

  // Started again with a doubling back-off while it keeps failing to start (e.g. while PostgreSQL is down): a start
  // that exits before it is ready schedules the next attempt from its exit handler.
  async function restart(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, backoffMs));
    if (stopping) return;
    const env = armedEnv;
    armedEnv = undefined;
    await launch(env).catch(() => {
      backoffMs = Math.min(backoffMs * 2, 8_000);
    });
  }

  return {
    name: options.name,
    get pid() {
      return child?.pid;
    },
    start: (extraEnv) => launch(extraEnv),
    async kill9() {
      const target = child;
      if (!target || target.exitCode !== null || target.signalCode !== null) return;
      planned++;
      const gone = new Promise((resolve) => target.once('exit', resolve));
      target.kill('SIGKILL');
      await gone;
    },
    async restartArmed(env) {
      armedEnv = env;
      planned++; // the armed crash
      await this.kill9();
    },
    async running(timeoutMs) {
      for (const deadline = Date.now() + timeoutMs; !up; ) {
        if (Date.now() > deadline) throw new Error(`${options.name} was not running again within ${timeoutMs / 1000} s (log: ${options.logFile})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      stopping = true;
      await restarting;
      const target = child;
      if (target && target.exitCode === null && target.signalCode === null) {
        const gone = new Promise((resolve) => target.once('exit', resolve));
        target.kill('SIGTERM');
        const timer = setTimeout(() => target.kill('SIGKILL'), 15_000);
        await gone;
        clearTimeout(timer);
      }
      log?.end();
    },
  };
}
