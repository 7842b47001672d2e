// The figures an annual report's data section is made of: the supervision figures of one city and year, as
// `supervisionFigures(db, { year, regionCode })` (supervision/figures.ts) answers them and as they are frozen into
// annual_reports.figures. Declared here by shape, the agreed interface (issue 22's split), so that the report's
// rendering depends on the data and not on how supervision computes it.

export interface ReportFigures {
  year: number;
  regionCode: string;
  regionName: string;
  /** ISO instant */
  computedAt: string;
  progress: {
    expected: number;
    filed: number;
    online: number;
    window: number;
    accepted: number;
    awaitingConfirmation: number;
    disputed: number;
    certified: number;
    sentToTax: number;
  };
  byCounty: Array<{
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
  }>;
  employment: {
    certifiedEmployees: number;
    byCertificateKind: Array<{ kind: string; label: string; count: number }>;
    byGrade: Array<{ grade: string; label: string; count: number }>;
    byIndustry: Array<{
      industryCode: string;
      label: string;
      units: number;
      certifiedEmployees: number;
      belowQuotaUnits: number;
      shortfall: number;
      levyEstimate: number;
    }>;
    ratioBuckets: Array<{ key: string; label: string; units: number }>;
    belowQuota: { units: number; shortfall: number; levyEstimate: number };
    aboveQuota: { units: number; surplus: number };
  };
  years: Array<{ year: number; filed: number; certified: number; certifiedEmployees: number; belowQuotaUnits: number; levyEstimate: number }>;
}
