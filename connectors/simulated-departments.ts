// Every department simulator `npm start` and the tests serve; a new connector adds its simulator here.
import { registrationSimulator } from './registration/simulator.ts';
import { nationalPensionSimulator, pensionSimulator } from './hrss/simulator.ts';
import { medicalSimulator } from './medical/simulator.ts';
import { wagesSimulator } from './wages/simulator.ts';
import { dpfSimulator } from './dpf/simulator.ts';
import { veteransSimulator } from './veterans/simulator.ts';
import { taxSimulator } from './tax/simulator.ts';
import type { SimulatedDepartment } from './simulator-kit/server.ts';

export const simulatedDepartments: SimulatedDepartment[] = [
  registrationSimulator,
  pensionSimulator,
  nationalPensionSimulator,
  medicalSimulator,
  wagesSimulator,
  dpfSimulator,
  veteransSimulator,
  taxSimulator,
];
