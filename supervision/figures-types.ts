// The supervision figures of a year and region (issue 22 item 1): the JSON of GET /api/supervision/figures, and what
// the annual report freezes. One shape for both, agreed between the parts (docs/supervision.md).

export interface Count {
  [measure: string]: number;
}

export interface SupervisionProgress {
  expected: number;
  filed: number;
  online: number;
  window: number;
  accepted: number;
  awaitingConfirmation: number;
  disputed: number;
  certified: number;
  sentToTax: number;
}

export interface SupervisionCountyRow {
  regionCode: string;
  regionName: string;
  expected: number;
  filed: number;
  certified: number;
  sentToTax: number;
  overdueTasks: number;
  maxWorkingDaysOver: number;
  certifiedEmployees: number;
  belowQuotaUnits: number;
  shortfall: number;
  levyEstimate: number;
  /** levy the tax bureau reports collected from the county's filers of the year (附件2 §三) */
  levyCollected: number;
  aboveQuotaUnits: number;
}

export interface SupervisionIndustryRow {
  industryCode: string;
  label: string;
  units: number;
  certifiedEmployees: number;
  belowQuotaUnits: number;
  shortfall: number;
  levyEstimate: number;
}

export interface SupervisionEmployment {
  certifiedEmployees: number;
  /** label in Chinese */
  byCertificateKind: Array<{ kind: string; label: string; count: number }>;
  byGrade: Array<{ grade: string; label: string; count: number }>;
  byIndustry: SupervisionIndustryRow[];
  /** against the 1.5 % quota */
  ratioBuckets: Array<{ key: string; label: string; units: number }>;
  belowQuota: { units: number; shortfall: number; levyEstimate: number };
  aboveQuota: { units: number; surplus: number };
  /** the year's filers whose collected levy the tax bureau reported, and its sum (beside belowQuota's estimate) */
  levyCollected: { units: number; amount: number };
}

export interface SupervisionYearRow {
  year: number;
  filed: number;
  certified: number;
  certifiedEmployees: number;
  belowQuotaUnits: number;
  levyEstimate: number;
  levyCollected: number;
}

export interface SupervisionFigures {
  year: number;
  regionCode: string;
  regionName: string;
  /** ISO instant */
  computedAt: string;
  progress: SupervisionProgress;
  byCounty: SupervisionCountyRow[];
  employment: SupervisionEmployment;
  /** this and earlier years, same region */
  years: SupervisionYearRow[];
}
