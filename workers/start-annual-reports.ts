// Job type `start-annual-reports`: the yearly timer of `annual-report-start` (processes/annual-report-start.bpmn: autumn, the date in the diagram) opens every
// Zhejiang city's summary report of the review year held this year (the China year before this one's: the 2026
// season reviews 2025) — one process instance per city and year, business key `annual-report-<year>-<city>`, started
// through the outbox with the report's row, so that a timer fired twice or a task handed out again opens none twice.
import { openAnnualReports, zhejiangCityCodes } from '../annual-report/report-store.ts';
import { chinaYearOf } from '../platform/china-date.ts';
import type { Db } from '../platform/db.ts';
import { departmentJob } from './department-job.ts';
import { complete, type JobHandler } from './job-outcome.ts';
import template from './element-templates/start-annual-reports.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'start-annual-reports';

export interface StartAnnualReportsResult {
  reportYear: number;
  /** Cities whose report this run opened (0 when all were open already). */
  openedReports: number;
}

export function createStartAnnualReportsHandler(deps: { db: Db; now?: () => Date }): JobHandler<Record<string, never>, StartAnnualReportsResult> {
  const now = deps.now ?? (() => new Date());
  return departmentJob({ topic: JOB_TYPE, department: null }, async () => {
    const reportYear = chinaYearOf(now()) - 1;
    const opened = await openAnnualReports(deps.db, reportYear, zhejiangCityCodes());
    return complete({ reportYear, openedReports: opened.length });
  });
}

export const startAnnualReportsTopic = topicModule({
  topic: JOB_TYPE,
  // It reads no process variable: the year is the China year it runs in.
  variables: [],
  department: null,
  template,
  handler: ({ db }) => createStartAnnualReportsHandler({ db }),
});
