// The columns of the disabled-employee table (附件1 §二(二)): each field, its heading, width and whether it is required.
import type { EmployeeField } from './employee-rows.ts';

export interface ColumnSpec {
  field: EmployeeField;
  title: string;
  width: number;
  required?: boolean;
}

export const EMPLOYEE_COLUMNS: ColumnSpec[] = [
  { field: 'name', title: '姓名', width: 110, required: true },
  { field: 'idNumber', title: '身份证号', width: 200, required: true },
  { field: 'hukouRegionCode', title: '户籍所在地代码', width: 130, required: true },
  { field: 'certType', title: '证件类型', width: 150, required: true },
  { field: 'certNumber', title: '证号', width: 230, required: true },
  { field: 'disabilityCategory', title: '残疾类别', width: 120 },
  { field: 'disabilityGrade', title: '残疾等级', width: 100, required: true },
  { field: 'education', title: '文化程度', width: 140, required: true },
  { field: 'phone', title: '联系电话', width: 160, required: true },
  { field: 'jobPost', title: '就业岗位', width: 130, required: true },
  { field: 'postType', title: '岗位类别', width: 150 },
  { field: 'annualWage', title: '实际支付工资（元）', width: 150, required: true },
  { field: 'employmentType', title: '用工性质', width: 120, required: true },
  { field: 'dispatchAgencyUscc', title: '派遣单位统一社会信用代码', width: 200 },
  { field: 'dispatchCountedHere', title: '派遣协议约定计入本单位', width: 170 },
  { field: 'contractStart', title: '劳动合同起始日期', width: 150 },
  { field: 'contractEnd', title: '劳动合同终止日期', width: 150 },
  { field: 'employedFrom', title: '在岗起始日期', width: 150, required: true },
  { field: 'employedTo', title: '在岗终止日期', width: 150, required: true },
  { field: 'socialInsurance', title: '参保信息', width: 150 },
  { field: 'contributions', title: '上年度缴费信息', width: 150 },
];
