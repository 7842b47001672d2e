// The season's progress figures and the employment measures, in Chinese; which of them open a list of filings
// (GET /api/supervision/filings?measure=): all but the units expected, some of which have no filing.
import type { DrillMeasure } from '../../../../api/supervision.ts';
import { PROGRESS_LABELS } from '../../../../supervision/labels.ts';
import type { SupervisionProgress } from './supervision-shapes.ts';

export type ProgressMeasure = keyof SupervisionProgress;
export type Measure = DrillMeasure;

export function isDrillable(measure: ProgressMeasure): measure is ProgressMeasure & Measure {
  return measure !== 'expected';
}

/** Each progress figure, named as the exported tables name it (supervision/labels.ts), with what it counts. */
export const PROGRESS_MEASURES: readonly { key: ProgressMeasure; label: string; hint: string }[] = (
  [
    ['expected', '上年度已申报的单位及本年度新申报的单位'],
    ['filed', '本年度已提交的申报'],
    ['online', '单位自行网上申报'],
    ['window', '窗口人员代为申报'],
    ['accepted', '已通过受理、进入审核'],
    ['awaitingConfirmation', '审核结果待单位确认'],
    ['disputed', '单位对审核结果提出异议'],
    ['certified', '已出具年审认证确认书'],
    ['sentToTax', '认证结果已推送税务部门'],
  ] as const
).map(([key, hint]) => ({ key, label: PROGRESS_LABELS[key], hint }));

export const MEASURE_NAMES: Record<Measure | ProgressMeasure, string> = {
  ...(Object.fromEntries(PROGRESS_MEASURES.map((m) => [m.key, m.label])) as Record<ProgressMeasure, string>),
  belowQuota: '未达比例单位',
  aboveQuota: '超比例单位（奖励候选）',
  certifiedEmployees: '认定残疾职工所在单位',
};
