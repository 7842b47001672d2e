// The season's progress figures and the employment measures, in Chinese; which of them open a list of filings
// (GET /api/supervision/filings?measure=): all but the units expected, some of which have no filing.
import type { DrillMeasure } from '../../../../api/supervision.ts';
import type { SupervisionProgress } from './supervision-shapes.ts';

export type ProgressMeasure = keyof SupervisionProgress;
export type Measure = DrillMeasure;

export function isDrillable(measure: ProgressMeasure): measure is ProgressMeasure & Measure {
  return measure !== 'expected';
}

export const PROGRESS_MEASURES: readonly { key: ProgressMeasure; label: string; hint: string }[] = [
  { key: 'expected', label: '应申报单位', hint: '上年度已申报的单位及单位名录' },
  { key: 'filed', label: '已申报', hint: '本年度已提交的申报' },
  { key: 'online', label: '网上申报', hint: '单位自行网上申报' },
  { key: 'window', label: '窗口代为申报', hint: '窗口人员代为申报' },
  { key: 'accepted', label: '已受理', hint: '已通过受理、进入审核' },
  { key: 'awaitingConfirmation', label: '待单位确认', hint: '审核结果待单位确认' },
  { key: 'disputed', label: '单位有异议', hint: '单位对审核结果提出异议' },
  { key: 'certified', label: '已年审认证', hint: '已出具年审认证确认书' },
  { key: 'sentToTax', label: '已报送税务', hint: '认证结果已推送税务部门' },
];

export const MEASURE_NAMES: Record<Measure | ProgressMeasure, string> = {
  ...(Object.fromEntries(PROGRESS_MEASURES.map((m) => [m.key, m.label])) as Record<ProgressMeasure, string>),
  belowQuota: '未达比例单位',
  aboveQuota: '超比例单位（奖励候选）',
  certifiedEmployees: '认定残疾职工所在单位',
};
