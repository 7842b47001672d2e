// The cities' annual summary reports (annual-report/annual-report-routes.ts): each city's status for a year — the
// province every city's, a city its own — and the latest submission's Word and PDF files.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import type { ProblemResponse, RouteContract } from './route-contract.ts';

/** The province reads every city's report; a city federation its own. */
export const ANNUAL_REPORT_READERS: readonly Role[] = ['city', 'province'];

export const ANNUAL_REPORT_STATES = ['not-started', 'drafting', 'submitted', 'returned', 'accepted'] as const;
export type AnnualReportState = (typeof ANNUAL_REPORT_STATES)[number];

export const annualReportListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$', description: '年审年度；默认为本年开展年审的年度（上一年） / the review year; by default the one reviewed this year (last year)' },
    regionCode: { type: 'string', pattern: '^\\d{6}$', description: '330000（全省）或一个市的代码；默认为本人的辖区 / 330000 or a city; by default your own region' },
  },
} as const;
export type AnnualReportListQuery = FromSchema<typeof annualReportListQuerySchema>;

export const annualReportFileParams = {
  type: 'object',
  required: ['year', 'cityCode'],
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$', description: '年审年度 / the review year' },
    cityCode: { type: 'string', pattern: '^\\d{6}$', description: '市的行政区划代码，如 330100 / the city, e.g. 330100' },
  },
} as const;
export type AnnualReportFileParams = FromSchema<typeof annualReportFileParams>;

export const annualReportListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'regionCode', 'items'],
  properties: {
    year: { type: 'integer' },
    regionCode: { type: 'string' },
    items: {
      type: 'array',
      description: '辖区内每个市一项，按代码排列 / one per city of the region, by code',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['cityCode', 'cityName', 'state', 'dueAt', 'overdue', 'figuresAt', 'version', 'submittedAt', 'lastReview', 'taskId', 'docxHref', 'pdfHref'],
        properties: {
          cityCode: { type: 'string' },
          cityName: { type: 'string' },
          state: { enum: [...ANNUAL_REPORT_STATES], description: '未发起 / 编写中 / 已报送待审阅 / 已退回修改 / 已接收' },
          dueAt: { type: ['string', 'null'], format: 'date-time', description: '报送期限（流程图中的日期） / the deadline, from the diagram' },
          overdue: { type: 'boolean', description: '已过期限且尚未报送 / past the deadline and not submitted' },
          figuresAt: { type: ['string', 'null'], format: 'date-time', description: '基本情况数据固定的时间 / when the data section was frozen' },
          version: { type: ['integer', 'null'], description: '最近报送的稿次 / the latest submission' },
          submittedAt: { type: ['string', 'null'], format: 'date-time' },
          lastReview: {
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['decision', 'comment', 'reviewedAt'],
                properties: { decision: { enum: ['accept', 'return'] }, comment: { type: 'string' }, reviewedAt: { type: 'string', format: 'date-time' } },
              },
              { type: 'null' },
            ],
          },
          taskId: { type: ['string', 'null'], description: '调用者可办理的本报告任务（市：编写；省：审阅） / the report’s open task the caller may work on' },
          docxHref: { type: ['string', 'null'] },
          pdfHref: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
export type AnnualReportList = FromSchema<typeof annualReportListSchema>;
export type AnnualReportItem = AnnualReportList['items'][number];

const noReport: ProblemResponse = { status: 404, description: { zh: '该市该年度尚未报送年度总结报告', en: 'The city has not submitted a report for that year' } };

const fileRoute = (kind: 'docx' | 'pdf', contentType: string): RouteContract => ({
  method: 'get',
  path: `/api/annual-reports/{year}/{cityCode}/report.${kind}`,
  operationId: kind === 'docx' ? 'downloadAnnualReportDocx' : 'downloadAnnualReportPdf',
  tag: 'annual-reports',
  summary: kind === 'docx' ? { zh: '下载年度总结报告（Word）', en: 'Download the annual report (Word)' } : { zh: '下载年度总结报告（PDF）', en: 'Download the annual report (PDF)' },
  description: { zh: '最近报送的一稿；下载留痕。', en: 'The latest submission; the download is audited.' },
  callers: ANNUAL_REPORT_READERS,
  request: { params: annualReportFileParams },
  responses: { 200: { description: { zh: '报告文件', en: 'the file' }, contentType } },
  problems: [invalidRequest(), ...signedIn, noReport],
});

export const annualReportContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/annual-reports',
    operationId: 'listAnnualReports',
    tag: 'annual-reports',
    summary: { zh: '各市年度总结报告的状态', en: "The cities' annual reports and their state" },
    description: {
      zh: '省残联看到每个市，市残联看到本市：未发起、编写中（含报送期限，逾期标出）、已报送、已退回、已接收，以及最近一稿的下载地址。',
      en: 'The province sees every city, a city its own: not started, drafting (with the deadline, overdue flagged), submitted, returned, accepted, and the latest submission’s files.',
    },
    callers: ANNUAL_REPORT_READERS,
    request: { query: annualReportListQuerySchema },
    responses: { 200: { description: { zh: '各市的报告状态', en: 'each city’s report' }, schema: annualReportListSchema } },
    problems: [invalidRequest(), ...signedIn],
  },
  fileRoute('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  fileRoute('pdf', 'application/pdf'),
];
