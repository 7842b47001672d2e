// Job type `record-reward-approval`: the city's decision on its over-quota rewards kept (forms/reward-city-approval.form):
// approved, every candidate its counties confirmed becomes a reward to pay (the export's rows); not approved, none
// does and the comment is kept. Once per task.
import type { Db } from '../platform/db.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { compileSchema } from '../platform/schema.ts';
import { recordCityDecision } from '../rewards/reward-store.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import { reportVariablesSchema, type AnnualReportVariables } from './prepare-annual-report.ts';
import template from './element-templates/record-reward-approval.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'record-reward-approval';

export interface RecordRewardApprovalVariables extends AnnualReportVariables {
  approvalDecision: 'approve' | 'reject';
  approvalComment?: string | null;
  approveOverQuotaRewardsCompletedBy?: string | null;
}

export interface RecordRewardApprovalResult {
  approvedCount: number;
}

const checkVariables = compileSchema<RecordRewardApprovalVariables>({
  type: 'object',
  required: ['year', 'cityCode', 'approvalDecision'],
  properties: {
    ...reportVariablesSchema,
    approvalDecision: { enum: ['approve', 'reject'] },
    approvalComment: { type: ['string', 'null'], maxLength: 2000 },
    approveOverQuotaRewardsCompletedBy: { type: ['string', 'null'] },
  },
});

export function createRecordRewardApprovalHandler(db: Db): JobHandler<RecordRewardApprovalVariables, RecordRewardApprovalResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const v = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const approvedCount = await recordCityDecision(db, {
      year: v.year,
      cityCode: v.cityCode,
      decision: v.approvalDecision,
      comment: maskNumbersInText(v.approvalComment?.trim() ?? ''),
      decidedBy: v.approveOverQuotaRewardsCompletedBy ?? null,
      sourceTaskId: job.key,
    });
    return complete({ approvedCount });
  });
}

export const recordRewardApprovalTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'cityCode', 'approvalDecision', 'approvalComment', 'approveOverQuotaRewardsCompletedBy'],
  department: null,
  template,
  handler: ({ db }) => createRecordRewardApprovalHandler(db),
});
