// Job type `verify-disability-certificates`: looks up every declared disability certificate in the DPF register
// in one batch and records, per employee, what the register says. The counting rules decide from these facts.
import { createDpfClient, type DpfClient } from '../connectors/dpf/client.ts';
import template from '../connectors/dpf/element-template.json' with { type: 'json' };
import type { CertificateStatus, DpfCertificate } from '../connectors/dpf/schema.ts';
import type { Employee } from '../filings/declaration/filing.ts';
import type { Db } from '../platform/db.ts';
import { filingCheckTopic, filingJob, type FilingJobVariables } from './filing-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import type { Department } from './topic-module.ts';
import type { DisabilityCertificateFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-disability-certificates';

const DEPARTMENT: Department = { name: '残联（残疾人证）', service: '残联残疾人证登记库', reviewCheck: true };

export interface VerifyDisabilityCertificatesResult {
  dpfCertificates: DisabilityCertificateFacts[];
}

export interface VerifyDisabilityCertificatesDeps {
  db: Db;
  client: Pick<DpfClient, 'queryCertificates'>;
}

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
): JobHandler<FilingJobVariables, VerifyDisabilityCertificatesResult> {
  return filingJob({ topic: JOB_TYPE, department: DEPARTMENT }, deps.db, async ({ filing, idempotencyKey }) => {
    const declared = filing.declaration.employees
      .map((employee, index) => ({ employee, index }))
      .filter(({ employee }) => employee.certType === 'disability');
    if (declared.length === 0) return complete({ dpfCertificates: [] });

    const records = await deps.client.queryCertificates(
      declared.map(({ employee }) => employee.certNumber),
      idempotencyKey,
    );

    const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
    return complete({
      dpfCertificates: declared.map(({ employee, index }) => factsFor(index, employee, byCertNumber.get(employee.certNumber))),
    });
  });
}

export const verifyDisabilityCertificatesTopic = filingCheckTopic({
  topic: JOB_TYPE,
  department: DEPARTMENT,
  template,
  evidence: 'dpf-certificates',
  client: createDpfClient,
  handler: createVerifyDisabilityCertificatesHandler,
});
