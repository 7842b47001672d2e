// Every external-task topic a worker of this project serves: one module per topic, listed here once. What the rest of
// the system knows about topics is derived from this list: the worker runtime's subscriptions and the variables each
// loads, the lint's "topic has a worker" rule, the departments' names, and the element templates the modeler offers.
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { DepartmentCallbacks } from '../tax-handover/department-callbacks.ts';
import { checkRegistrationTopic } from './check-registration.ts';
import type { ElementTemplate } from './element-templates/load-element-templates.ts';
import { computeDueDateTopic } from './compute-due-date.ts';
import { evaluateOverQuotaRewardsTopic } from './evaluate-over-quota-rewards.ts';
import { computeReminderDateTopic } from './compute-reminder-date.ts';
import { countEmployeesTopic } from './count-employees.ts';
import { issueCertificateTopic } from './issue-certificate.ts';
import { notifyTopic } from './notify.ts';
import { prepareAnnualReportTopic } from './prepare-annual-report.ts';
import { pullRegistrarChangesTopic } from './pull-registrar-changes.ts';
import { pushToTaxTopic } from './push-to-tax.ts';
import { recordAnnualReportReviewTopic } from './record-annual-report-review.ts';
import { recordDisputeTopic } from './record-dispute.ts';
import { recordRewardApprovalTopic } from './record-reward-approval.ts';
import { recordRewardConfirmationTopic } from './record-reward-confirmation.ts';
import { recordFilingStatusTopic } from './record-filing-status.ts';
import { recordManualDecisionTopic } from './record-manual-decision.ts';
import { remindExpiringCertificatesTopic } from './remind-expiring-certificates.ts';
import { remindUnfiledUnitsTopic } from './remind-unfiled-units.ts';
import { renderAnnualReportTopic } from './render-annual-report.ts';
import { reportToNationalPlatformTopic } from './report-to-national-platform.ts';
import { fetchLevyCollectionsTopic } from './fetch-levy-collections.ts';
import { shareEmploymentWithMarketRegulationTopic } from './share-employment-with-market-regulation.ts';
import type { WorkerDefinition, WorkerRuntimeOptions } from './runtime/worker-runtime.ts';
import { selectDisputedEmployeeTopic } from './select-disputed-employee.ts';
import { selectRewardCountyTopic } from './select-reward-county.ts';
import { startAnnualReportsTopic } from './start-annual-reports.ts';
import { startOverQuotaRewardsTopic } from './start-over-quota-rewards.ts';
import { transferToNationalPlatformTopic } from './transfer-to-national-platform.ts';
import { verifyDisabilityCertificatesTopic } from './verify-disability-certificates.ts';
import { verifyMedicalTopic } from './verify-medical.ts';
import { verifyPensionTopic } from './verify-pension.ts';
import { verifyVeteranCertificatesTopic } from './verify-veteran-certificates.ts';
import { verifyWagesTopic } from './verify-wages.ts';

/** Every topic module, in the order the modeler's template chooser lists them: the department checks first, as the process runs. */
export const TOPIC_MODULES = [
  checkRegistrationTopic,
  verifyDisabilityCertificatesTopic,
  verifyVeteranCertificatesTopic,
  verifyPensionTopic,
  verifyMedicalTopic,
  verifyWagesTopic,
  countEmployeesTopic,
  recordFilingStatusTopic,
  recordDisputeTopic,
  selectDisputedEmployeeTopic,
  recordManualDecisionTopic,
  computeDueDateTopic,
  notifyTopic,
  issueCertificateTopic,
  pushToTaxTopic,
  transferToNationalPlatformTopic,
  reportToNationalPlatformTopic,
  remindUnfiledUnitsTopic,
  remindExpiringCertificatesTopic,
  // The cities' annual summary reports (processes/annual-report.bpmn, started by processes/annual-report-start.bpmn).
  startAnnualReportsTopic,
  prepareAnnualReportTopic,
  computeReminderDateTopic,
  renderAnnualReportTopic,
  recordAnnualReportReviewTopic,
  // Over-quota rewards (processes/over-quota-reward.bpmn, started by processes/over-quota-reward-start.bpmn).
  startOverQuotaRewardsTopic,
  evaluateOverQuotaRewardsTopic,
  selectRewardCountyTopic,
  recordRewardConfirmationTopic,
  recordRewardApprovalTopic,
  // The register of units kept current from the registrars' change feeds (processes/master-data-sync.bpmn).
  pullRegistrarChangesTopic,
  // The yearly share-back to market regulation and the levy collected (processes/employment-share-back.bpmn).
  fetchLevyCollectionsTopic,
  shareEmploymentWithMarketRegulationTopic,
] as const;

export type WorkerTopic = (typeof TOPIC_MODULES)[number]['topic'];

/** Diagrams may name only these topics (the lint rule `topic-has-worker` checks it). */
export const WORKER_TOPICS: readonly WorkerTopic[] = TOPIC_MODULES.map((module) => module.topic);

/** The element template of every topic, as the files hold them (Operaton attributes), for the modeler's chooser. */
export const ELEMENT_TEMPLATES: readonly ElementTemplate[] = TOPIC_MODULES.map((module) => module.template);

/** The runtime settings every worker process takes from the configuration. */
export function workerSettings(config: Config): Pick<WorkerRuntimeOptions, 'lockDurationMs' | 'maxTasks' | 'longPollMs' | 'retries' | 'retryBackoffMs' | 'stopGraceMs'> {
  return {
    lockDurationMs: config.workerLockMs,
    maxTasks: config.workerMaxTasks,
    longPollMs: config.workerLongPollMs,
    retries: config.workerRetries,
    retryBackoffMs: config.workerRetryBackoffMs,
    stopGraceMs: config.workerStopGraceMs,
  };
}

/**
 * One worker per topic, or only those named. Each loads only the variables its module reads: handlers check what
 * they get, so a name missing there shows as an invalid-variables error in the tests, never as a silent default.
 */
export function workerDefinitions(
  config: Config,
  db: Db,
  engine: EngineRest,
  topics: readonly WorkerTopic[] = WORKER_TOPICS,
  callbacks?: DepartmentCallbacks,
): WorkerDefinition[] {
  const wiring = { config, db, engine, callbacks: callbacks ?? new DepartmentCallbacks(config) };
  return topics.map((topic) => {
    const module = TOPIC_MODULES.find((m) => m.topic === topic)!;
    return { topic, handler: module.handler(wiring), variables: module.variables, ...(module.department ? { department: module.department.name } : {}) };
  });
}
