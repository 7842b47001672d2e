// Every job handler, wired to its department client and the database: the worker runtime subscribes each one to
// its topic. A topic in workers/topics.ts without a handler here fails to type-check.
import { createDpfClient } from '../connectors/dpf/client.ts';
import { createPensionClient } from '../connectors/hrss/client.ts';
import { createMedicalClient } from '../connectors/medical/client.ts';
import { createNationalPlatformClient } from '../connectors/national-platform/client.ts';
import { createRegistrationClient } from '../connectors/registration/client.ts';
import { createTaxClient } from '../connectors/tax/client.ts';
import { createVeteransClient } from '../connectors/veterans/client.ts';
import { createWagesClient } from '../connectors/wages/client.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { recordProvisionalDeadline } from '../calendar/provisional-deadlines.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { EngineRest } from '../platform/engine-rest.ts';
import { deployedDecisions } from '../dmn-evaluator/deployed-decisions.ts';
import { recordRegistration } from '../filings/filing-store.ts';
import { DepartmentCallbacks } from '../tax-handover/department-callbacks.ts';
import { createCheckRegistrationHandler, storedEmployerOf } from './check-registration.ts';
import { createComputeDueDateHandler } from './compute-due-date.ts';
import { createCountEmployeesHandler } from './count-employees.ts';
import { createIssueCertificateHandler } from './issue-certificate.ts';
import { storingEvidence } from './store-evidence.ts';
import type { JobHandler } from './job-outcome.ts';
import { createNotifyHandler } from './notify.ts';
import { createPushToTaxHandler } from './push-to-tax.ts';
import { createRecordFilingStatusHandler } from './record-filing-status.ts';
import { createReportToNationalPlatformHandler } from './report-to-national-platform.ts';
import { createTransferToNationalPlatformHandler } from './transfer-to-national-platform.ts';
import { createRecordDisputeHandler } from './record-dispute.ts';
import { createRecordManualDecisionHandler } from './record-manual-decision.ts';
import { createRemindUnfiledUnitsHandler } from './remind-unfiled-units.ts';
import { createSelectDisputedEmployeeHandler } from './select-disputed-employee.ts';
import type { WorkerDefinition, WorkerRuntimeOptions } from './runtime/worker-runtime.ts';
import { WORKER_TOPICS, type WorkerTopic } from './topics.ts';
import { createVerifyDisabilityCertificatesHandler } from './verify-disability-certificates.ts';
import { createVerifyMedicalHandler } from './verify-medical.ts';
import { createVerifyPensionHandler } from './verify-pension.ts';
import { createVerifyVeteranCertificatesHandler } from './verify-veteran-certificates.ts';
import { createVerifyWagesHandler } from './verify-wages.ts';

type AnyHandler = JobHandler<unknown, object>;

