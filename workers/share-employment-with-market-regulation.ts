// Job type `share-employment-with-market-regulation` (processes/employment-share-back.bpmn, 附件2 §二): sends one
// batch of a review year's certified units' employment figures to market regulation and stores its answer per unit
// (share-back/employment-shares.ts); the diagram loops while `shareRemaining` > 0. Idempotent per unit-year: a unit
// whose answer is stored is never sent again, and a batch whose answer was lost is sent again under its own key. A
// department down past the retries fails the job (an incident); rejected units raise an incident once every unit has
// its answer — retrying it sends them again, so a rejection is never a silent gap.
import { createMarketShareClient, type MarketShareClient } from '../connectors/market-share/client.ts';
import template from '../connectors/market-share/element-template.json' with { type: 'json' };
import { MAX_BATCH_REPORTS } from '../connectors/market-share/schema.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { markRejectionsForResend, nextShareBatch, shareCounts, storeShareAnswers } from '../share-back/employment-shares.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import { topicModule, type Department } from './topic-module.ts';

export const JOB_TYPE = 'share-employment-with-market-regulation';

const DEPARTMENT: Department = { name: '市场监管（就业情况共享）', service: '市场监管部门就业情况接收接口', reviewCheck: false };

/** Units per batch unless the task's `batchSize` property says otherwise. */
export const DEFAULT_BATCH_SIZE = 200;

/**
 * The review year a share-back run in January shares: the certification year that just ended (the one before now)
 * reviewed the year before it (docs/filing-season.md).
 */
export function shareYearOf(now: Date): number {
  return chinaYearOf(now) - 2;
}

export interface ShareEmploymentVariables {
  /** Set by the first batch; absent, the year is shareYearOf(now). */
  shareYear?: number | null;
  /** The task's setting (extension property), as the diagram holds it. */
  batchSize?: string;
}

export interface ShareEmploymentResult {
  shareYear: number;
  /** Units still to send or resend; the diagram loops while it is above 0. */
  shareRemaining: number;
  sharedUnits: number;
}

const checkVariables = compileSchema<ShareEmploymentVariables>({
  type: 'object',
  properties: {
    shareYear: { type: ['integer', 'null'], minimum: 2000, maximum: 2100 },
    batchSize: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' },
  },
});

/** How many rejections the incident's message names. */
const NAMED_REJECTIONS = 3;

export function createShareEmploymentHandler(deps: { db: Db; client: Pick<MarketShareClient, 'shareEmployment'>; now?: () => Date }): JobHandler<ShareEmploymentVariables, ShareEmploymentResult> {
  const now = deps.now ?? (() => new Date());
  return departmentJob({ topic: JOB_TYPE, department: DEPARTMENT }, async (job) => {
    const vars = jobVariables(JOB_TYPE, checkVariables, { ...(job.variables as object), ...job.properties });
    const year = vars.shareYear ?? shareYearOf(now());
    const size = Math.min(Number(vars.batchSize ?? DEFAULT_BATCH_SIZE), MAX_BATCH_REPORTS);

    const batch = await nextShareBatch(deps.db, year, size);
    if (batch) {
      const results = await deps.client.shareEmployment({ year, reports: batch.reports }, batch.key);
      await storeShareAnswers(deps.db, batch, results);
    }
    const counts = await shareCounts(deps.db, year);
    if (counts.remaining === 0 && counts.rejected > 0) {
      const rejected = await markRejectionsForResend(deps.db, year);
      const named = rejected.slice(0, NAMED_REJECTIONS).map((r) => `${r.uscc}：${r.reason}`).join('；');
      return failForGood(
        `市场监管部门拒收了 ${year} 年度 ${rejected.length} 家单位的就业情况（${named}${rejected.length > NAMED_REJECTIONS ? '；等' : ''}）。` +
          `请与市场监管部门核实处理后重试：重试将再次报送这些单位，已接收的单位不再报送 / ${JOB_TYPE}: ${rejected.length} unit(s) rejected for ${year}`,
      );
    }
    return complete({ shareYear: year, shareRemaining: counts.remaining, sharedUnits: counts.accepted });
  });
}

export const shareEmploymentWithMarketRegulationTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['shareYear'],
  department: DEPARTMENT,
  template,
  handler: ({ config, db }) => createShareEmploymentHandler({ db, client: createMarketShareClient(config) }),
});
