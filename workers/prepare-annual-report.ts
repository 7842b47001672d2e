// Job type `prepare-annual-report`: the data section of a city's annual report, prepared automatically — the city's
// supervision figures of the year (supervision/figures.ts), frozen into our database at this moment (the report
// shows them as they were then, however filings change later; a task handed out again keeps the first), and the
// drafts of the city's three parts made from them, which the city's form opens with. Only the drafts (short texts)
// and the city's name become process variables; the figures stay in PostgreSQL.
import { reportDrafts } from '../annual-report/report-drafts.ts';
import type { ReportFigures } from '../annual-report/report-figures.ts';
import { ensureReport, freezeFigures } from '../annual-report/report-store.ts';
import { regionName } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { INSTANT_PATTERN } from '../platform/china-date.ts';
import { compileSchema } from '../platform/schema.ts';
import { supervisionFigures } from '../supervision/figures.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/prepare-annual-report.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'prepare-annual-report';

/** A city of Zhejiang: 33xx00 (not the province). */
export const CITY_CODE_PATTERN = '^33(0[1-9]|1[0-1])00$';

export interface AnnualReportVariables {
  year: number;
  cityCode: string;
}

export interface PrepareAnnualReportVariables extends AnnualReportVariables {
  /** The deadline the diagram computed, kept with the report for the status page. */
  reportDueAt?: string | null;
}

export interface PrepareAnnualReportResult {
  cityName: string;
  industryAnalysis: string;
  marketDemand: string;
  recommendations: string;
}

export const reportVariablesSchema = {
  year: { type: 'integer', minimum: 2000, maximum: 2999 },
  cityCode: { type: 'string', pattern: CITY_CODE_PATTERN },
} as const;

const checkVariables = compileSchema<PrepareAnnualReportVariables>({
  type: 'object',
  required: ['year', 'cityCode'],
  properties: { ...reportVariablesSchema, reportDueAt: { oneOf: [{ type: 'string', pattern: INSTANT_PATTERN }, { type: 'null' }] } },
});

export type FiguresOf = (db: Db, q: { year: number; regionCode: string }) => Promise<ReportFigures>;

export function createPrepareAnnualReportHandler(deps: { db: Db; figuresOf?: FiguresOf }): JobHandler<PrepareAnnualReportVariables, PrepareAnnualReportResult> {
  const figuresOf = deps.figuresOf ?? ((db, q) => supervisionFigures(db, q));
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const { year, cityCode, reportDueAt } = jobVariables(JOB_TYPE, checkVariables, job.variables);
    // A report started by hand (Cockpit) has no row from the yearly start: it gets one, kept like the others.
    await ensureReport(deps.db, year, cityCode);
    const now = await figuresOf(deps.db, { year, regionCode: cityCode });
    const frozen = (await freezeFigures(deps.db, year, cityCode, now, reportDueAt ? new Date(reportDueAt).toISOString() : null)) ?? now;
    return complete({ cityName: regionName(cityCode) ?? cityCode, ...reportDrafts(frozen) });
  });
}

export const prepareAnnualReportTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'cityCode', 'reportDueAt'],
  department: null,
  template,
  handler: ({ db }) => createPrepareAnnualReportHandler({ db }),
});
