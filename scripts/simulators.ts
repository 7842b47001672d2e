// The department simulators as a process of their own (development and tests only — never in production): every
// department of connectors/simulated-departments.ts on SIM_PORT, serving the data files of SIM_DATA_DIR.
import { DataFileError } from '../connectors/simulator-kit/data-files.ts';
import { simulatedDepartments } from '../connectors/simulated-departments.ts';
import { startSimulators } from '../connectors/simulator-kit/server.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { runPart } from './supervisor/part-entry.ts';
import type { SimulatorsFacts } from './supervisor/simulators-part.ts';

class SimulatorsPortTaken extends Error {
  override name = 'SimulatorsPortTaken';
}

runPart<SimulatorsFacts>({
  label: 'simulators',
  part: 'simulators',
  known: [ConfigError, DataFileError, SimulatorsPortTaken],
  async start() {
    const config = loadConfig();
    if (config.simPort === 0) throw new ConfigError('SIM_PORT=0: no simulators to start (set SIM_PORT to their port)');
    const simulators = await startSimulators({ port: config.simPort, dataDir: config.simDataDir, departments: simulatedDepartments, host: config.host }).catch(
      (error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE'
          ? new SimulatorsPortTaken(`department simulators: port ${config.simPort} is already in use (set SIM_PORT to another port, or 0 to use real departments)`)
          : error;
      },
    );
    return { facts: { url: simulators.url, dataDir: config.simDataDir }, stop: () => simulators.close() };
  },
  describe: (facts) => `simulators: ${facts.url}   (data: ${facts.dataDir})`,
});
