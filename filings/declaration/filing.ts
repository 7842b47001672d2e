// The declaration's types (docs/domain.md §4, docs/contracts.md §1); filing.schema.json is the authority they mirror.
import type { UnitNature } from '../../domain/identifiers/uscc.ts';

export type CertType = 'disability' | 'veteran' | 'police';
export type EmploymentType = 'contract' | 'establishment' | 'dispatch' | 'other';
/** 岗位类别: women in management or technical posts retire at 55 (under the 2025 reform, up to 58), others at 50. */
export type PostType = 'management_technical' | 'other';

export interface Employer {
  uscc: string;
  name: string;
  unitNature: UnitNature;
  economicType: string;
  industryCode: string;
  regionCode: string;
  dpfAuthority: string;
  taxAuthority: string;
  legalRepName: string;
  legalRepIdNumber: string;
  legalRepPhone: string;
  handlerName: string;
  handlerPhone: string;
  levyPaymentType: string;
  registeredAddress: string;
  businessAddress: string;
  averageStaffCount: number;
  averageAnnualWage: number;
}

export interface Employee {
  name: string;
  idNumber: string;
  hukouRegionCode: string;
  certType: CertType;
  certNumber: string;
  disabilityCategory?: number;
  disabilityGrade: number;
  education: string;
  phone: string;
  jobPost: string;
  annualWage: number;
  employmentType: EmploymentType;
  /** 岗位类别; absent means `other` (the default a policy switch may change, docs/review.md §Policy choices). */
  postType?: PostType;
  /**
   * 劳务派遣: the dispatch agency's USCC (required when employmentType is `dispatch`). The agency pays pension,
   * medical insurance and wages, so those are checked against it; when it equals the filing's own USCC, this filing
   * is the agency's.
   */
  dispatchAgencyUscc?: string;
  /** 劳务派遣: the written agreement between agency and host counts the person in THIS filing's unit (财税〔2015〕72号 art. 8). */
  dispatchCountedHere?: boolean;
  contractStart?: string;
  contractEnd?: string;
  employedFrom: string;
  employedTo: string;
  /** 参保信息: the paper form's text as declared ("养老、医疗"), or structured. The review judges from the departments. */
  socialInsurance?: string | { pension?: boolean; medical?: boolean; insuredRegionCode?: string };
  /** 上年度缴费信息: the paper form's text as declared ("12个月"), or structured. */
  contributions?: string | { pensionMonths?: number; medicalMonths?: number; pensionAmount?: number; medicalAmount?: number };
}

export interface Filing {
  year: number;
  channel: 'online' | 'window';
  receivingRegionCode?: string;
  /** Window filings: whether the clerk found the paper materials complete on the spot, and what is missing if not. */
  windowIntake?: { materialsComplete: boolean; missingMaterials?: string };
  employer: Employer;
  employees: Employee[];
  commitment: { signer: string; signedAt: string; accepted: boolean; materials?: string[] };
}
