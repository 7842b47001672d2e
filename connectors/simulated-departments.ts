// Every department simulator `npm start` and the tests serve; a new connector adds its simulator here.
import { registrationSimulator } from './registration/simulator.ts';
import type { SimulatedDepartment } from './simulator-kit/server.ts';

export const simulatedDepartments: SimulatedDepartment[] = [registrationSimulator];
