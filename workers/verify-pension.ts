// Job type `verify-pension`: asks HRSS which months each declared employee's pension was paid by the employer (for
// a dispatched employee: the agency) in the review year, and completes with those facts per employee. The counting
// rules decide what they mean.
import { createPensionClient, type PensionClient } from '../connectors/hrss/client.ts';
import template from '../connectors/hrss/element-template.json' with { type: 'json' };
import { MAX_ID_NUMBERS_PER_QUERY, PENSION_SOURCES, type PensionSource } from '../connectors/hrss/schema.ts';
import { allAnswered, payerKey, payerOf, peopleByPayer } from '../connectors/person-month-query/declared.ts';
import { paidMonthsByPerson } from '../connectors/person-month-query/months.ts';
import type { Employee } from '../filings/declaration/filing.ts';
import { isZhejiang } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { filingCheckTopic, filingJob, type FilingJobVariables } from './filing-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import type { Department } from './topic-module.ts';
import type { PensionFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-pension';

const DEPARTMENT: Department = { name: '人力社保（养老保险）', service: '人社养老保险接口（含全国接口）', reviewCheck: true };

export interface VerifyPensionResult {
  pension: PensionFacts[];
}

export interface VerifyPensionDeps {
  db: Db;
  client: Pick<PensionClient, 'query'>;
}

const outsideZhejiang = (code: string | undefined): boolean => code !== undefined && !isZhejiang(code);

/** A person whose hukou or declared insurance lies outside Zhejiang is known only to the national interface. */
export function pensionSourceOf(employee: Pick<Employee, 'hukouRegionCode' | 'socialInsurance'>): PensionSource {
  // Declared as the paper form's text, the insurance names no region: the hukou alone decides then.
  const insured = typeof employee.socialInsurance === 'object' ? employee.socialInsurance.insuredRegionCode : undefined;
  return outsideZhejiang(employee.hukouRegionCode) || outsideZhejiang(insured)
    ? 'national'
    : 'zhejiang';
}

export function createVerifyPensionHandler(deps: VerifyPensionDeps): JobHandler<FilingJobVariables, VerifyPensionResult> {
  return filingJob({ topic: JOB_TYPE, department: DEPARTMENT }, deps.db, async ({ filing, idempotencyKey }) => {
    const { employer, employees, year } = filing.declaration;

    const sources = employees.map(pensionSourceOf);
    // One call per interface and paying unit (a dispatched employee's pension is paid by the agency), each person
    // once in it, even when declared twice (the duplicate rule is decided elsewhere).
    const asked = PENSION_SOURCES.flatMap((source) => {
      const people = employees.filter((_, index) => sources[index] === source);
      return [...peopleByPayer(people, employer.uscc)].map(([uscc, idNumbers]) => ({ source, uscc, idNumbers }));
    });

    for (const { source, idNumbers } of asked) {
      if (idNumbers.length > MAX_ID_NUMBERS_PER_QUERY) {
        return failForGood(
          `${JOB_TYPE}: ${idNumbers.length} people for the ${source} pension interface, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`,
        );
      }
    }

    // All calls at once; each interface keys its own calls, an agency's with its USCC (declared.ts payerKey).
    const answers = await allAnswered(
      asked.map(({ source, uscc, idNumbers }) => deps.client.query(source, { uscc, year, idNumbers }, payerKey(idempotencyKey, uscc, employer.uscc))),
    );
    const monthsOf = new Map(asked.map(({ source, uscc }, i) => [`${source} ${uscc}`, paidMonthsByPerson(answers[i]!)]));

    // Every employee's source and payer was asked, and any call that failed has thrown above, so each has its answer.
    const pension = employees.map((employee, index): PensionFacts => {
      const source = sources[index]!;
      return { index, source, ...monthsOf.get(`${source} ${payerOf(employee, employer.uscc)}`)!(employee.idNumber) };
    });
    return complete({ pension });
  });
}

export const verifyPensionTopic = filingCheckTopic({
  topic: JOB_TYPE,
  department: DEPARTMENT,
  template,
  evidence: 'pension',
  client: createPensionClient,
  handler: createVerifyPensionHandler,
});
