// Job type `issue-certificate`: the employer has confirmed the review's result and certified (年审认证); this issues
// the certification confirmation (年审认证确认书) it can print, with the verification code anyone can check at
// /verify. A filing certified again after feedback and re-review gets the next one, the earlier superseded.
// Idempotent: the task handed out again after a worker died gets the certificate it already issued.
import { issueCertificate } from '../certificates/certificate-store.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { certifiedResultOf } from '../review/review-store.ts';
import { departmentJob, filingIdSchema, filingOf, invalidVariables, jobVariables } from './department-job.ts';
import { bpmnError, complete, failForGood, type JobHandler } from './job-outcome.ts';
import template from './element-templates/issue-certificate.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'issue-certificate';

export interface IssueCertificateVariables {
  filingId: string;
  /** The person who completed `confirm-result` (the employer's user); the system when absent. */
  confirmResultCompletedBy?: string | null;
}

export interface IssueCertificateResult {
  certificateCode: string;
  /** ISO instant of issue. */
  certifiedAt: string;
  /** 1 for the first certification, 2… after feedback and re-review. */
  certificationSequence: number;
}

const SYSTEM_ACTOR = 'system';

const checkVariables = compileSchema<IssueCertificateVariables>({
  type: 'object',
  required: ['filingId'],
  properties: {
    filingId: filingIdSchema,
    confirmResultCompletedBy: { type: ['string', 'null'], maxLength: 200 },
  },
});

export function createIssueCertificateHandler(db: Db): JobHandler<IssueCertificateVariables, IssueCertificateResult> {
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const vars = jobVariables(JOB_TYPE, checkVariables, job.variables);
    if (job.businessKey && job.businessKey !== vars.filingId) {
      invalidVariables(JOB_TYPE, [{ path: '/filingId', code: 'MISMATCH', params: { businessKey: job.businessKey } }]);
    }
    const filing = await filingOf(db, JOB_TYPE, vars.filingId);
    // The counts on the paper are the stored review's, never process variables that could disagree with it.
    const result = await certifiedResultOf(db, filing.id);
    if (!result) {
      // Only a person can cure this (the diagram certified before any review): retrying would fail the same way.
      return failForGood(`该申报尚无审核结果，无法出具年审认证确认书，请核对流程后在 Cockpit 中处理 / ${JOB_TYPE}: no stored review for filing ${filing.id}`);
    }
    const certificate = await issueCertificate(db, {
      filingId: filing.id,
      certifiedCount: result.certifiedCount,
      requiredCount: result.requiredCount,
      certifiedBy: vars.confirmResultCompletedBy?.trim() || SYSTEM_ACTOR,
      sourceTaskId: job.key,
    });
    // Read a moment ago: only a filing deleted in between could get here.
    if (!certificate) return bpmnError('FILING_NOT_FOUND', `${JOB_TYPE}: no filing ${filing.id}`);
    return complete({ certificateCode: certificate.code, certifiedAt: certificate.issuedAt, certificationSequence: certificate.sequence });
  });
}

export const issueCertificateTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId', 'confirmResultCompletedBy'],
  department: null,
  template,
  handler: ({ db }) => createIssueCertificateHandler(db),
});
