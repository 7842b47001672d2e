// Job type `verify-veteran-certificates`: looks up every declared disabled-veteran and disabled-police certificate
// at veterans affairs in one batch and records, per employee, what the department says. The counting rules
// decide from these facts (whether a kind or grade counts is policy, not this worker's business).
import { createVeteransClient, type VeteransClient } from '../connectors/veterans/client.ts';
import template from '../connectors/veterans/element-template.json' with { type: 'json' };
import type { CertificateKind, VeteranCertificate } from '../connectors/veterans/schema.ts';
import type { Employee } from '../filings/declaration/filing.ts';
import type { Db } from '../platform/db.ts';
import { filingCheckTopic, filingJob, type FilingJobVariables } from './filing-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import type { Department } from './topic-module.ts';
import type { VeteranCertificateFacts } from '../review/department-facts.ts';

export const JOB_TYPE = 'verify-veteran-certificates';

const DEPARTMENT: Department = { name: '退役军人事务（残疾军人证）', service: '退役军人事务部门证件库', reviewCheck: true };

export interface VerifyVeteranCertificatesResult {
  veteranCertificates: VeteranCertificateFacts[];
}

export interface VerifyVeteranCertificatesDeps {
  db: Db;
  client: Pick<VeteransClient, 'queryCertificates'>;
}

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
): JobHandler<FilingJobVariables, VerifyVeteranCertificatesResult> {
  return filingJob({ topic: JOB_TYPE, department: DEPARTMENT }, deps.db, async ({ filing, idempotencyKey }) => {
    const declared = filing.declaration.employees
      .map((employee, index) => ({ employee, index }))
      .filter(({ employee }) => isVeteranOrPolice(employee));
    if (declared.length === 0) return complete({ veteranCertificates: [] });

    const records = await deps.client.queryCertificates(
      declared.map(({ employee }) => employee.certNumber),
      idempotencyKey,
    );

    const byCertNumber = new Map(records.map((record) => [record.certNumber, record]));
    return complete({
      veteranCertificates: declared.map(({ employee, index }) => factsFor(index, employee, byCertNumber.get(employee.certNumber))),
    });
  });
}

export const verifyVeteranCertificatesTopic = filingCheckTopic({
  topic: JOB_TYPE,
  department: DEPARTMENT,
  template,
  evidence: 'veteran-certificates',
  client: createVeteransClient,
  handler: createVerifyVeteranCertificatesHandler,
});
