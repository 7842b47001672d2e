// Simulated medical-security service: answers, for one employer and year, the monthly medical insurance
// contributions of the people asked about, from medical.json.
import type { Router } from 'express';
import { createPersonMonthQueryRouter, personMonthSimulator } from '../person-month-query/simulator.ts';
import { medicalService, type MedicalRecord } from './schema.ts';

export const MEDICAL_DATA_FILE = 'medical.json';

export function createMedicalRouter(records: readonly MedicalRecord[]): Router {
  return createPersonMonthQueryRouter(records, medicalService);
}

export const medicalSimulator = personMonthSimulator({ name: 'medical', dataFile: MEDICAL_DATA_FILE, service: medicalService });
