// The employee-list template's columns, as data: the Chinese header a person sees, the declaration field it fills
// (docs/contracts.md §1), how a cell becomes the value, and what the template says about it. The template, the import
// and the error messages are all made from this one list.
import type { Employee } from '../filings/declaration/filing.ts';
import { checkDisabilityCertNumber } from '../domain/identifiers/cert-number.ts';
import { checkIdNumber } from '../domain/identifiers/id-number.ts';
import {
  readChoice,
  readCode,
  readDate,
  readMoney,
  readPersonalNumber,
  readText,
  readWholeNumber,
  readYesNo,
  type CellReader,
  type Choice,
} from './cell-values.ts';

export type ColumnFormat = 'text' | 'general' | 'date' | 'money' | 'whole';

export interface EmployeeColumn {
  header: string;
  /** The header in English, for messages in English. */
  english: string;
  field: keyof Employee;
  read: CellReader;
  /** Other headers people write for the same column (older templates, a dropped unit). */
  aliases?: readonly string[];
  /** A file without this column cannot be imported; the others may be left out when nobody needs them. */
  headerRequired: boolean;
  /** Who must fill a column that may be left out, as the template says it ("合同制职工必填"); none: it is optional. */
  requiredWhen?: string;
  /** How the template formats the column: `text` keeps long digit strings intact. */
  format: ColumnFormat;
  /** The template's drop-down list. */
  dropdown?: readonly string[];
  width: number;
  /** The template's 填写说明 for the column. */
  hint: string;
}

export const CERT_TYPES: readonly Choice[] = [
  { code: 'disability', labels: ['残疾人证', '中华人民共和国残疾人证'] },
  { code: 'veteran', labels: ['残疾军人证', '中华人民共和国残疾军人证'] },
  { code: 'police', labels: ['伤残人民警察证', '中华人民共和国伤残人民警察证'] },
];

export const EDUCATION_LEVELS: readonly Choice[] = [
  { code: 'none', labels: ['无', '未上学', '文盲'] },
  { code: 'primary', labels: ['小学'] },
  { code: 'junior_high', labels: ['初中'] },
  { code: 'senior_high', labels: ['高中'] },
  { code: 'vocational', labels: ['中专或职高', '中专', '职高', '中职', '技校'] },
  { code: 'college', labels: ['大专', '专科', '高职'] },
  { code: 'bachelor', labels: ['本科', '大学本科'] },
  { code: 'postgraduate', labels: ['研究生及以上', '研究生', '硕士', '博士'] },
];

export const EMPLOYMENT_TYPES: readonly Choice[] = [
  { code: 'contract', labels: ['合同制', '劳动合同'] },
  { code: 'establishment', labels: ['在编', '编制内'] },
  { code: 'dispatch', labels: ['劳务派遣', '派遣'] },
  { code: 'other', labels: ['其他'] },
];

/** 岗位类别: the post decides the retirement age of women (docs/review.md §Policy choices); blank is 其他岗位. */
export const POST_TYPES: readonly Choice[] = [
  { code: 'management_technical', labels: ['管理或技术岗位', '管理岗位', '技术岗位', '专业技术岗位', '管理岗', '技术岗', '管理或技术岗'] },
  { code: 'other', labels: ['其他岗位', '其他', '工勤技能岗位', '工勤岗位', '普通岗位'] },
];

export const YES_NO = ['是', '否'] as const;

/** docs/domain.md §5: the category digit of a second-generation disability certificate. */
export const DISABILITY_CATEGORIES: Readonly<Record<string, number>> = {
  视力: 1, 听力: 2, 言语: 3, 肢体: 4, 智力: 5, 精神: 6, 多重: 7,
};

const labelsOf = (choices: readonly Choice[]) => choices.map((c) => c.labels[0]);
const categoryNames = Object.keys(DISABILITY_CATEGORIES);

