// Client of the medical-security service (simulator or a real department's adapter at DEPT_MEDICAL_URL).
import type { Config } from '../../platform/config.ts';
import { createPersonMonthQueryClient, type DepartmentCallConfig, type PersonMonthQueryClient } from '../person-month-query/client.ts';
import { medicalService, type MedicalRecord } from './schema.ts';

export type MedicalClientConfig = Pick<Config, 'medicalUrl'> & DepartmentCallConfig;

/** The medical insurance records of these people at this employer in `query.year`; a month without a record is absent. */
export type MedicalClient = PersonMonthQueryClient<MedicalRecord>;

export function createMedicalClient(config: MedicalClientConfig): MedicalClient {
  return createPersonMonthQueryClient({
    department: 'medical',
    baseUrl: config.medicalUrl,
    queryName: 'medical',
    service: medicalService,
    config,
  });
}
