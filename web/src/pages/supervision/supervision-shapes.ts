// What the supervision API answers (GET /api/supervision/figures, /exits, /filings), as the page reads it. Written
// from the agreed shapes while the API is built beside this page; replaced by the contract's own types once it lands.
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

export interface CountyFigures {
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
  aboveQuotaUnits: number;
}

export interface IndustryFigures {
  industryCode: string;
  label: string;
  units: number;
  certifiedEmployees: number;
  belowQuotaUnits: number;
  shortfall: number;
  levyEstimate: number;
}

export interface SupervisionFigures {
  year: number;
  regionCode: string;
  regionName: string;
  computedAt: string;
  progress: SupervisionProgress;
  byCounty: CountyFigures[];
  employment: {
    certifiedEmployees: number;
    byCertificateKind: Array<{ kind: string; label: string; count: number }>;
    byGrade: Array<{ grade: string; label: string; count: number }>;
    byIndustry: IndustryFigures[];
    ratioBuckets: Array<{ key: string; label: string; units: number }>;
    belowQuota: { units: number; shortfall: number; levyEstimate: number };
    aboveQuota: { units: number; surplus: number };
  };
  years: Array<{ year: number; filed: number; certified: number; certifiedEmployees: number; belowQuotaUnits: number; levyEstimate: number }>;
}

export interface SupervisionExit {
  filingId: string;
  uscc: string;
  unitName: string;
  regionCode: string;
  employeeName: string;
  idNumberMasked: string;
  reason: 'left' | 'retired' | 'certificate-ended' | 'not-declared';
  reasonLabel: string;
  lastMonth: string | null;
}

export interface SupervisionExits {
  total: number;
  byCounty: Array<{ regionCode: string; regionName: string; count: number }>;
  items: SupervisionExit[];
}

export interface SupervisionFiling {
  id: string;
  uscc: string;
  unitName: string;
  regionCode: string;
  status: string;
  channel: string;
  certifiedEmployees: number;
  requiredEmployees: number;
  shortfall: number;
  levyEstimate: number;
  ratio: number;
}

export interface SupervisionFilings {
  total: number;
  items: SupervisionFiling[];
}
