// What a task list shows of the filing a task is about: enough to pick the right task, no personal numbers.
import type { Db } from '../platform/db.ts';
import { isUuid } from '../platform/ids.ts';

export interface FilingSummary {
  id: string;
  year: number;
  channel: string;
  status: string;
  employerUscc: string;
  employerName: string;
  handlingRegionCode: string;
  receivingRegionCode: string;
  employeeCount: number;
  createdAt: string;
}

export async function filingSummaries(db: Db, ids: string[]): Promise<Map<string, FilingSummary>> {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db.query<{
    id: string;
    year: number;
    channel: string;
    status: string;
    employer_uscc: string;
    employer_name: string;
    handling_region_code: string;
    receiving_region_code: string;
    employee_count: number;
    created_at: Date;
  }>(
    `select id, year, channel, status, employer_uscc, declaration->'employer'->>'name' as employer_name,
            handling_region_code, receiving_region_code, jsonb_array_length(declaration->'employees') as employee_count, created_at
       from filings where id = any($1::uuid[])`,
    [valid],
  );
  return new Map(
    rows.rows.map((r) => [
      r.id,
      {
        id: r.id,
        year: r.year,
        channel: r.channel,
        status: r.status,
        employerUscc: r.employer_uscc,
        employerName: r.employer_name,
        handlingRegionCode: r.handling_region_code,
        receivingRegionCode: r.receiving_region_code,
        employeeCount: r.employee_count,
        createdAt: r.created_at.toISOString(),
      },
    ]),
  );
}
