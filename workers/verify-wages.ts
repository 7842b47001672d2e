// Job type `verify-wages`: asks the tax withholding data what the employer paid each declared employee in each
// month of the review year, and completes with those facts per employee. The counting rules (minimum wage)
// decide what they mean.
import type { WagesClient } from '../connectors/wages/client.ts';
import { queryDeclared } from '../connectors/person-month-query/declared.ts';
import { MAX_ID_NUMBERS_PER_QUERY, type WageRecord } from '../connectors/wages/schema.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import type { MonthWage, WageFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-wages';

export interface VerifyWagesVariables {
  filingId: string;
}

export interface VerifyWagesResult {
  wages: WageFacts[];
}

export interface VerifyWagesDeps {
  db: Db;
  client: Pick<WagesClient, 'query'>;
}

// Personal numbers never travel as process variables: the handler reads them from the stored declaration.
const checkVariables = compileSchema<VerifyWagesVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: filingIdSchema },
});

// Sums in whole fen, so 0.1 + 0.2 yuan is 0.3 and not 0.30000000000000004.
const toFen = (yuan: number) => Math.round(yuan * 100);

function monthsByPerson(records: readonly WageRecord[]): Map<string, MonthWage[]> {
  const fenByPerson = new Map<string, Map<string, number>>();
  for (const record of records) {
    let fenByMonth = fenByPerson.get(record.idNumber);
    if (!fenByMonth) {
      fenByMonth = new Map();
      fenByPerson.set(record.idNumber, fenByMonth);
    }
    fenByMonth.set(record.month, (fenByMonth.get(record.month) ?? 0) + toFen(record.amount));
  }
  const byPerson = new Map<string, MonthWage[]>();
  for (const [idNumber, fenByMonth] of fenByPerson) {
    const months = [...fenByMonth].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([month, fen]) => ({ month, amount: fen / 100 }));
    byPerson.set(idNumber, months);
  }
  return byPerson;
}

export function createVerifyWagesHandler(deps: VerifyWagesDeps): JobHandler<VerifyWagesVariables, VerifyWagesResult> {
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);
    // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
    const answer = await queryDeclared((query) => deps.client.query(query, `${filingId}:${JOB_TYPE}`), filing.declaration);
    if (!answer.ok) return failForGood(`${JOB_TYPE}: ${answer.people} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);

    const byPerson = monthsByPerson(answer.records);
    // A copy per index, so facts of a person declared twice never share an array.
    const wages = filing.declaration.employees.map((employee, index): WageFacts => ({
      index,
      months: (byPerson.get(employee.idNumber) ?? []).map((m) => ({ ...m })),
    }));
    return complete({ wages });
  });
}
