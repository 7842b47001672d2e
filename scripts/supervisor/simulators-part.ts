// The department simulators as a supervised part (scripts/simulators.ts), on SIM_PORT.
import type { PartSpec } from './child-process-supervisor.ts';
import { nodePart } from './node-child.ts';

export interface SimulatorsFacts {
  url: string;
  dataDir: string;
}

export function simulatorsPart(env: () => NodeJS.ProcessEnv, args: string[]): PartSpec<SimulatorsFacts> {
  return nodePart<SimulatorsFacts>('simulators', 'scripts/simulators.ts', 5_000, env, args);
}
