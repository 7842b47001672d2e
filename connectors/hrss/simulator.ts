// Simulated HRSS pension services: Zhejiang's own (`pension`) and the national interface for persons insured
// outside Zhejiang (`national-pension`). Same contract, separate data files, separate fault switches.
import type { Router } from 'express';
import { createPersonMonthQueryRouter, personMonthSimulator } from '../person-month-query/simulator.ts';
import { pensionService, type PensionRecord } from './schema.ts';

export const PENSION_DATA_FILE = 'pension.json';
export const NATIONAL_PENSION_DATA_FILE = 'national-pension.json';

export function createPensionRouter(records: readonly PensionRecord[]): Router {
  return createPersonMonthQueryRouter(records, pensionService);
}

export const pensionSimulator = personMonthSimulator({ name: 'pension', dataFile: PENSION_DATA_FILE, service: pensionService });
export const nationalPensionSimulator = personMonthSimulator({
  name: 'national-pension',
  dataFile: NATIONAL_PENSION_DATA_FILE,
  service: pensionService,
});
