// The engine as a supervised part: the first start is bringUpEngine's (built, its database and role made ready,
// started); when it dies, the same engine is started again on the same port and database, its log continued.
import type { RunningEngine } from '../engine/bring-up-engine.ts';
import type { EngineProcess } from '../engine/engine-process.ts';
import type { PartSpec, RunningChild } from './child-process-supervisor.ts';

function asChild(engine: EngineProcess): RunningChild {
  return {
    pid: engine.pid,
    ended: engine.ended,
    lastLines: () => engine.lastLines(),
    stop: () => engine.stop(),
    kill: () => {
      try {
        process.kill(engine.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** `engine` must be one we started (engine.process and engine.relaunch set). */
export function enginePart(engine: RunningEngine & { process: EngineProcess; relaunch: () => Promise<EngineProcess> }): PartSpec<{ pid: number }> {
  return {
    name: 'engine',
    async start({ first }) {
      const running = first ? engine.process : await engine.relaunch();
      return { child: asChild(running), facts: { pid: running.pid } };
    },
  };
}
