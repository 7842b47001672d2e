// The figures an annual report's data section is made of: the supervision figures of one city and year, as
// `supervisionFigures(db, { year, regionCode })` (supervision/figures.ts) answers them and as they are frozen into
// annual_reports.figures — one shape for both, agreed between the parts (supervision/figures-types.ts).
export type { SupervisionFigures as ReportFigures } from '../supervision/figures-types.ts';
