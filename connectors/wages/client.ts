// Client of the wage-payment service, tax withholding data (simulator or a real department's adapter at
// DEPT_WAGES_URL).
import type { Config } from '../../platform/config.ts';
import { createPersonMonthQueryClient, type DepartmentCallConfig, type PersonMonthQueryClient } from '../person-month-query/client.ts';
import { wagesService, type WageRecord } from './schema.ts';

export type WagesClientConfig = Pick<Config, 'wagesUrl'> & DepartmentCallConfig;

/** Every payment this employer made to these people in `query.year`, one record per payment; a month without one is absent. */
export type WagesClient = PersonMonthQueryClient<WageRecord>;

export function createWagesClient(config: WagesClientConfig): WagesClient {
  return createPersonMonthQueryClient({
    department: 'wages',
    baseUrl: config.wagesUrl,
    queryName: 'wages',
    service: wagesService,
    config,
  });
}
