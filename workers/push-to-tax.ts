// Job type `push-to-tax`: pushes a certified filing's result to the tax bureau (docs/domain.md §3 step 6), keeps the
// push and its receipt (tax-handover/tax-handover-store.ts) and completes with the receipt's id. The counts are the
// stored review's, as on the certificate. The bureau answers later — consistency with its data, levy collected — at
// the callback the push names; that answer reaches the waiting process as the message `tax-answer`
// (tax-handover/tax-answer-routes.ts).
import { createTaxClient, type TaxClient } from '../connectors/tax/client.ts';
import template from '../connectors/tax/element-template.json' with { type: 'json' };
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { CALLBACK_PATHS, type DepartmentCallbacks } from '../tax-handover/department-callbacks.ts';
import { beginHandover, recordReceipt } from '../tax-handover/tax-handover-store.ts';
import { certifiedResultOf } from '../review/review-store.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, fail, failForGood, type JobHandler } from './job-outcome.ts';
import { topicModule, type Department } from './topic-module.ts';

export const JOB_TYPE = 'push-to-tax';

const DEPARTMENT: Department = { name: '税务（认证结果报送）', service: '税务部门认证结果接收接口', reviewCheck: false };

export interface PushToTaxVariables {
  filingId: string;
  /** 1 for the first push; a re-push after a reconciliation raises it, and is a new push with a receipt of its own. */
  taxPushRound?: number | null;
}

export interface PushToTaxResult {
  taxReceiptId: string;
}

export interface PushToTaxDeps {
  db: Db;
  client: Pick<TaxClient, 'pushCertifiedResult'>;
  /** Where the bureau sends its answer, and the token it must send. */
  callbacks: Pick<DepartmentCallbacks, 'urlOf' | 'token'>;
}

// The process carries many more variables; only these are this job's business. Year, unit and counts come from the
// stored filing and its review, so the push cannot disagree with what was certified.
const checkVariables = compileSchema<PushToTaxVariables>({
  type: 'object',
  required: ['filingId'],
  properties: {
    filingId: filingIdSchema,
    taxPushRound: { type: ['integer', 'null'], minimum: 1, maximum: 1000 },
  },
});

export function createPushToTaxHandler(deps: PushToTaxDeps): JobHandler<PushToTaxVariables, PushToTaxResult> {
  return departmentJob({ topic: JOB_TYPE, department: DEPARTMENT }, async (job) => {
    const vars = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const { filingId } = vars;
    const round = vars.taxPushRound ?? 1;
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);
    const result = await certifiedResultOf(deps.db, filingId);
    if (!result) {
      // Only a person can cure this (the diagram pushes before any review): retrying would fail the same way.
      return failForGood(`该申报尚无审核结果，无法报送税务部门，请核对流程后处理 / ${JOB_TYPE}: no stored review for filing ${filingId}`);
    }
    const { certifiedCount, requiredCount } = result;
    const url = deps.callbacks.urlOf(CALLBACK_PATHS.taxAnswers);
    if (url === undefined) {
      return fail(`本系统接收税务反馈的地址未知：请设置 CALLBACK_BASE_URL，或在 API 进程内运行任务处理程序 / ${JOB_TYPE}: no callback address yet (CALLBACK_BASE_URL unset and the API not listening in this process)`);
    }

    // The round's row first: a task handed out again finds its push done and pushes nothing twice.
    const known = await beginHandover(deps.db, { filingId, round, certifiedCount, requiredCount, sourceTaskId: job.key });
    if (known.receiptId !== null && known.certifiedCount === certifiedCount) return complete({ taxReceiptId: known.receiptId });

    // Keyed by filing and round: a retried push is the same push, and the bureau records and answers it once. The
    // same round with another count reaches the bureau, which refuses it (409): a caller bug, shown as an incident.
    const receipt = await deps.client.pushCertifiedResult(
      {
        uscc: filing.employerUscc,
        year: filing.year,
        certifiedCount,
        requiredCount,
        filingId,
        callback: { url, token: deps.callbacks.token },
      },
      `${filingId}:${JOB_TYPE}:${round}`,
    );
    if (!(await recordReceipt(deps.db, filingId, round, receipt.receiptId))) {
      return fail(`${JOB_TYPE}: round ${round} of filing ${filingId} already holds another receipt than ${receipt.receiptId}`);
    }
    return complete({ taxReceiptId: receipt.receiptId });
  });
}

export const pushToTaxTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'taxPushRound'],
  department: DEPARTMENT,
  template,
  handler: ({ config, db, callbacks }) => createPushToTaxHandler({ db, client: createTaxClient(config), callbacks }),
});
