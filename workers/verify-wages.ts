// Job type `verify-wages`: asks the tax withholding data what the employer (for a dispatched employee: the agency)
// paid each declared employee in each month of the review year, and completes with those facts per employee. The
// counting rules (minimum wage) decide what they mean.
import { createWagesClient, type WagesClient } from '../connectors/wages/client.ts';
import template from '../connectors/wages/element-template.json' with { type: 'json' };
import { perEmployee, queryDeclared } from '../connectors/person-month-query/declared.ts';
import { MAX_ID_NUMBERS_PER_QUERY, type WageRecord } from '../connectors/wages/schema.ts';
import type { Db } from '../platform/db.ts';
import { filingCheckTopic, filingJob, type FilingJobVariables } from './filing-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import type { Department } from './topic-module.ts';
import type { MonthWage, WageFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-wages';

const DEPARTMENT: Department = { name: '税务（工资发放）', service: '税务工资代扣代缴数据接口', reviewCheck: true };

export interface VerifyWagesResult {
  wages: WageFacts[];
}

export interface VerifyWagesDeps {
  db: Db;
  client: Pick<WagesClient, 'query'>;
}

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

export function createVerifyWagesHandler(deps: VerifyWagesDeps): JobHandler<FilingJobVariables, VerifyWagesResult> {
  return filingJob({ topic: JOB_TYPE, department: DEPARTMENT }, deps.db, async ({ filing, idempotencyKey }) => {
    // Under the unit that pays: a dispatched employee's wages are the agency's (connectors/person-month-query/declared.ts).
    const answer = await queryDeclared((query, key) => deps.client.query(query, key), filing.declaration, idempotencyKey);
    if (!answer.ok) return failForGood(`${JOB_TYPE}: ${answer.people} people, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`);

    // A copy per index, so facts of a person declared twice never share an array.
    const months = perEmployee<WageRecord, MonthWage[]>(filing.declaration, answer.byPayer, (records) => {
      const byPerson = monthsByPerson(records);
      return (idNumber) => (byPerson.get(idNumber) ?? []).map((m) => ({ ...m }));
    });
    const wages = months.map((paid, index): WageFacts => ({ index, months: paid }));
    return complete({ wages });
  });
}

export const verifyWagesTopic = filingCheckTopic({
  topic: JOB_TYPE,
  department: DEPARTMENT,
  template,
  evidence: 'wages',
  client: createWagesClient,
  handler: createVerifyWagesHandler,
});
