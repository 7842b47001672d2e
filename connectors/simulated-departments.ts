// Every department simulator `npm start` and the tests serve; a new connector adds its simulator here.
import { registrationSimulator } from './registration/simulator.ts';
import { registrarChangesSimulator } from './registrar-changes/simulator.ts';
import { nationalPensionSimulator, pensionSimulator } from './hrss/simulator.ts';
import { medicalSimulator } from './medical/simulator.ts';
import { wagesSimulator } from './wages/simulator.ts';
import { dpfSimulator } from './dpf/simulator.ts';
import { veteransSimulator } from './veterans/simulator.ts';
import { taxSimulator } from './tax/simulator.ts';
import { nationalPlatformSimulator } from './national-platform/simulator.ts';
import { marketShareSimulator } from './market-share/simulator.ts';
import type { SimulatedDepartment } from './simulator-kit/server.ts';

export const simulatedDepartments: SimulatedDepartment[] = [
  registrationSimulator,
  registrarChangesSimulator,
  pensionSimulator,
  nationalPensionSimulator,
  medicalSimulator,
  wagesSimulator,
  dpfSimulator,
  veteransSimulator,
  taxSimulator,
  nationalPlatformSimulator,
  marketShareSimulator,
];

/** The settings that point every department at the simulators on `port` (other than the default 3100). */
export function simulatorSettings(port: number): Record<string, string> {
  const base = `http://127.0.0.1:${port}`;
  return {
    SIM_PORT: String(port),
    DEPT_REGISTRATION_URL: `${base}/registration`,
    DEPT_REGISTRAR_CHANGES_URL: `${base}/registrar-changes`,
    DEPT_DPF_URL: `${base}/dpf`,
    DEPT_VETERANS_URL: `${base}/veterans`,
    DEPT_PENSION_URL: `${base}/pension`,
    DEPT_NATIONAL_PENSION_URL: `${base}/national-pension`,
    DEPT_MEDICAL_URL: `${base}/medical`,
    DEPT_WAGES_URL: `${base}/wages`,
    DEPT_TAX_URL: `${base}/tax`,
    DEPT_NATIONAL_PLATFORM_URL: `${base}/national-platform`,
    DEPT_MARKET_SHARE_URL: `${base}/market-share`,
  };
}
