// Job type `start-over-quota-rewards`: the yearly timer of `over-quota-reward-start` (processes/over-quota-reward-start.bpmn:
// in January, after the season's certifications ended on 31 December, the date in the diagram) opens every Zhejiang
// city's over-quota reward round of the review year that season certified (the China year two before this one's: the
// 2026 season certifies 2025 until 31 December, and rewards for 2025 open in January 2027) — one process instance per city and year,
// business key `over-quota-reward-<year>-<city>`, started through the outbox with the round's row, so that a timer
// fired twice or a task handed out again opens none twice.
import { zhejiangCityCodes } from '../annual-report/report-store.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { openRewardRounds } from '../rewards/reward-store.ts';
import { departmentJob } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/start-over-quota-rewards.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'start-over-quota-rewards';

export interface StartOverQuotaRewardsResult {
  rewardYear: number;
  /** Cities whose round this run opened (0 when all were open already). */
  openedRounds: number;
}

export function createStartOverQuotaRewardsHandler(deps: { db: Db; now?: () => Date }): JobHandler<Record<string, never>, StartOverQuotaRewardsResult> {
  const now = deps.now ?? (() => new Date());
  return departmentJob({ topic: JOB_TYPE, department: null }, async () => {
    const rewardYear = chinaYearOf(now()) - 2;
    const opened = await openRewardRounds(deps.db, rewardYear, zhejiangCityCodes());
    return complete({ rewardYear, openedRounds: opened.length });
  });
}

export const startOverQuotaRewardsTopic = topicModule({
  topic: JOB_TYPE,
  // It reads no process variable: the year is the China year it runs in.
  variables: [],
  department: null,
  template,
  handler: ({ db }) => createStartOverQuotaRewardsHandler({ db }),
});
