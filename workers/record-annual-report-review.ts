// Job type `record-annual-report-review`: the province's reading of a city's report kept with the version it read —
// accepted, or returned with the comment the city's form then shows. Once per task. Sets `reportSubmitted` back to
// false on a return, so that the deadline watch still reminds and escalates while the city revises.
import { recordReportReview } from '../annual-report/report-store.ts';
import type { Db } from '../platform/db.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import { reportVariablesSchema, type AnnualReportVariables } from './prepare-annual-report.ts';
import template from './element-templates/record-annual-report-review.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'record-annual-report-review';

export interface RecordAnnualReportReviewVariables extends AnnualReportVariables {
  reportVersion: number;
  reviewDecision: 'accept' | 'return';
  reviewComment?: string | null;
  reviewAnnualReportCompletedBy?: string | null;
}

export interface RecordAnnualReportReviewResult {
  reportSubmitted: boolean;
}

const checkVariables = compileSchema<RecordAnnualReportReviewVariables>({
  type: 'object',
  required: ['year', 'cityCode', 'reportVersion', 'reviewDecision'],
  properties: {
    ...reportVariablesSchema,
    reportVersion: { type: 'integer', minimum: 1 },
    reviewDecision: { enum: ['accept', 'return'] },
    reviewComment: { type: ['string', 'null'], maxLength: 2000 },
    reviewAnnualReportCompletedBy: { type: ['string', 'null'] },
  },
});

export function createRecordAnnualReportReviewHandler(db: Db): JobHandler<RecordAnnualReportReviewVariables, RecordAnnualReportReviewResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const v = jobVariables(JOB_TYPE, checkVariables, job.variables);
    await recordReportReview(db, {
      year: v.year,
      cityCode: v.cityCode,
      version: v.reportVersion,
      decision: v.reviewDecision,
      comment: maskNumbersInText(v.reviewComment?.trim() ?? ''),
      reviewedBy: v.reviewAnnualReportCompletedBy ?? null,
      sourceTaskId: job.key,
    });
    return complete({ reportSubmitted: v.reviewDecision === 'accept' });
  });
}

export const recordAnnualReportReviewTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'cityCode', 'reportVersion', 'reviewDecision', 'reviewComment', 'reviewAnnualReportCompletedBy'],
  department: null,
  template,
  handler: ({ db }) => createRecordAnnualReportReviewHandler(db),
});
