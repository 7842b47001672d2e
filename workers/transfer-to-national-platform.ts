// Job type `transfer-to-national-platform`: a Zhejiang office received a filing for a unit registered in another
// province (收受分离, 跨省通办); this hands it to the national platform for the office of the unit's own province and
// keeps the platform's receipt. The office that received it can still read the filing and see where it went.
import { createNationalPlatformClient, type NationalPlatformClient } from '../connectors/national-platform/client.ts';
import template from '../connectors/national-platform/element-template.json' with { type: 'json' };
import { NATIONAL_PLATFORM_NAME } from '../connectors/national-platform/schema.ts';
import { isZhejiang } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { DepartmentBadAnswer } from '../platform/department-http.ts';
import { compileSchema } from '../platform/schema.ts';
import { findTransfer, recordOutboundTransfer } from '../national-platform/transfer-store.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import { topicModule, type Department } from './topic-module.ts';

export const JOB_TYPE = 'transfer-to-national-platform';

/** The platform both of its topics talk to (this one and report-to-national-platform). */
export const NATIONAL_PLATFORM: Department = { name: '全国残疾人按比例就业联网认证平台', service: NATIONAL_PLATFORM_NAME, reviewCheck: false };

/** Where a filing made online in Zhejiang's own service was received: the province, not a county window. */
const PROVINCE_ONLINE_SERVICE = '330000';

export interface TransferToNationalPlatformVariables {
  filingId: string;
}

export interface TransferToNationalPlatformResult {
  /** The platform's id of the transfer (its receipt). */
  nationalReceiptId: string;
}

export interface TransferToNationalPlatformDeps {
  db: Db;
  client: Pick<NationalPlatformClient, 'transferFiling'>;
}

const checkVariables = compileSchema<TransferToNationalPlatformVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: filingIdSchema },
});

export function createTransferToNationalPlatformHandler(
  deps: TransferToNationalPlatformDeps,
): JobHandler<TransferToNationalPlatformVariables, TransferToNationalPlatformResult> {
  return departmentJob({ topic: JOB_TYPE, department: NATIONAL_PLATFORM }, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);
    // Sending a Zhejiang unit's filing away would take it from the office competent for it: a diagram mistake.
    if (isZhejiang(filing.handlingRegionCode)) {
      return failForGood(
        `该申报的用人单位在浙江省，由本省办理，不应经跨省通办平台转出；请检查流程图 / ${JOB_TYPE}: filing ${filingId} is handled in Zhejiang (${filing.handlingRegionCode})`,
      );
    }
    // A task handed out again after its receipt was kept: the filing went out once.
    const kept = await findTransfer(deps.db, filingId);
    if (kept?.direction === 'outbound') return complete({ nationalReceiptId: kept.transferId });

    const receivingRegionCode = isZhejiang(filing.receivingRegionCode) ? filing.receivingRegionCode : PROVINCE_ONLINE_SERVICE;
    let receipt;
    try {
      // Keyed by filing, not job: a retried or redelivered job is the same transfer, and the platform takes it once.
      receipt = await deps.client.transferFiling(
        { filingId, receivingRegionCode, handlingRegionCode: filing.handlingRegionCode, declaration: filing.declaration },
        `${filingId}:transfer`,
      );
    } catch (error) {
      // No branch of the diagram waits for this: the incident holds the filing until someone has asked the platform.
      if (error instanceof DepartmentBadAnswer) {
        return failForGood(`${NATIONAL_PLATFORM_NAME}返回的回执不符合接口约定，申报是否已转出需人工向平台核实，核实后在 Cockpit 中重试 / ${JOB_TYPE}: ${error.message}`);
      }
      throw error;
    }
    const stored = await recordOutboundTransfer(deps.db, {
      filingId,
      receiptId: receipt.receiptId,
      handlingRegionCode: filing.handlingRegionCode,
      receivedAt: receipt.receivedAt,
      sourceTaskId: job.key,
    });
    return complete({ nationalReceiptId: stored.transferId });
  });
}

export const transferToNationalPlatformTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId'],
  department: NATIONAL_PLATFORM,
  template,
  handler: ({ config, db }) => createTransferToNationalPlatformHandler({ db, client: createNationalPlatformClient(config) }),
});
