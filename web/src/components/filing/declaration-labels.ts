// The Chinese names of the declaration's coded values (docs/contracts.md §1, the paper form of 附件1 §二), for selects
// and for reading a filing back.
import type { UnitNature } from '../../../../domain/identifiers/uscc.ts';

export interface Choice<V extends string | number = string> {
  value: V;
  label: string;
}

export const UNIT_NATURE_NAMES: Record<UnitNature, string> = {
  enterprise: '企业',
  individual_business: '个体工商户',
  farmer_cooperative: '农民专业合作社',
  government_agency: '机关',
  public_institution: '事业单位',
  social_organization: '社会团体',
  private_non_enterprise: '民办非企业单位',
  foundation: '基金会',
  other: '其他',
};

export const ECONOMIC_TYPES: Choice[] = [
  { value: 'state_owned', label: '国有' },
  { value: 'collective', label: '集体' },
  { value: 'private', label: '私营' },
  { value: 'joint_stock', label: '股份制' },
  { value: 'foreign', label: '外商投资' },
  { value: 'hk_macao_taiwan', label: '港澳台投资' },
  { value: 'other', label: '其他' },
];

export const CERT_TYPES: Choice[] = [
  { value: 'disability', label: '残疾人证' },
  { value: 'veteran', label: '残疾军人证' },
  { value: 'police', label: '伤残人民警察证' },
];

export const EDUCATION_LEVELS: Choice[] = [
  { value: 'none', label: '无' },
  { value: 'primary', label: '小学' },
  { value: 'junior_high', label: '初中' },
  { value: 'senior_high', label: '高中' },
  { value: 'vocational', label: '中专或职高' },
  { value: 'college', label: '大专' },
  { value: 'bachelor', label: '本科' },
  { value: 'postgraduate', label: '研究生及以上' },
];

export const EMPLOYMENT_TYPES: Choice[] = [
  { value: 'contract', label: '合同制' },
  { value: 'establishment', label: '在编' },
  { value: 'dispatch', label: '劳务派遣' },
  { value: 'other', label: '其他' },
];

/** 岗位类别: women in management or technical posts retire later; not chosen is 其他岗位. */
export const POST_TYPES: Choice[] = [
  { value: 'management_technical', label: '管理或技术岗位' },
  { value: 'other', label: '其他岗位' },
];

/** 劳务派遣: which unit the written agreement between agency and host counts the person in (财税〔2015〕72号 第八条). */
export const DISPATCH_AGREEMENT_CHOICES: Choice[] = [
  { value: 'here', label: '是，计入本单位' },
  { value: 'elsewhere', label: '否，计入对方单位' },
];

/** 用工性质 as read back: for a dispatched worker with the agency and where the agreement counts the person. */
export function employmentTypeText(e: { employmentType?: string; dispatchAgencyUscc?: string; dispatchCountedHere?: boolean }): string {
  const type = labelOf(EMPLOYMENT_TYPES, e.employmentType);
  if (e.employmentType !== 'dispatch') return type;
  const agency = e.dispatchAgencyUscc ? `派遣单位 ${e.dispatchAgencyUscc}` : '派遣单位未填';
  const agreement = e.dispatchCountedHere === undefined ? '协议约定未填' : e.dispatchCountedHere ? '协议约定计入本单位' : '协议约定计入对方单位';
  return `${type}（${agency}，${agreement}）`;
}

/** docs/domain.md §5: the category digit of a second-generation disability certificate. */
export const DISABILITY_CATEGORIES: Choice<number>[] = [
  { value: 1, label: '1 视力' },
  { value: 2, label: '2 听力' },
  { value: 3, label: '3 言语' },
  { value: 4, label: '4 肢体' },
  { value: 5, label: '5 智力' },
  { value: 6, label: '6 精神' },
  { value: 7, label: '7 多重' },
];

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Grades 1–4 on a disability certificate, 1–10 on a veteran's or police officer's. */
export function gradeChoices(certType: string | undefined): Choice<number>[] {
  const count = certType === 'veteran' || certType === 'police' ? 10 : 4;
  return CHINESE_NUMERALS.slice(0, count).map((n, i) => ({ value: i + 1, label: `${n}级` }));
}

/** The label of a coded value, or the value itself when it is not one of the choices. */
export function labelOf<V extends string | number>(choices: readonly Choice<V>[], value: V | undefined | null): string {
  if (value === undefined || value === null) return '—';
  return choices.find((c) => c.value === value)?.label ?? String(value);
}
