// Every external-task topic a worker of this project serves. Diagrams may name only these (the lint rule
// `topic-has-worker` checks it); the worker runtime subscribes one handler to each.
export const WORKER_TOPICS = [
  'check-registration',
  'verify-disability-certificates',
  'verify-veteran-certificates',
  'verify-pension',
  'verify-medical',
  'verify-wages',
  'count-employees',
  'push-to-tax',
  'transfer-to-national-platform',
  'report-to-national-platform',
  'compute-due-date',
  'record-filing-status',
  'record-dispute',
  'select-disputed-employee',
  'record-manual-decision',
  'issue-certificate',
  'notify',
  'remind-unfiled-units',
] as const;

export type WorkerTopic = (typeof WORKER_TOPICS)[number];
