// Simulated wage-payment service (tax withholding data): answers, for one employer and year, the payments
// made to the people asked about, from wages.json.
import type { Router } from 'express';
import { createPersonMonthQueryRouter, personMonthSimulator } from '../person-month-query/simulator.ts';
import { wagesService, type WageRecord } from './schema.ts';

export const WAGES_DATA_FILE = 'wages.json';

export function createWagesRouter(records: readonly WageRecord[]): Router {
  return createPersonMonthQueryRouter(records, wagesService);
}

export const wagesSimulator = personMonthSimulator({ name: 'wages', dataFile: WAGES_DATA_FILE, service: wagesService });
