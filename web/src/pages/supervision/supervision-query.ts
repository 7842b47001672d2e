// The query a supervision figure, list or export is asked with: a year, a region and, for a figure's filings, what the
// figure counts. One builder, so the drill, the table and its Excel ask for the same filings.
import type { Measure } from './measures.ts';

export interface SupervisionScope {
  year: number;
  regionCode: string;
}

/** What a figure stands for: its filings (GET /api/supervision/filings) are the ones it counts. */
export interface FigureQuery extends SupervisionScope {
  measure?: Measure;
  industryCode?: string;
  ratioBucket?: string;
}

export function queryString(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

export type ExportTable = 'progress' | 'byCounty' | 'byIndustry' | 'ratio' | 'exits' | 'filings';

export function exportPath(table: ExportTable, query: FigureQuery): string {
  return `/api/supervision/export?${queryString({ table, ...query })}`;
}
