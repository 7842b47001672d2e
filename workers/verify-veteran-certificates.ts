// Job type `verify-veteran-certificates`: looks up every declared disabled-veteran and disabled-police certificate
// at veterans affairs in one batch and records, per employee, what the department says. The counting rules
// decide from these facts (whether a kind or grade counts is policy, not this worker's business).
import type { VeteransClient } from '../connectors/veterans/client.ts';
import type { CertificateKind, VeteranCertificate } from '../connectors/veterans/schema.ts';
import type { Employee } from '../filings/declaration/filing.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, filingIdSchema, filingOf, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import type { VeteranCertificateFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-veteran-certificates';

export interface VerifyVeteranCertificatesVariables {
  filingId: string;
}

export interface VerifyVeteranCertificatesResult {
  veteranCertificates: VeteranCertificateFacts[];
}

export interface VerifyVeteranCertificatesDeps {
  db: Db;
  client: Pick<VeteransClient, 'queryCertificates'>;
}

// The process carries many more variables; personal numbers are not among them, they stay in the database.
const checkVariables = compileSchema<VerifyVeteranCertificatesVariables>({
  type: 'object',
  required: ['filingId'],
  properties: { filingId: filingIdSchema },
});

// Registers and declarations differ in width, spaces and the middle dot of minority names (阿依·买买提 / 阿依•买买提).
function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[·•・‧∙]/g, '·');
}

const isVeteranOrPolice = (employee: Employee) => employee.certType === 'veteran' || employee.certType === 'police';

function factsFor(index: number, employee: Employee, record: VeteranCertificate | undefined): VeteranCertificateFacts {
  if (!record) {
    return { index, found: false, nameMatches: null, idMatches: null, kindMatches: null, kind: null, grade: null, validFrom: null, validUntil: null };
  }
  return {
    index,
    found: true,
    nameMatches: normalizeName(record.name) === normalizeName(employee.name),
    idMatches: record.idNumber.toUpperCase() === employee.idNumber.toUpperCase(),
    kindMatches: record.kind === employee.certType,
    kind: record.kind,
    grade: record.grade,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
  };
}

export function createVerifyVeteranCertificatesHandler(
  deps: VerifyVeteranCertificatesDeps,
): JobHandler<VerifyVeteranCertificatesVariables, VerifyVeteranCertificatesResult> {
  return departmentJob(JOB_TYPE, async (job) => {
    const { filingId } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const filing = await filingOf(deps.db, JOB_TYPE, filingId);

    const declared = filing.declaration.employees
      .map((employee, index) => ({ employee, index }))
      .filter(({ employee }) => isVeteranOrPolice(employee));
    if (declared.length === 0) return complete({ veteranCertificates: [] });

    // Keyed by filing, not job: a retried or redelivered job is the same question to the department.
    const records = await deps.client.queryCertificates(
      declared.map(({ employee }) => employee.certNumber),
      `${filingId}:${JOB_TYPE}`,
    );

    const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
    return complete({
      veteranCertificates: declared.map(({ employee, index }) => factsFor(index, employee, byCertNumber.get(employee.certNumber))),
    });
  });
}
