// Job type `check-registration`: asks the department that registered the employer whether the unit exists
// and is in good standing, and turns the answer into employer findings (CONTRACTS.md §2).
import type { RegistrationClient } from '../connectors/registration/client.ts';
import { USCC_PATTERN, type Registrar, type RegistrationStatus } from '../connectors/registration/schema.ts';
import { checkUscc, registrarOf } from '../domain/identifiers/uscc.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, invalidVariables, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';

export const JOB_TYPE = 'check-registration';

export interface CheckRegistrationVariables {
  filingId: string;
  employer: { uscc: string; name: string; unitNature: string };
}

export type RegistrationFindingCode = 'EMPLOYER_NOT_FOUND' | 'EMPLOYER_DEREGISTERED' | 'EMPLOYER_ABNORMAL';

export interface RegistrationFinding {
  code: RegistrationFindingCode;
  /** The registrar that answered; null when the USCC names no registrar we can ask. */
  source: Registrar | null;
}

export interface RegistrationCheck {
  registrar: Registrar | null;
  found: boolean;
  status: RegistrationStatus | null;
  registeredName: string | null;
  /** Null when there is no registered name to compare with. */
  nameMatches: boolean | null;
  findings: RegistrationFinding[];
}

export interface CheckRegistrationResult {
  registration: RegistrationCheck;
}

// The process carries many more variables; only these are this job's business.
const variablesSchema = {
  type: 'object',
  required: ['filingId', 'employer'],
  properties: {
    filingId: { type: 'string', minLength: 1, maxLength: 100 },
    employer: {
      type: 'object',
      required: ['uscc', 'name', 'unitNature'],
      properties: {
        uscc: { type: 'string', pattern: USCC_PATTERN },
        name: { type: 'string', minLength: 1 },
        unitNature: { type: 'string', minLength: 1 },
      },
    },
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

function notFound(registrar: Registrar | null): CheckRegistrationResult {
  return {
    registration: {
      registrar,
      found: false,
      status: null,
      registeredName: null,
      nameMatches: null,
      findings: [{ code: 'EMPLOYER_NOT_FOUND', source: registrar }],
    },
  };
}

export function createCheckRegistrationHandler(
  client: Pick<RegistrationClient, 'lookup'>,
): JobHandler<CheckRegistrationVariables, CheckRegistrationResult> {
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId, employer } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    // The schema checks the USCC's shape; the check digit needs the domain rule.
    const usccProblem = checkUscc(employer.uscc);
    if (usccProblem) invalidVariables(JOB_TYPE, [{ path: '/employer/uscc', code: usccProblem }]);
    // GB 32100: the first character names the registering authority (DOMAIN.md §6).
    const registrar = registrarOf(employer.uscc);
    if (registrar === null) return complete(notFound(null));
    // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
    const record = await client.lookup(employer.uscc, registrar, `${filingId}:${JOB_TYPE}`);
    if (record === null) return complete(notFound(registrar));

    const finding = FINDING_BY_STATUS[record.status];
    return complete({
      registration: {
        registrar,
        found: true,
        status: record.status,
        registeredName: record.name,
        nameMatches: normalizeName(record.name) === normalizeName(employer.name),
        findings: finding === null ? [] : [{ code: finding, source: registrar }],
      },
    });
  });
}

