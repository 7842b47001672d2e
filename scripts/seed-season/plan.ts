// The shape of a synthetic season history: how many filings each year, in which counties, in which statuses. Every
// draw is deterministic (seeded), so the same options give the same database, and a test can ask the plan what it
// should find.
import { zhejiangCounties } from '../../domain/regions.ts';
import type { FilingStatus } from '../../filings/filing-store.ts';

/** Employers' share of the province by city (roughly their share of registered enterprises). */
const CITY_WEIGHT: Record<string, number> = {
  '330100': 22, '330200': 18, '330300': 13, '330400': 9, '330500': 5, '330600': 9,
  '330700': 10, '330800': 3, '330900': 2, '331000': 7, '331100': 2,
};

export interface CountyWeight {
  code: string;
  cityCode: string;
  weight: number;
}

/** Every county the system knows, weighted by its city's share and an even-handed variation between neighbours. */
export function countyWeights(): CountyWeight[] {
  const counties = zhejiangCounties();
  const perCity = new Map<string, number>();
  for (const c of counties) perCity.set(c.cityCode, (perCity.get(c.cityCode) ?? 0) + 1);
  return counties.map((c, i) => ({
    code: c.code,
    cityCode: c.cityCode,
    // The urban districts and county-level cities differ; a fixed pattern keeps it deterministic.
    weight: ((CITY_WEIGHT[c.cityCode] ?? 2) / perCity.get(c.cityCode)!) * (0.6 + ((i * 37) % 9) / 10),
  }));
}

/** Statuses of a year whose season is over: nearly all certified, handed to tax and answered. */
export const PAST_SEASON_MIX: readonly (readonly [FilingStatus, number])[] = [
  ['closed', 0.85], ['sent_to_tax', 0.05], ['certified', 0.03], ['returned', 0.04], ['withdrawn', 0.03],
];

/** The current season (the latest year): spread over every step, a third already handed to tax. */
export const CURRENT_SEASON_MIX: readonly (readonly [FilingStatus, number])[] = [
  ['submitted', 0.1], ['accepted', 0.04], ['reviewing', 0.04], ['awaiting_confirmation', 0.14], ['disputed', 0.01],
  ['manual_review', 0.03], ['certified', 0.22], ['feedback', 0.01], ['sent_to_tax', 0.3], ['closed', 0.06],
  ['returned', 0.03], ['withdrawn', 0.02],
];

export interface SeasonPlan {
  years: number[];
  /** Filings per year, summing to the total asked for; later years a little larger (more employers file). */
  filingsPerYear: Map<number, number>;
  /** Units in the population: enough for the largest year, plus those that join or stop over the years. */
  units: number;
  /** Where each year's filers start in the unit order: consecutive years overlap, so some units stop and some join. */
  firstUnitOfYear: Map<number, number>;
}

export function seasonPlan(filings: number, years: number[]): SeasonPlan {
  const growth = years.map((_, i) => 1.05 ** i);
  const sum = growth.reduce((a, b) => a + b, 0);
  const perYear = growth.map((g) => Math.floor((filings * g) / sum));
  perYear[perYear.length - 1]! += filings - perYear.reduce((a, b) => a + b, 0);
  const largest = Math.max(...perYear);
  // 3 % of units stop filing each year (closed, moved, below the threshold) and as many new ones start.
  const turnover = Math.ceil(largest * 0.03);
  const units = largest + turnover * (years.length - 1) + 1;
  return {
    years,
    filingsPerYear: new Map(years.map((y, i) => [y, perYear[i]!])),
    units,
    firstUnitOfYear: new Map(years.map((y, i) => [y, i * turnover])),
  };
}

/** Draws from a mix with a uniform number in [0, 1). */
export function drawStatus(mix: readonly (readonly [FilingStatus, number])[], u: number): FilingStatus {
  let left = u;
  for (const [status, share] of mix) {
    left -= share;
    if (left < 0) return status;
  }
  return mix[mix.length - 1]![0];
}

/** Draws a county with a uniform number in [0, 1). */
export function drawCounty(weights: readonly CountyWeight[], total: number, u: number): CountyWeight {
  let left = u * total;
  for (const c of weights) {
    left -= c.weight;
    if (left < 0) return c;
  }
  return weights[weights.length - 1]!;
}

/** Which statuses leave an open user task in the engine, and at which task. */
export const TASK_OF_STATUS: Partial<Record<FilingStatus, 'acceptance' | 'confirm-result' | 'review-employee'>> = {
  submitted: 'acceptance',
  awaiting_confirmation: 'confirm-result',
  manual_review: 'review-employee',
};
