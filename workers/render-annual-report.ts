// Job type `render-annual-report`: the city's submission made into the report the province reads — its frozen data
// section and the three parts the city wrote, as a Word document and a PDF (annual-report/report-docx.ts,
// report-pdf.ts), kept in our database as the report's next version. Once per task: handed out again, it completes
// with the version it made. Sets `reportVersion`, and `reportSubmitted` for the deadline watch.
import type { ReportTexts } from '../annual-report/report-content.ts';
import { renderReportDocx } from '../annual-report/report-docx.ts';
import { renderReportPdf } from '../annual-report/report-pdf.ts';
import { frozenFigures, saveReportVersion } from '../annual-report/report-store.ts';
import { CertificateFontMissing, findCertificateFont } from '../certificates/certificate-font.ts';
import { regionName } from '../domain/regions.ts';
import type { Db } from '../platform/db.ts';
import { compileSchema } from '../platform/schema.ts';
import { departmentJob, jobVariables } from './department-job.ts';
import { complete, failForGood, type JobHandler } from './job-outcome.ts';
import { reportVariablesSchema, type AnnualReportVariables } from './prepare-annual-report.ts';
import template from './element-templates/render-annual-report.json' with { type: 'json' };
import { topicModule } from './topic-module.ts';

export const JOB_TYPE = 'render-annual-report';

export interface RenderAnnualReportVariables extends AnnualReportVariables, ReportTexts {
  draftAnnualReportCompletedBy?: string | null;
}

export interface RenderAnnualReportResult {
  reportVersion: number;
  reportSubmitted: true;
}

const text = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const checkVariables = compileSchema<RenderAnnualReportVariables>({
  type: 'object',
  required: ['year', 'cityCode', 'industryAnalysis', 'marketDemand', 'recommendations'],
  properties: {
    ...reportVariablesSchema,
    industryAnalysis: text,
    marketDemand: text,
    recommendations: text,
    draftAnnualReportCompletedBy: { type: ['string', 'null'] },
  },
});

export function createRenderAnnualReportHandler(deps: { db: Db; fontPath: string; now?: () => Date }): JobHandler<RenderAnnualReportVariables, RenderAnnualReportResult> {
  const now = deps.now ?? (() => new Date());
  return departmentJob({ topic: JOB_TYPE, department: null }, async (job) => {
    const v = jobVariables(JOB_TYPE, checkVariables, job.variables);
    const figures = await frozenFigures(deps.db, v.year, v.cityCode);
    if (!figures) return failForGood(`年度总结报告的数据尚未准备，请在 Cockpit 中检查“准备年度总结报告的数据”步骤 / ${JOB_TYPE}: no frozen figures for ${v.year} ${v.cityCode}`);
    const texts = { industryAnalysis: v.industryAnalysis, marketDemand: v.marketDemand, recommendations: v.recommendations };
    const submittedAt = now();
    try {
      const font = findCertificateFont(deps.fontPath);
      const reportVersion = await saveReportVersion(deps.db, {
        year: v.year,
        cityCode: v.cityCode,
        texts,
        submittedBy: v.draftAnnualReportCompletedBy ?? null,
        submittedAt,
        sourceTaskId: job.key,
        render: async (version) => {
          const report = { year: v.year, cityName: regionName(v.cityCode) ?? v.cityCode, figures, texts, version, submittedAt: submittedAt.toISOString() };
          return { docx: await renderReportDocx(report), pdf: await renderReportPdf(report, font) };
        },
      });
      return complete({ reportVersion, reportSubmitted: true as const });
    } catch (error) {
      // No retry prints a character the font lacks: an operator installs a fuller font (CERTIFICATE_FONT) and retries.
      if (error instanceof CertificateFontMissing) return failForGood(`报告中有字体无法显示的字符，请配置包含这些字符的中文字体（CERTIFICATE_FONT）后在 Cockpit 中重试 / ${JOB_TYPE}: ${error.message}`);
      throw error;
    }
  });
}

export const renderAnnualReportTopic = topicModule({
  topic: JOB_TYPE,
  variables: ['year', 'cityCode', 'industryAnalysis', 'marketDemand', 'recommendations', 'draftAnnualReportCompletedBy'],
  department: null,
  template,
  handler: ({ db, config }) => createRenderAnnualReportHandler({ db, fontPath: config.certificateFont }),
});
