// Job type `report-to-national-platform`: a filing the national platform delivered (跨省通办) has been certified here;
// this reports the result back through the platform to the province whose office received it.
import { createNationalPlatformClient, type NationalPlatformClient } from '../connectors/national-platform/client.ts';
import { NATIONAL_PLATFORM_NAME } from '../connectors/national-platform/schema.ts';
import type { Db } from '../platform/db.ts';
import { DepartmentBadAnswer } from '../platform/department-http.ts';
import { compileSchema } from '../platform/schema.ts';
import { findTransfer } from '../national-platform/transfer-store.ts';
import { certifiedResultOf } from '../review/review-store.ts';
import { effectOnce } from './effect-ledger.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import template from './element-templates/report-to-national-platform.json' with { type: 'json' };
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import { topicModule } from './topic-module.ts';
import { NATIONAL_PLATFORM } from './transfer-to-national-platform.ts';

export const JOB_TYPE = 'report-to-national-platform';

export interface ReportToNationalPlatformVariables {
  filingId: string;
  /** The confirmation's number (issue-certificate), where one was issued. */
  certificateCode?: string | null;
}

export type ReportToNationalPlatformResult = Record<string, never>;

export interface ReportToNationalPlatformDeps {
  db: Db;
  client: Pick<NationalPlatformClient, 'reportResult'>;
}

const checkVariables = compileSchema<ReportToNationalPlatformVariables>({
  type: 'object',
  required: ['filingId'],
  properties: {
    filingId: filingIdSchema,
    certificateCode: { type: ['string', 'null'], maxLength: 100 },
  },
});

export function createReportToNationalPlatformHandler(
  deps: ReportToNationalPlatformDeps,
): JobHandler<ReportToNationalPlatformVariables, ReportToNationalPlatformResult> {
  return departmentJob({ topic: JOB_TYPE, department: NATIONAL_PLATFORM }, async (job) => {
    const { filingId, certificateCode } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    await filingOf(deps.db, JOB_TYPE, filingId);
    const transfer = await findTransfer(deps.db, filingId);
    if (transfer?.direction !== 'inbound') {
      return failForGood(
        `该申报不是经跨省通办平台转来的，无需回传结果；请检查流程图中的条件（receivedVia） / ${JOB_TYPE}: filing ${filingId} did not come through the national platform`,
      );
    }
    // The count reported is the stored review's, as on the certificate.
    const result = await certifiedResultOf(deps.db, filingId);
    if (!result) {
      return failForGood(`该申报尚无审核结果，无法回传认证结果，请核对流程后处理 / ${JOB_TYPE}: no stored review for filing ${filingId}`);
    }
    try {
      // Keyed by the task: the same task handed out again reports once (recorded here, and recognised by the platform
      // by the same key); a later certification (after feedback) is a new task and reports its own result.
      const key = `${filingId}:report:${job.key}`;
      await effectOnce(deps.db, { kind: JOB_TYPE, key, businessKey: filingId, sourceTaskId: job.key }, () =>
        deps.client.reportResult(
          transfer.transferId,
          { filingId, status: 'certified', certifiedCount: result.certifiedCount, ...(certificateCode ? { certificateCode } : {}) },
          key,
        ),
      );
    } catch (error) {
      if (error instanceof DepartmentBadAnswer) {
        return failForGood(`${NATIONAL_PLATFORM_NAME}返回的回执不符合接口约定，结果是否已回传需人工向平台核实，核实后在 Cockpit 中重试 / ${JOB_TYPE}: ${error.message}`);
      }
      throw error;
    }
    return complete({});
  });
}

export const reportToNationalPlatformTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'certificateCode'],
  department: NATIONAL_PLATFORM,
  template,
  handler: ({ config, db }) => createReportToNationalPlatformHandler({ db, client: createNationalPlatformClient(config) }),
});
