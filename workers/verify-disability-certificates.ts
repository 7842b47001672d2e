// Job type `verify-disability-certificates`: looks up every declared disability certificate in the DPF register
// in one batch and records, per employee, what the register says. The counting rules decide from these facts.
import type { DpfClient } from '../connectors/dpf/client.ts';
import type { CertificateStatus, DpfCertificate } from '../connectors/dpf/schema.ts';
import type { Employee } from '../filings/declaration/filing.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import type { DisabilityCertificateFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-disability-certificates';

export interface VerifyDisabilityCertificatesVariables {
  filingId: string;
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
  properties: { filingId: filingIdSchema },
});

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
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);

    const declared = filing.declaration.employees
      .map((employee, index) => ({ employee, index }))
      .filter(({ employee }) => employee.certType === 'disability');
    if (declared.length === 0) return complete({ dpfCertificates: [] });

    // Keyed by filing, not job: a retried or redelivered job is the same question to the register.
    const records = await deps.client.queryCertificates(
      declared.map(({ employee }) => employee.certNumber),
      `${filingId}:${JOB_TYPE}`,
    );

    const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
    return complete({
      dpfCertificates: declared.map(({ employee, index }) => factsFor(index, employee, byCertNumber.get(employee.certNumber))),
    });
  });
}
