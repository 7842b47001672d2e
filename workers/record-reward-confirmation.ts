// Job type `record-reward-confirmation`: the county's answer on its over-quota reward candidates kept — each candidate
// of the county confirmed, or excluded with the reason its line gave (forms/reward-county-confirmation.form,
// `excludedCandidates`: "USCC reason" per line, checked when the task was completed). Once per task.
import type { Db } from '../platform/db.ts';
import { maskNumbersInText } from '../platform/masking.ts';
import { compileSchema } from '../platform/schema.ts';
import { parseExclusionLines } from '../rewards/exclusion-lines.ts';
import { recordCountyConfirmation } from '../rewards/reward-store.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/record-reward-confirmation.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'record-reward-confirmation';

export interface RecordRewardConfirmationVariables {
  year: number;
  countyCode: string;
  excludedCandidates?: string | null;
  confirmRewardCandidatesCompletedBy?: string | null;
}

export interface RecordRewardConfirmationResult {
  countyConfirmed: number;
  countyExcluded: number;
}

const checkVariables = compileSchema<RecordRewardConfirmationVariables>({
  type: 'object',
  required: ['year', 'countyCode'],
  properties: {
    year: { type: 'integer', minimum: 2000, maximum: 2999 },
    countyCode: { type: 'string', pattern: '^33\\d{4}$' },
    excludedCandidates: { type: ['string', 'null'], maxLength: 20000 },
    confirmRewardCandidatesCompletedBy: { type: ['string', 'null'] },
  },
});

export function createRecordRewardConfirmationHandler(db: Db): JobHandler<RecordRewardConfirmationVariables, RecordRewardConfirmationResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const v = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const { exclusions } = parseExclusionLines(v.excludedCandidates);
    const masked = new Map([...exclusions].map(([uscc, reason]) => [uscc, maskNumbersInText(reason)]));
    const done = await recordCountyConfirmation(db, {
      year: v.year,
      countyCode: v.countyCode,
      exclusions: masked,
      decidedBy: v.confirmRewardCandidatesCompletedBy ?? null,
      sourceTaskId: job.key,
    });
    return complete({ countyConfirmed: done.confirmed, countyExcluded: done.excluded });
  });
}

export const recordRewardConfirmationTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'countyCode', 'excludedCandidates', 'confirmRewardCandidatesCompletedBy'],
  department: null,
  template,
  handler: ({ db }) => createRecordRewardConfirmationHandler(db),
});
