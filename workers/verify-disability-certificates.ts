// Job type `verify-disability-certificates`: looks up every declared disability certificate in the DPF register
// in one batch and records, per employee, what the register says. The counting rules decide from these facts.
import type { DpfClient } from '../connectors/dpf/client.ts';
import type { CertificateStatus, DpfCertificate } from '../connectors/dpf/schema.ts';
import type { Employee } from '../domain/filing/filing.ts';
import { DepartmentBadAnswer, DepartmentRejected, DepartmentUnavailable } from '../platform/department-http.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { findFiling, type StoredFiling } from '../server/filings/filing-store.ts';
import { bpmnError, complete, fail, type JobHandler } from './job-outcome.ts';

export const JOB_TYPE = 'verify-disability-certificates';

export interface VerifyDisabilityCertificatesVariables {
  filingId: string;
}

/** What the register says about one declared employee; every field but index and found is null when not found. */
export interface DisabilityCertificateFacts {
  /** Position in the declaration's `employees`. */
  index: number;
  found: boolean;
  nameMatches: boolean | null;
  idMatches: boolean | null;
  category: number | null;
  grade: number | null;
  validFrom: string | null;
  validUntil: string | null;
  status: CertificateStatus | null;
}

export interface VerifyDisabilityCertificatesResult {
  dpfCertificates: DisabilityCertificateFacts[];
}

export interface VerifyDisabilityCertificatesDeps {
  db: Db;
  client: Pick<DpfClient, 'queryCertificates'>;
}

// The process carries many more variables; personal numbers are not among them, they stay in the database.
const checkVariables = compileSchema<VerifyDisabilityCertificatesVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: { type: 'string', minLength: 1, maxLength: 100 } },
});

// Filing ids are uuids; anything else names no filing, and PostgreSQL would throw on it instead of finding none.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Registers and declarations differ in width, spaces and the middle dot of minority names (阿依·买买提 / 阿依•买买提).
function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[·•・‧∙]/g, '·');
}

function factsFor(index: number, employee: Employee, record: DpfCertificate | undefined): DisabilityCertificateFacts {
  if (!record) {
    return { index, found: false, nameMatches: null, idMatches: null, category: null, grade: null, validFrom: null, validUntil: null, status: null };
  }
  return {
    index,
    found: true,
    nameMatches: normalizeName(record.name) === normalizeName(employee.name),
    idMatches: record.idNumber.toUpperCase() === employee.idNumber.toUpperCase(),
    category: record.category,
    grade: record.grade,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    status: record.status,
  };
}

export function createVerifyDisabilityCertificatesHandler(
  deps: VerifyDisabilityCertificatesDeps,
): JobHandler<VerifyDisabilityCertificatesVariables, VerifyDisabilityCertificatesResult> {
  return async (job) => {
    const checked = checkVariables(job.variables);
    if (!checked.ok) {
      const list = checked.issues.map((i) => `${i.path} ${i.code}`).join('; ');
      return bpmnError('INVALID_VARIABLES', `${JOB_TYPE}: invalid job variables: ${list}`);
    }
    const { filingId } = checked.value;

    let filing: StoredFiling | undefined;
    try {
      filing = UUID.test(filingId) ? await findFiling(deps.db, filingId) : undefined;
    } catch (error) {
      return fail(`${JOB_TYPE}: cannot read filing ${filingId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!filing) return bpmnError('FILING_NOT_FOUND', `${JOB_TYPE}: no filing ${filingId}`);

    const declared = filing.declaration.employees
      .map((employee, index) => ({ employee, index }))
      .filter(({ employee }) => employee.certType === 'disability');
    if (declared.length === 0) return complete({ dpfCertificates: [] });

    let records: DpfCertificate[];
    try {
      // Keyed by filing, not job: a retried or redelivered job is the same question to the register.
      records = await deps.client.queryCertificates(
        declared.map(({ employee }) => employee.certNumber),
        `${filingId}:${JOB_TYPE}`,
      );
    } catch (error) {
      // Unavailable: worth retrying later. Rejected: our request is wrong; an incident shows it to an operator.
      if (error instanceof DepartmentUnavailable || error instanceof DepartmentRejected) return fail(error.message);
      if (error instanceof DepartmentBadAnswer) return bpmnError('DEPARTMENT_BAD_DATA', error.message);
      return fail(`${JOB_TYPE}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }

    const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
    return complete({
      dpfCertificates: declared.map(({ employee, index }) => factsFor(index, employee, byCertNumber.get(employee.certNumber))),
    });
  };
}
