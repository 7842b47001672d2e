// Job type `select-reward-county`: the multi-instance county confirmation of processes/over-quota-reward.bpmn makes
// one task per county with candidates; each instance asks which county is its own (`position`, its loopCounter,
// 0-based, in county code order) and gets the county's candidates with their evidence as the text its form shows.
// Names and USCCs of units only: no personal data. Reads only: nothing to repeat.
import { regionName } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { REWARD_REASON_LABELS } from '../rewards/reward-reasons.ts';
import { candidateCounties, rewardCandidates, type StoredCandidate } from '../rewards/reward-store.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { bpmnError, complete, type JobHandler } from './job-outcome.ts';
import { reportVariablesSchema, type AnnualReportVariables } from './prepare-annual-report.ts';
import template from './element-templates/select-reward-county.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'select-reward-county';

export interface SelectRewardCountyVariables extends AnnualReportVariables {
  position: number;
}

export interface SelectRewardCountyResult {
  countyCode: string;
  countyName: string;
  countyCandidateCount: number;
  countyRewardTotal: number;
  /** One line per candidate with its evidence, for the form. */
  rewardCandidates: string;
}

const checkVariables = compileSchema<SelectRewardCountyVariables>({
  type: 'object',
  required: ['year', 'cityCode', 'position'],
  properties: { ...reportVariablesSchema, position: { type: 'integer', minimum: 0, maximum: 999 } },
});

const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

/** A candidate as the county reads it in the form: who, and why the table found it eligible. */
export function candidateLine(c: StoredCandidate, index: number): string {
  return (
    `${index + 1}. ${c.unitName}（${c.uscc}）：认定安排 ${c.certifiedCount} 人，应安排 ${c.requiredCount} 人，超出 ${c.surplus} 人，` +
    `实际比例 ${percent(c.actualRatio)}，连续 ${c.yearsAboveQuota} 年超比例；${REWARD_REASON_LABELS[c.reasonCode]}，每人 ${yuan(c.amountPerPerson)} 元，奖励 ${yuan(c.amount)} 元`
  );
}

export function createSelectRewardCountyHandler(db: Db): JobHandler<SelectRewardCountyVariables, SelectRewardCountyResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const v = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const counties = await candidateCounties(db, v.year, v.cityCode);
    const countyCode = counties[v.position];
    if (countyCode === undefined) {
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: /position OUT_OF_RANGE (${counties.length} counties)`);
    }
    const candidates = await rewardCandidates(db, v.year, countyCode, { eligibleOnly: true });
    return complete({
      countyCode,
      countyName: regionName(countyCode) ?? countyCode,
      countyCandidateCount: candidates.length,
      countyRewardTotal: Math.round(candidates.reduce((sum, c) => sum + c.amount, 0) * 100) / 100,
      rewardCandidates: candidates.map(candidateLine).join('\n\n'),
    });
  });
}

export const selectRewardCountyTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'cityCode', 'position'],
  department: null,
  template,
  handler: ({ db }) => createSelectRewardCountyHandler(db),
});
