// 上年数据导入 (filings/last-year-routes.ts): a new declaration started from the unit's previous year — its filing here
// or the review year imported as history — as a draft to complete and submit with POST /api/filings.
import type { FromSchema } from 'json-schema-to-ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import type { RouteContract } from './route-contract.ts';

export const lastYearStartQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$', description: '要申报的年度；草稿取自其上一年度 / the year to be declared; the draft comes from the year before' },
  },
} as const;
export type LastYearStartQuery = FromSchema<typeof lastYearStartQuerySchema>;

const usccParams = { type: 'object', required: ['uscc'], properties: { uscc: { type: 'string', description: '统一社会信用代码 / unified social credit code' } } } as const;

/** The codes of why an employee needs the employer's word (filings/last-year-start.ts). */
export const CONFIRMATION_CODES = ['EMPLOYMENT_ENDED', 'CONTRACT_ENDED', 'RETIRED', 'CERTIFICATE_ENDED'] as const;

// The draft's parts hold any subset of the declaration's fields (what the year before had, less the new year's figures).
const partialObject = { type: 'object', additionalProperties: true } as const;

export const lastYearDraftSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uscc', 'year', 'fromYear', 'source', 'filingId', 'employer', 'employees'],
  properties: {
    uscc: { type: 'string' },
    year: { type: 'integer', description: '要申报的年度 / the year to be declared' },
    fromYear: { type: 'integer', description: '草稿取自的年度 / the year the draft is copied from' },
    source: { enum: ['filing', 'history'], description: '本系统的申报，或导入的历史年审数据 / a filing here, or the imported review history' },
    filingId: { type: ['string', 'null'], description: '上年度申报；历史数据为 null / the previous filing; null for history' },
    employer: {
      ...partialObject,
      description: '单位信息（平均在职职工人数、年平均工资留待填写）；证件号码和电话已遮蔽 / the unit (staff count and average wage left blank); personal numbers masked',
    },
    employees: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['employee', 'needsConfirmation', 'reasons'],
        properties: {
          employee: {
            ...partialObject,
            description: '上年度的职工信息（在职起止日期、年工资、缴费信息留待填写）；证件号码已遮蔽 / the previous year\'s row (months, wage, contributions left blank); personal numbers masked',
          },
          needsConfirmation: { type: 'boolean', description: '须由单位确认或删除后才能提交 / to be confirmed or removed before submitting' },
          reasons: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'message'],
              properties: { code: { enum: CONFIRMATION_CODES }, message: { type: 'string', description: '中文说明 / in Chinese' } },
            },
          },
        },
      },
    },
  },
} as const;

export type LastYearDraft = FromSchema<typeof lastYearDraftSchema>;

export const lastYearStartContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/last-year-start/{uscc}',
    operationId: 'startFromLastYear',
    tag: 'filings',
    summary: { zh: '从上年数据导入（申报草稿）', en: "Start a declaration from last year's (a draft)" },
    description: {
      zh: '单位上一年度在本系统的申报（以最后修改为准），没有时取导入的历史年审数据，作为本年度申报的草稿：单位信息和残疾职工预填，在职时间、工资留待填写，已离职、合同到期、退休或证件失效的职工标记为须确认。不保存任何内容，提交时与手工填写一样逐项校验。单位只能取本单位；窗口人员取上年度由本县办理的单位。证件号码遮蔽；单位把遮蔽的号码原样提交即表示沿用上年度的号码。读取留痕。',
      en: "The unit's declaration of the year before (as last modified), or else its imported review history, as a draft for the year: the unit and its employees prefilled, months and wages left blank, employees who left, whose contract or certificate ended or who retired marked for confirmation. Nothing is stored; the submission is checked as if typed. An employer for its own unit; window clerks for units their county handled the year before. Personal numbers masked; an employer sending a masked number back keeps last year's. The read is audited.",
    },
    callers: ['employer', 'clerk'],
    request: { params: usccParams, query: lastYearStartQuerySchema },
    responses: { 200: { description: { zh: '申报草稿', en: 'The draft' }, schema: lastYearDraftSchema } },
    problems: [
      invalidRequest(['USCC_CHECKSUM']),
      ...signedIn,
      { status: 404, description: { zh: '该单位没有上一年度的申报或历史数据（或不在本辖区）', en: 'No declaration of the year before for this unit (or not in your scope)' } },
    ],
  },
];