export const EMPLOYEE_COLUMNS: readonly EmployeeColumn[] = [
  {
    header: '姓名', english: 'name', field: 'name', read: readText, headerRequired: true, format: 'text', width: 12,
    hint: '与身份证一致',
  },
  {
    header: '身份证号', english: 'ID number', field: 'idNumber', headerRequired: true, format: 'text', width: 22,
    read: readPersonalNumber(18, (text) => checkIdNumber(text) === null),
    hint: '18 位居民身份证号，末位 X 请大写；本列须为“文本”格式，否则 Excel 会丢失末尾几位',
  },
  {
    header: '户籍所在地代码', english: 'hukou region code', field: 'hukouRegionCode', read: readCode, headerRequired: true,
    aliases: ['户籍所在地', '户籍地代码'], format: 'text', width: 16,
    hint: '6 位行政区划代码，如 330106（杭州市西湖区）',
  },
  {
    header: '证件类型', english: 'certificate type', field: 'certType', read: readChoice(CERT_TYPES), headerRequired: true,
    format: 'general', dropdown: labelsOf(CERT_TYPES), width: 16,
    hint: `从下拉列表选择：${labelsOf(CERT_TYPES).join('、')}`,
  },
  {
    header: '证号', english: 'certificate number', field: 'certNumber', headerRequired: true, format: 'text', width: 26,
    aliases: ['证件号码', '残疾证号'],
    read: readPersonalNumber(20, (text) => checkDisabilityCertNumber(text, {}) === null),
    hint: '残疾人证为 20 位：身份证号 + 残疾类别 1 位 + 残疾等级 1 位；本列须为“文本”格式',
  },
  {
    header: '残疾类别', english: 'disability category', field: 'disabilityCategory', headerRequired: false, requiredWhen: '持残疾人证者必填',
    read: readWholeNumber(DISABILITY_CATEGORIES, ['残疾', '类'], 'CATEGORY_CELL'), format: 'general',
    dropdown: categoryNames, width: 12,
    hint: `持残疾人证者必填：${categoryNames.map((name, i) => `${i + 1} ${name}`).join('、')}，填数字或名称均可`,
  },
  {
    header: '残疾等级', english: 'disability grade', field: 'disabilityGrade', headerRequired: true,
    read: readWholeNumber({}, ['级'], 'GRADE_CELL'), format: 'whole', width: 12,
    hint: '残疾人证 1–4 级，残疾军人证、伤残人民警察证 1–10 级；填数字，如 2',
  },
  {
    header: '文化程度', english: 'education', field: 'education', read: readChoice(EDUCATION_LEVELS), headerRequired: true,
    format: 'general', dropdown: labelsOf(EDUCATION_LEVELS), width: 14,
    hint: `从下拉列表选择：${labelsOf(EDUCATION_LEVELS).join('、')}`,
  },
  {
    header: '联系电话', english: 'phone', field: 'phone', read: readCode, headerRequired: true, format: 'text', width: 16,
    hint: '11 位手机号，或带区号的固定电话，如 0571-85781153',
  },
  {
    header: '就业岗位', english: 'job post', field: 'jobPost', read: readText, headerRequired: true, format: 'text', width: 16,
    hint: '如 仓库管理员、客服专员',
  },
  {
    header: '岗位类别', english: 'post type', field: 'postType', read: readChoice(POST_TYPES), headerRequired: false,
    format: 'general', dropdown: labelsOf(POST_TYPES), width: 16,
    hint: `选填，从下拉列表选择：${labelsOf(POST_TYPES).join('、')}；不填按其他岗位（女职工的退休年龄按岗位类别确定）`,
  },
  {
    header: '实际支付工资（元）', english: 'annual wage (yuan)', field: 'annualWage', read: readMoney, headerRequired: true,
    aliases: ['实际支付工资'], format: 'money', width: 18,
    hint: '申报年度全年实际支付的工资总额，单位元，可带两位小数',
  },
  {
    header: '用工性质', english: 'employment type', field: 'employmentType', read: readChoice(EMPLOYMENT_TYPES),
    headerRequired: true, format: 'general', dropdown: labelsOf(EMPLOYMENT_TYPES), width: 12,
    hint: `从下拉列表选择：${labelsOf(EMPLOYMENT_TYPES).join('、')}`,
  },
  {
    header: '派遣单位统一社会信用代码', english: "dispatch agency's USCC", field: 'dispatchAgencyUscc', read: readCode, headerRequired: false,
    requiredWhen: '劳务派遣人员必填', aliases: ['派遣单位信用代码', '派遣单位代码'], format: 'text', width: 24,
    hint: '劳务派遣人员必填：派遣单位（劳务派遣公司）的 18 位统一社会信用代码；本单位就是派遣单位的，填本单位代码；其他用工性质的职工须留空',
  },
  {
    header: '派遣协议约定计入本单位', english: 'agreement counts here', field: 'dispatchCountedHere', read: readYesNo, headerRequired: false,
    requiredWhen: '劳务派遣人员必填', aliases: ['协议约定在本单位计算'], format: 'general', dropdown: YES_NO, width: 16,
    hint: '劳务派遣人员必填：派遣单位与用工单位书面协议约定该职工计入本单位安排残疾人就业人数的填“是”，约定计入对方单位的填“否”（同一人只能在一方计算）；须上传派遣协议；其他用工性质的职工须留空',
  },
  {
    header: '劳动合同起始日期', english: 'contract start', field: 'contractStart', read: readDate, headerRequired: false, requiredWhen: '合同制职工必填',
    format: 'date', width: 18,
    hint: '合同制职工必填；日期格式如 2025-01-01 或 2025/1/1',
  },
  {
    header: '劳动合同终止日期', english: 'contract end', field: 'contractEnd', read: readDate, headerRequired: false, requiredWhen: '合同制职工必填',
    format: 'date', width: 18,
    hint: '合同制职工必填；不得早于起始日期',
  },
  {
    header: '在岗起始日期', english: 'employed from', field: 'employedFrom', read: readDate, headerRequired: true,
    format: 'date', width: 16,
    hint: '申报年度内在本单位上岗的第一天，须在申报年度内',
  },
  {
    header: '在岗终止日期', english: 'employed to', field: 'employedTo', read: readDate, headerRequired: true,
    format: 'date', width: 16,
    hint: '申报年度内在本单位上岗的最后一天，须在申报年度内，不得早于起始日期',
  },
  {
    header: '参保信息', english: 'social insurance', field: 'socialInsurance', read: readText, headerRequired: false,
    format: 'text', width: 16,
    hint: '选填，按申报表填写，如“养老、医疗”；不填不影响申报，审核以人社、医保部门的数据为准',
  },
  {
    header: '上年度缴费信息', english: 'contributions', field: 'contributions', read: readText, headerRequired: false,
    format: 'text', width: 16,
    hint: '选填，按申报表填写，如“12个月”；不填不影响申报，审核以人社、医保部门的数据为准',
  },
];

export const EMPLOYEE_SHEET_NAME = '残疾职工名单';
export const INSTRUCTIONS_SHEET_NAME = '填写说明';
