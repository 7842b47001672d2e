// Turns a validation issue (path + code + params) into the sentence a person reads: Simplified Chinese by
// default, English when the client asks for it. Field names follow the declaration form (附件1 §二).
import type { FieldIssue } from '../../platform/schema.ts';

export type Locale = 'zh' | 'en';

const fieldLabels: Record<string, [zh: string, en: string]> = {
  year: ['申报年度', 'review year'],
  channel: ['申报渠道', 'channel'],
  receivingRegionCode: ['受理地行政区', 'receiving office region'],
  employer: ['用人单位信息', 'employer'],
  uscc: ['统一社会信用代码', 'unified social credit code'],
  name: ['名称', 'name'],
  unitNature: ['单位性质', 'unit nature'],
  economicType: ['经济性质', 'economic type'],
  industryCode: ['行业类别', 'industry code'],
  regionCode: ['单位所属行政区', 'region code'],
  dpfAuthority: ['残联主管部门', 'DPF authority'],
  taxAuthority: ['税务主管部门', 'tax authority'],
  legalRepName: ['法人姓名', 'legal representative'],
  legalRepIdNumber: ['法人身份证号', "legal representative's ID number"],
  legalRepPhone: ['法人电话', "legal representative's phone"],
  handlerName: ['经办人姓名', 'handler'],
  handlerPhone: ['经办人电话', "handler's phone"],
  levyPaymentType: ['残保金缴纳类型', 'levy payment type'],
  registeredAddress: ['注册地址', 'registered address'],
  businessAddress: ['经营地址', 'business address'],
  averageStaffCount: ['上年在职职工年平均人数', 'average staff count'],
  averageAnnualWage: ['上年在职职工年平均工资', 'average annual wage'],
  employees: ['残疾职工名单', 'employees'],
  idNumber: ['身份证号', 'ID number'],
  hukouRegionCode: ['户籍所在地', 'hukou region'],
  certType: ['证件类型', 'certificate type'],
  certNumber: ['证号', 'certificate number'],
  disabilityCategory: ['残疾类别', 'disability category'],
  disabilityGrade: ['残疾等级', 'disability grade'],
  education: ['文化程度', 'education'],
  phone: ['联系电话', 'phone'],
  jobPost: ['就业岗位', 'job post'],
  annualWage: ['实际支付工资', 'annual wage'],
  employmentType: ['用工性质', 'employment type'],
  contractStart: ['劳动合同起始日期', 'contract start'],
  contractEnd: ['劳动合同终止日期', 'contract end'],
  employedFrom: ['在岗起始日期', 'employed from'],
  employedTo: ['在岗终止日期', 'employed to'],
  socialInsurance: ['参保信息', 'social insurance'],
  contributions: ['上年度缴费信息', 'contributions'],
  commitment: ['申报资料真实性承诺书', 'commitment letter'],
  signer: ['承诺人', 'signer'],
  signedAt: ['承诺日期', 'signing date'],
  accepted: ['承诺确认', 'acceptance'],
  materials: ['承诺材料', 'materials'],
};

/** "第 3 名残疾职工的身份证号" / "employee 3's ID number" from "/employees/2/idNumber". */
export function fieldLabel(path: string, locale: Locale): string {
  const parts = path.split('/').filter(Boolean);
  const i = locale === 'zh' ? 0 : 1;
  const label = (key: string) => fieldLabels[key]?.[i] ?? key;
  if (parts.length === 0) return locale === 'zh' ? '申报内容' : 'the declaration';
  if (parts[0] === 'employees' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const n = Number(parts[1]) + 1;
    const rest = parts.slice(2).map(label);
    if (locale === 'zh') return `第 ${n} 名残疾职工${rest.length ? '的' + rest.join('·') : ''}`;
    return `employee ${n}${rest.length ? "'s " + rest.join(' ') : ''}`;
  }
  const last = parts[parts.length - 1] as string;
  if (parts[0] === 'employer' && parts.length > 1) {
    return locale === 'zh' ? `用人单位${label(last)}` : `employer ${label(last)}`;
  }
  if (parts[0] === 'commitment' && parts.length > 1) return label(last);
  return label(last);
}

