// Job type `check-registration`: asks the department that registered the employer whether the unit exists
// and is in good standing, and turns the answer into employer findings (docs/contracts.md §2). The unit is the one
// the stored filing names: the process passes only the filing's id.
import { createRegistrationClient, type RegistrationClient } from '../connectors/registration/client.ts';
import template from '../connectors/registration/element-template.json' with { type: 'json' };
import { USCC_PATTERN, type Registrar, type RegistrationStatus } from '../connectors/registration/schema.ts';
import { checkUscc, registrarOf } from '../domain/identifiers/uscc.ts';
import { compileSchema } from '../platform/schema.ts';
import type { Db } from '../platform/db.ts';
import { recordRegistration } from '../filings/filing-store.ts';
import { departmentJob, filingOf, invalidVariables, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import { storingEvidence } from './store-evidence.ts';
import { topicModule, type Department } from './topic-module.ts';
import type { RegistrationCheck, RegistrationFinding, RegistrationFindingCode } from '../review/department-facts.ts';

export const JOB_TYPE = 'check-registration';

const DEPARTMENT: Department = { name: '市场监管（单位登记）', service: '单位登记管理部门（市场监管、民政、编办）', reviewCheck: true };

export interface CheckRegistrationVariables {
  filingId: string;
}

/** The unit as the filing declares it. */
export interface DeclaredEmployer {
  uscc: string;
  name: string;
  unitNature: string;
}

/** The employer of a stored filing; ends the job (FILING_NOT_FOUND) when there is no such filing. */
export type EmployerOf = (filingId: string) => Promise<DeclaredEmployer>;

export interface CheckRegistrationResult {
  registration: RegistrationCheck;
  /** The findings' codes, comma-separated ('' when none): what a diagram routes on or records. */
  employerFindings: string;
}

// The process carries many more variables; only this is this job's business.
const variablesSchema = {
  type: 'object',
  required: ['filingId'],
  properties: {
    filingId: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

const checkVariables = compileSchema<CheckRegistrationVariables>(variablesSchema);

// Registers and filings differ in full-width/half-width brackets and spaces (（有限公司） vs (有限公司)).
function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

const FINDING_BY_STATUS: Record<RegistrationStatus, RegistrationFindingCode | null> = {
  active: null,
  deregistered: 'EMPLOYER_DEREGISTERED',
  abnormal: 'EMPLOYER_ABNORMAL',
};

function result(registration: RegistrationCheck): CheckRegistrationResult {
  return { registration, employerFindings: registration.findings.map((f) => f.code).join(',') };
}

function notFound(registrar: Registrar | null): CheckRegistrationResult {
  return result({
    registrar,
    found: false,
    status: null,
    registeredName: null,
    nameMatches: null,
    findings: [{ code: 'EMPLOYER_NOT_FOUND', source: registrar }],
  });
}

/** Keeps what the registrar said as the unit's registered master data (idempotent). */
export type RegistrationRecorder = (uscc: string, registration: { registrar: Registrar; name: string | null; status: RegistrationStatus | null }) => Promise<void>;

export function createCheckRegistrationHandler(
  client: Pick<RegistrationClient, 'lookup'>,
  employerOf: EmployerOf,
  recordRegistration: RegistrationRecorder = async () => undefined,
): JobHandler<CheckRegistrationVariables, CheckRegistrationResult> {
  return departmentJob({ topic: JOB_TYPE, department: DEPARTMENT }, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const employer = await employerOf(filingId);
    // Stored filings passed the check digit; a record changed behind our back must not reach a department.
    if (!new RegExp(USCC_PATTERN).test(employer.uscc) || checkUscc(employer.uscc)) {
      invalidVariables(JOB_TYPE, [{ path: '/filingId', code: 'EMPLOYER_USCC_INVALID' }]);
    }
    // GB 32100: the first character names the registering authority (docs/domain.md §6).
    const registrar = registrarOf(employer.uscc);
    if (registrar === null) return complete(notFound(null));
    // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
    const record = await client.lookup(employer.uscc, registrar, `${filingId}:${JOB_TYPE}`);
    await recordRegistration(employer.uscc, { registrar, name: record?.name ?? null, status: record?.status ?? null });
    if (record === null) return complete(notFound(registrar));

    const finding = FINDING_BY_STATUS[record.status];
    return complete(
      result({
        registrar,
        found: true,
        status: record.status,
        registeredName: record.name,
        nameMatches: normalizeName(record.name) === normalizeName(employer.name),
        findings: finding === null ? [] : [{ code: finding, source: registrar }],
      }),
    );
  });
}

/** The employer of a filing stored in PostgreSQL: what the worker runtime gives the handler. */
export function storedEmployerOf(db: Db): EmployerOf {
  return async (filingId) => {
    const filing = await filingOf(db, JOB_TYPE, filingId);
    const { uscc, name, unitNature } = filing.declaration.employer;
    return { uscc, name, unitNature };
  };
}

// The registrar's answer is evidence; `employerFindings` also goes to the process, whose history notes it.
export const checkRegistrationTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['filingId'],
  department: DEPARTMENT,
  template,
  handler: ({ config, db }) =>
    storingEvidence(
      db,
      'registration',
      createCheckRegistrationHandler(createRegistrationClient(config), storedEmployerOf(db), (uscc, registration) => recordRegistration(db, uscc, registration)),
      ['employerFindings'],
    ),
});
