// Client of the HRSS pension services: Zhejiang's (DEPT_PENSION_URL) and the national interface for persons
// insured outside Zhejiang (DEPT_NATIONAL_PENSION_URL), simulators or real departments' adapters.
import type { Config } from '../../platform/config.ts';
import { createPersonMonthQueryClient, type DepartmentCallConfig, type PersonMonthQueryClient } from '../person-month-query/client.ts';
import { pensionService, type PensionQuery, type PensionRecord, type PensionSource } from './schema.ts';

export type PensionClientConfig = Pick<Config, 'pensionUrl' | 'nationalPensionUrl'> & DepartmentCallConfig;

export interface PensionClient {
  /**
   * The pension records `source` holds for these people at this employer in `query.year`; a month without a
   * record is absent. One POST for the whole list. Throws the department-http errors.
   */
  query(source: PensionSource, query: PensionQuery, idempotencyKey: string): Promise<PensionRecord[]>;
}

export function createPensionClient(config: PensionClientConfig): PensionClient {
  // Department names match the simulators' segments, so errors and fault switches speak of the same thing.
  const client = (department: string, baseUrl: string) =>
    createPersonMonthQueryClient({ department, baseUrl, queryName: 'pension', service: pensionService, config });
  const clients: Record<PensionSource, PersonMonthQueryClient<PensionRecord>> = {
    zhejiang: client('pension', config.pensionUrl),
    national: client('national-pension', config.nationalPensionUrl),
  };

  return {
    async query(source, query, idempotencyKey) {
      return clients[source].query(query, idempotencyKey);
    },
  };
}
