// Job type `verify-pension`: asks HRSS which months each declared employee's pension was paid by the employer
// in the review year, and completes with those facts per employee. The counting rules decide what they mean.
import { createPensionClient, type PensionClient } from '../connectors/hrss/client.ts';
import template from '../connectors/hrss/element-template.json' with { type: 'json' };
import { MAX_ID_NUMBERS_PER_QUERY, PENSION_SOURCES, type PensionSource } from '../connectors/hrss/schema.ts';
import { paidMonthsByPerson, type PaidMonths } from '../connectors/person-month-query/months.ts';
import type { Employee } from '../filings/declaration/filing.ts';
import { isZhejiang } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { DepartmentBadAnswer } from '../platform/department-http.ts';
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
    // Each person once per interface, even when declared twice (the duplicate rule is decided elsewhere).
    const idNumbersBySource = new Map<PensionSource, Set<string>>(PENSION_SOURCES.map((s) => [s, new Set()]));
    employees.forEach((employee, index) => idNumbersBySource.get(sources[index]!)!.add(employee.idNumber));
    const asked = PENSION_SOURCES.filter((source) => idNumbersBySource.get(source)!.size > 0);

    for (const source of asked) {
      const count = idNumbersBySource.get(source)!.size;
      if (count > MAX_ID_NUMBERS_PER_QUERY) {
        return failForGood(
          `${JOB_TYPE}: ${count} people for the ${source} pension interface, more than the ${MAX_ID_NUMBERS_PER_QUERY} one query may carry`,
        );
      }
    }

    // At most one call per interface, both at once.
    const settled = await Promise.allSettled(
      asked.map((source) =>
        deps.client.query(source, { uscc: employer.uscc, year, idNumbers: [...idNumbersBySource.get(source)!] }, idempotencyKey),
      ),
    );
    // Both calls settle before we decide. A bad answer from either interface wins over the other being unavailable
    // or refusing us: no retry cures it. Otherwise the first error decides; departmentJob maps what is rethrown.
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (errors.length > 0) throw errors.find((e) => e instanceof DepartmentBadAnswer) ?? errors[0];

    const answers = new Map<PensionSource, (idNumber: string) => PaidMonths>();
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') answers.set(asked[i]!, paidMonthsByPerson(s.value));
    });

    // Every employee's source was asked, and any call that failed has thrown above, so each has its answer.
    const pension = employees.map((employee, index): PensionFacts => {
      const source = sources[index]!;
      return { index, source, ...answers.get(source)!(employee.idNumber) };
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
