// The Chinese words of the supervision figures: industry sections (GB/T 4754-2017 门类), certificate kinds, grades
// and the ratio buckets. Keys are what supervision_totals and the drill lists use.

export const INDUSTRY_SECTIONS: Readonly<Record<string, string>> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
  '-': '行业未填',
};

export function industryLabel(section: string): string {
  return INDUSTRY_SECTIONS[section] ?? section;
}

/** Certificate kinds as the declaration names them, with the column of supervision_totals that counts each. */
export const CERTIFICATE_KINDS = [
  { kind: 'disability', label: '残疾人证', column: 'kind_disability' },
  { kind: 'veteran', label: '残疾军人证', column: 'kind_veteran' },
  { kind: 'police', label: '伤残人民警察证', column: 'kind_police' },
] as const;

/** Grades: the four disability grades, and veterans' and police officers' disability levels in three groups. */
export const GRADES = [
  { grade: 'disability-1', label: '残疾人证一级', column: 'grade_d1' },
  { grade: 'disability-2', label: '残疾人证二级', column: 'grade_d2' },
  { grade: 'disability-3', label: '残疾人证三级', column: 'grade_d3' },
  { grade: 'disability-4', label: '残疾人证四级', column: 'grade_d4' },
  { grade: 'veteran-1-4', label: '军人、警察伤残一至四级', column: 'grade_v1_4' },
  { grade: 'veteran-5-6', label: '军人、警察伤残五至六级', column: 'grade_v5_6' },
  { grade: 'veteran-7-10', label: '军人、警察伤残七至十级', column: 'grade_v7_10' },
] as const;

/** Certified employees (as counted) against the required number, i.e. against the quota the levy decision applies. */
export const RATIO_BUCKETS = [
  { key: 'none', label: '未安排残疾人就业', column: 'bucket_none' },
  { key: 'under-half', label: '不足规定比例一半', column: 'bucket_under_half' },
  { key: 'below', label: '未达规定比例', column: 'bucket_below' },
  { key: 'at', label: '达到规定比例', column: 'bucket_at' },
  { key: 'double', label: '达到规定比例两倍及以上', column: 'bucket_double' },
] as const;

export const EXIT_REASONS = {
  left: '离开本单位',
  retired: '达到退休年龄',
  'certificate-ended': '证件到期',
  'not-declared': '本年度未申报',
} as const;
export type ExitReason = keyof typeof EXIT_REASONS;

export const PROGRESS_LABELS = {
  expected: '应申报单位',
  filed: '已申报',
  online: '网上申报',
  window: '窗口申报',
  accepted: '已受理',
  awaitingConfirmation: '待单位确认',
  disputed: '有异议',
  certified: '已认证',
  sentToTax: '已推送税务',
} as const;