/** `callbacks`: where departments send later answers; the running system's own, or one from the configuration alone. */
export function createHandlers(config: Config, db: Db, engine: EngineRest, callbacks = new DepartmentCallbacks(config)): Record<WorkerTopic, AnyHandler> {
  return {
    // The registrar's answer is evidence; `employerFindings` also goes to the process, whose history notes it.
    'check-registration': storingEvidence(
      db,
      'registration',
      createCheckRegistrationHandler(createRegistrationClient(config), storedEmployerOf(db), (uscc, registration) => recordRegistration(db, uscc, registration)),
      ['employerFindings'],
    ),
    'verify-disability-certificates': storingEvidence(db, 'dpf-certificates', createVerifyDisabilityCertificatesHandler({ db, client: createDpfClient(config) })),
    'verify-veteran-certificates': storingEvidence(db, 'veteran-certificates', createVerifyVeteranCertificatesHandler({ db, client: createVeteransClient(config) })),
    'verify-pension': storingEvidence(db, 'pension', createVerifyPensionHandler({ db, client: createPensionClient(config) })),
    'verify-medical': storingEvidence(db, 'medical', createVerifyMedicalHandler({ db, client: createMedicalClient(config) })),
    'verify-wages': storingEvidence(db, 'wages', createVerifyWagesHandler({ db, client: createWagesClient(config) })),
    'count-employees': createCountEmployeesHandler({ db, decisions: deployedDecisions(engine) }),
    'push-to-tax': createPushToTaxHandler({ db, client: createTaxClient(config), callbacks }),
    'transfer-to-national-platform': createTransferToNationalPlatformHandler({ db, client: createNationalPlatformClient(config) }),
    'report-to-national-platform': createReportToNationalPlatformHandler({ db, client: createNationalPlatformClient(config) }),
    'compute-due-date': createComputeDueDateHandler(() => loadCalendar(db), (deadline) => recordProvisionalDeadline(db, deadline)),
    'record-filing-status': createRecordFilingStatusHandler(db),
    'record-dispute': createRecordDisputeHandler(db),
    'select-disputed-employee': createSelectDisputedEmployeeHandler(),
    'record-manual-decision': createRecordManualDecisionHandler(db),
    'issue-certificate': createIssueCertificateHandler(db),
    notify: createNotifyHandler(db),
    'remind-unfiled-units': createRemindUnfiledUnitsHandler({ db }),
  };
}

/** The runtime settings every worker process takes from the configuration. */
export function workerSettings(config: Config): Pick<WorkerRuntimeOptions, 'lockDurationMs' | 'maxTasks' | 'longPollMs' | 'retries' | 'retryBackoffMs'> {
  return {
    lockDurationMs: config.workerLockMs,
    maxTasks: config.workerMaxTasks,
    longPollMs: config.workerLongPollMs,
    retries: config.workerRetries,
    retryBackoffMs: config.workerRetryBackoffMs,
  };
}

/**
 * The process variables each handler reads: the engine loads only these for its tasks. Handlers check what they
 * get, so a name missing here shows as an invalid-variables error in the tests, never as a silent default.
 */
const VARIABLES_READ: Record<WorkerTopic, readonly string[]> = {
  'check-registration': ['filingId'],
  'verify-disability-certificates': ['filingId'],
  'verify-veteran-certificates': ['filingId'],
  'verify-pension': ['filingId'],
  'verify-medical': ['filingId'],
  'verify-wages': ['filingId'],
  'count-employees': ['filingId', 'countingDecision', 'weightDecision', 'levyDecision'],
  'push-to-tax': ['filingId', 'certifiedCount', 'requiredCount', 'taxPushRound'],
  'transfer-to-national-platform': ['filingId'],
  'report-to-national-platform': ['filingId', 'certifiedCount', 'certificateCode'],
  'compute-due-date': ['workingDays', 'from', 'remindBefore'],
  'record-filing-status': ['filingId', 'status', 'step', 'actor', 'note'],
  'record-dispute': ['filingId', 'disputedEmployees', 'disputeReason', 'confirmResultCompletedBy'],
  'select-disputed-employee': ['disputedEmployees', 'position'],
  'record-manual-decision': ['filingId', 'employeeNumber', 'manualDecision', 'countedMonths', 'manualReason', 'reviewEmployeeCompletedBy'],
  'issue-certificate': ['filingId', 'confirmResultCompletedBy'],
  notify: ['filingId', 'recipientGroup', 'kind', 'title', 'message', 'dueAt'],
  // Its one setting is an extension property; it reads no process variable.
  'remind-unfiled-units': [],
};

/** One worker per topic, or only those named. */
export function workerDefinitions(
  config: Config,
  db: Db,
  engine: EngineRest,
  topics: readonly WorkerTopic[] = WORKER_TOPICS,
  callbacks?: DepartmentCallbacks,
): WorkerDefinition[] {
  const handlers = createHandlers(config, db, engine, callbacks);
  return topics.map((topic) => ({ topic, handler: handlers[topic], variables: VARIABLES_READ[topic] }));
}
