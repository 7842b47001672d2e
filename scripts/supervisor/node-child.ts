// Starts one of our entry scripts (scripts/api.ts, …) as a Node child process with an IPC channel: its output goes
// on to ours, each line marked with the part's name; it is ready when it says so (child-messages.ts), and a start
// that fails rejects with the message it reported — or how it ended and its last lines. A JSON log line
// (platform/log.ts) passes through as it is: it names its part already, and stays one JSON object a line.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { projectRoot } from '../../platform/config.ts';
import { isChildMessage } from './child-messages.ts';
import { describeEnd, type PartSpec, type RunningChild } from './child-process-supervisor.ts';
import { LastLines, type ProcessEnd } from './last-lines.ts';

export interface NodeChildOptions {
  name: string;
  /** Relative to the project's root, e.g. scripts/api.ts. */
  script: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** How long it may take to finish after SIGTERM before it is killed. */
  graceMs: number;
  spawned?: (child: RunningChild) => void;
}

/** A start that failed; `message` is the child's own (one line) when it reported one. */
export class ChildStartFailure extends Error {
  override name = 'ChildStartFailure';
}

export function startNodeChild<Facts>(options: NodeChildOptions): Promise<{ child: RunningChild; facts: Facts }> {
  const { name } = options;
  const proc = spawn(process.execPath, ['--import', 'tsx', options.script, ...options.args], {
    cwd: projectRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group: a Ctrl-C in the terminal reaches the supervisor alone, which stops the parts in order.
    detached: true,
  });
  const tail = new LastLines();
  const marked = (line: string) => (line.startsWith('{') ? line : `[${name}] ${line}`);
  readline.createInterface({ input: proc.stdout! }).on('line', (line) => console.log(marked(line)));
  readline.createInterface({ input: proc.stderr! }).on('line', (line) => {
    tail.add(`${line}\n`);
    console.error(marked(line));
  });
  let gone = false;
  const ended = new Promise<ProcessEnd>((resolve) =>
    proc.once('exit', (code, signal) => {
      gone = true;
      resolve({ code, signal });
    }),
  );
  const kill = () => {
    if (!gone) proc.kill('SIGKILL');
  };
  // Our own exit, however it comes, takes the child with it (it also stops itself when our IPC channel closes).
  process.once('exit', kill);
  void ended.then(() => process.removeListener('exit', kill));
  const child: RunningChild = {
    pid: proc.pid!,
    ended,
    lastLines: () => tail.all(),
    kill,
    async stop() {
      if (gone) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(kill, options.graceMs);
      await ended;
      clearTimeout(timer);
    },
  };
  options.spawned?.(child);

  return new Promise((resolve, reject) => {
    let reported: string | undefined;
    proc.on('message', (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === 'ready') resolve({ child, facts: message.facts as Facts });
      else reported = message.message;
    });
    void ended.then((end) => {
      const lines = tail.all().slice(-5);
      reject(new ChildStartFailure(reported ?? `${name} ended while starting (${describeEnd(end)})${lines.length ? `: ${lines.join(' / ')}` : ''}`));
    });
  });
}

/** A part that is one of our entry scripts, started with the environment `env()` gives at each start. */
export function nodePart<Facts>(name: string, script: string, graceMs: number, env: () => NodeJS.ProcessEnv, args: string[]): PartSpec<Facts> {
  return { name, start: ({ spawned }) => startNodeChild<Facts>({ name, script, args, env: env(), graceMs, spawned }) };
}
