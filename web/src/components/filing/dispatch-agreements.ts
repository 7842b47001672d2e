// 劳务派遣协议 by agency: a filing's dispatched workers grouped by the agency they name, with the agreements uploaded
// for that agency (a `dispatch_agreement` document names one of its workers and covers them all). An agreement is
// expected wherever the filing counts one of the agency's workers in this unit (财税〔2015〕72号 art. 8).
import type { Employee, StoredDocument } from '../../lib/filing-types.ts';

export interface AgencyAgreement {
  agencyUscc: string;
  workers: { index: number; name: string; countedHere: boolean | undefined }[];
  /** Some worker of the agency is counted here: the agreement that says so belongs to the filing. */
  expected: boolean;
  documents: StoredDocument[];
}

type Declared = Pick<Employee, 'name' | 'employmentType' | 'dispatchAgencyUscc' | 'dispatchCountedHere'>;

export function dispatchAgreements(employees: readonly Declared[], documents: readonly StoredDocument[]): AgencyAgreement[] {
  const byAgency = new Map<string, AgencyAgreement>();
  employees.forEach((e, index) => {
    if (e.employmentType !== 'dispatch' || !e.dispatchAgencyUscc) return;
    const agency = byAgency.get(e.dispatchAgencyUscc) ?? { agencyUscc: e.dispatchAgencyUscc, workers: [], expected: false, documents: [] };
    agency.workers.push({ index, name: e.name, countedHere: e.dispatchCountedHere });
    agency.expected ||= e.dispatchCountedHere === true;
    byAgency.set(e.dispatchAgencyUscc, agency);
  });
  for (const doc of documents) {
    if (doc.kind !== 'dispatch_agreement' || doc.employeeIndex === null) continue;
    const agencyUscc = employees[doc.employeeIndex]?.dispatchAgencyUscc;
    if (agencyUscc) byAgency.get(agencyUscc)?.documents.push(doc);
  }
  return [...byAgency.values()];
}

/** Whether a list being declared counts a dispatched worker here: the pages then ask for the agreement. */
export function countsDispatchedHere(employees: readonly { employmentType?: unknown; dispatchCountedHere?: unknown }[]): boolean {
  return employees.some((e) => e.employmentType === 'dispatch' && e.dispatchCountedHere === true);
}

/** What the pages say about the agreement before and after filing. */
export const AGREEMENT_REQUEST =
  '名单中有按派遣协议约定计入本单位的劳务派遣人员：请在提交申报后，在申报详情的“劳务派遣协议”中上传派遣单位与用工单位签订的书面协议（窗口申报可提交纸质协议，由窗口扫描上传），供审核人员核对。';