type Template = (field: string, p: Record<string, unknown>) => string;

const templates: Record<string, [zh: Template, en: Template]> = {
  REQUIRED: [(f) => `请填写${f}`, (f) => `${f} is required`],
  UNKNOWN_FIELD: [(f) => `${f}不是申报表中的字段`, (f) => `${f} is not a field of the declaration`],
  FORMAT: [
    (f, p) => (Array.isArray(p.allowedValues) ? `${f}只能是：${p.allowedValues.join('、')}` : `${f}格式不正确`),
    (f, p) => (Array.isArray(p.allowedValues) ? `${f} must be one of ${p.allowedValues.join(', ')}` : `${f} has a wrong format`),
  ],
  ITEM_COUNT: [(f) => `${f}至少要有一条记录`, (f) => `${f} must have at least one entry`],
  USCC_CHECKSUM: [(f) => `${f}校验位不正确，请核对`, (f) => `${f}: check character is wrong`],
  ID_CHECKSUM: [(f) => `${f}校验位不正确，请核对`, (f) => `${f}: check digit is wrong`],
  ID_BIRTHDATE: [(f) => `${f}中的出生日期无效`, (f) => `${f}: the birth date in it is not a real date`],
  CERT_NUMBER_MISMATCH: [
    (f) => `${f}与身份证号、残疾类别或等级不一致（第二代残疾人证号 = 身份证号 + 类别 + 等级）`,
    (f) => `${f} does not agree with the ID number, category or grade (ID number + category + grade)`,
  ],
  CATEGORY_RANGE: [(f, p) => `${f}应为 ${p.min}–${p.max}`, (f, p) => `${f} must be from ${p.min} to ${p.max}`],
  GRADE_RANGE: [(f, p) => `${f}应为 ${p.min}–${p.max} 级`, (f, p) => `${f} must be from ${p.min} to ${p.max}`],
  DATE_ORDER: [(f) => `${f}不能早于起始日期`, (f) => `${f} is before the start date`],
  DATE_OUTSIDE_YEAR: [(f, p) => `${f}应在申报年度 ${p.year} 年内`, (f, p) => `${f} must fall in the review year ${p.year}`],
  YEAR_RANGE: [
    (f, p) => (p.from === p.to ? `${f}只能是 ${p.from} 年` : `${f}应在 ${p.from}–${p.to} 年之间`),
    (f, p) => (p.from === p.to ? `${f} must be ${p.from}` : `${f} must be from ${p.from} to ${p.to}`),
  ],
  REGION_UNKNOWN: [(f) => `${f}不是有效的行政区划代码`, (f) => `${f} is not a known region code`],
  PHONE_FORMAT: [
    (f) => `${f}应为 11 位手机号或带区号的固定电话（如 0571-85781153）`,
    (f) => `${f} must be a mobile number or a fixed line with area code (0571-85781153)`,
  ],
  COMMITMENT_MISSING: [(f) => `请阅读并确认${f}`, (f) => `the ${f} must be accepted`],
  TOO_MANY_EMPLOYEES: [
    (f, p) => `${f}最多 ${p.max} 人，本次申报 ${p.count} 人`,
    (f, p) => `${f}: at most ${p.max}, got ${p.count}`,
  ],
};

export function messageFor(issue: FieldIssue, locale: Locale): string {
  const field = fieldLabel(issue.path, locale);
  const template = templates[issue.code];
  if (!template) return locale === 'zh' ? `${field}有误（${issue.code}）` : `${field}: ${issue.code}`;
  return template[locale === 'zh' ? 0 : 1](field, issue.params ?? {});
}

/** Picks English only when the client prefers it; Chinese is the default for everyone else. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
