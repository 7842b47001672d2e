// A supervised part: a child that dies is said (how, with its last lines) and started again after the back-off; a
// start that fails is tried again; a stopped part is not started again.
import { describe, expect, it } from 'vitest';
import { SupervisedPart, type RunningChild } from '../../scripts/supervisor/child-process-supervisor.ts';
import type { ProcessEnd } from '../../scripts/supervisor/last-lines.ts';

function fakeChild(pid: number): RunningChild & { die(end: ProcessEnd): void; stopped: boolean } {
  let die!: (end: ProcessEnd) => void;
  const ended = new Promise<ProcessEnd>((resolve) => (die = resolve));
  const child = {
    pid,
    ended,
    stopped: false,
    lastLines: () => ['Error: boom', '    at somewhere'],
    die,
    kill: () => die({ code: null, signal: 'SIGKILL' }),
    stop: async () => {
      child.stopped = true;
      die({ code: 0, signal: null });
    },
  };
  return child;
}

async function until(probe: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !probe(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a supervised part', () => {
  it('says what died and how, starts it again, tries again when a start fails, and stops for good', async () => {
    const log: string[] = [];
    const children: ReturnType<typeof fakeChild>[] = [];
    let failNext = false;
    const part = new SupervisedPart(
      {
        name: 'workers',
        async start() {
          if (failNext) {
            failNext = false;
            throw new Error('database unreachable');
          }
          const child = fakeChild(100 + children.length);
          children.push(child);
          return { child, facts: { pid: child.pid } };
        },
      },
      { log: (line) => log.push(line), backoff: { initialMs: 10, maxMs: 40, resetAfterMs: 60_000 } },
    );
    expect(await part.start()).toEqual({ pid: 100 });

    children[0]!.die({ code: null, signal: 'SIGKILL' });
    await until(() => children.length === 2);
    expect(log[0]).toBe('workers (pid 100) died: killed by SIGKILL; starting it again in 0.01 s\n  its last lines:\n    Error: boom\n        at somewhere');
    expect(log[1]).toBe('workers started again (pid 101)');

    failNext = true;
    children[1]!.die({ code: 1, signal: null });
    await until(() => children.length === 3);
    expect(log.slice(2)).toEqual([
      expect.stringMatching(/^workers \(pid 101\) died: exit code 1; starting it again in 0\.02 s/),
      'workers could not be started again: database unreachable; trying again in 0.04 s',
      'workers started again (pid 102)',
    ]);
    expect(part.restarts).toBe(2);

    await part.stop();
    expect(children[2]!.stopped).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(children).toHaveLength(3);
  });
});
