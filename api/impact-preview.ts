// The policy impact preview's API contract (impact-preview/preview-routes.ts): changed decision files replayed
// against a season's stored filings, before and after. The modeler's preview page takes its types from here.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import type { RouteContract } from './route-contract.ts';
import { resourcesSchema } from './deployment.ts';
import { engineUnavailable, invalidRequest, bodyLimits, unauthenticated, forbidden, SCHEMA_CODES } from './common-problems.ts';

/** Who previews: policy staff, who change the decisions. */
export const PREVIEWERS: readonly Role[] = ['policy'];

export const MAX_PREVIEW_FILINGS = 5000;
/** Decision files one preview takes at most. */
export const MAX_PREVIEW_RESOURCES = 10;

const previewSelectionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year'],
  properties: {
    year: { type: 'integer', minimum: 2015, maximum: 2100, description: '审核年度 / the year under review' },
    regionCode: {
      type: 'string',
      pattern: '^33\\d{4}$',
      description: '县（市、区），或设区市（xxxx00）的全部县；不填为全省 / a county, or a city (xxxx00) for all its counties; all of Zhejiang when absent',
    },
    limit: { type: 'integer', minimum: 1, maximum: MAX_PREVIEW_FILINGS },
  },
} as const;
/** Which stored filings a preview replays. */
export type PreviewSelection = FromSchema<typeof previewSelectionSchema>;

export const previewRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['resources', 'filings'],
  properties: {
    resources: resourcesSchema(MAX_PREVIEW_RESOURCES, ['dmn']),
    filings: previewSelectionSchema,
  },
} as const;
export type PreviewRequest = FromSchema<typeof previewRequestSchema>;

const monthJudgementSchema = {
  type: 'object',
  required: ['counted', 'reasons'],
  additionalProperties: false,
  properties: {
    counted: { type: 'boolean' },
    reasons: { type: 'array', items: { type: 'string' }, description: '原因代码 / reason codes (review/reason-messages.ts)' },
  },
} as const;
export type PreviewMonthJudgement = FromSchema<typeof monthJudgementSchema>;

const monthFlipSchema = {
  type: 'object',
  required: ['employeeIndex', 'month', 'before', 'after'],
  additionalProperties: false,
  properties: {
    employeeIndex: { type: 'integer', minimum: 0 },
    month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    before: monthJudgementSchema,
    after: monthJudgementSchema,
  },
} as const;
export type PreviewMonthFlip = FromSchema<typeof monthFlipSchema>;

const filingChangeSchema = {
  type: 'object',
  required: ['filingId', 'employerName', 'employerUscc', 'regionCode', 'certifiedBefore', 'certifiedAfter', 'levyBefore', 'levyAfter', 'flips', 'flipsTruncated'],
  additionalProperties: false,
  properties: {
    filingId: { type: 'string' },
    employerName: { type: 'string' },
    employerUscc: { type: 'string' },
    regionCode: { type: 'string' },
    certifiedBefore: { type: 'number' },
    certifiedAfter: { type: 'number' },
    levyBefore: { type: 'number' },
    levyAfter: { type: 'number' },
    flips: { type: 'array', items: monthFlipSchema, description: '认定结果改变的职工月份 / the employee-months judged differently' },
    flipsTruncated: { type: 'boolean' },
  },
} as const;
export type PreviewFilingChange = FromSchema<typeof filingChangeSchema>;

export const impactPreviewSchema = {
  type: 'object',
  required: ['filings', 'changed', 'totals', 'byCounty', 'changes', 'changesTruncated'],
  additionalProperties: false,
  properties: {
    filings: { type: 'integer', minimum: 0 },
    changed: { type: 'integer', minimum: 0 },
    totals: {
      type: 'object',
      required: ['certifiedCountBefore', 'certifiedCountAfter', 'levyPayableBefore', 'levyPayableAfter'],
      additionalProperties: false,
      properties: {
        certifiedCountBefore: { type: 'number' },
        certifiedCountAfter: { type: 'number' },
        levyPayableBefore: { type: 'number' },
        levyPayableAfter: { type: 'number' },
      },
    },
    byCounty: {
      type: 'array',
      items: {
        type: 'object',
        required: ['regionCode', 'filings', 'changed', 'certifiedDelta', 'levyDelta'],
        additionalProperties: false,
        properties: {
          regionCode: { type: 'string' },
          filings: { type: 'integer', minimum: 0 },
          changed: { type: 'integer', minimum: 0 },
          certifiedDelta: { type: 'number' },
          levyDelta: { type: 'number' },
        },
      },
    },
    changes: { type: 'array', items: filingChangeSchema },
    changesTruncated: { type: 'boolean' },
  },
} as const;
export type ImpactPreview = FromSchema<typeof impactPreviewSchema>;

export const impactPreviewContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/policy/previews',
    operationId: 'previewPolicyImpact',
    tag: 'impact-preview',
    summary: { zh: '政策影响预览', en: 'Preview a decision change’s impact' },
    description: {
      zh: '所选年度（及地区）已存的申报按当前部署的决策和拟部署的决策各认定一次，列出认定人数、残保金的差异和结果改变的职工月份。只写审计记录，不改任何数据。',
      en: 'The stored filings of a year (and region) judged by the deployed decisions and by the candidate ones: totals, per county, and the employee-months that flip. Nothing is written but the audit entry.',
    },
    callers: PREVIEWERS,
    request: { body: previewRequestSchema },
    responses: { 200: { description: { zh: '预览结果', en: 'the preview' }, schema: impactPreviewSchema } },
    problems: [
      invalidRequest([...SCHEMA_CODES, 'REGION_UNKNOWN', 'LINT', 'FORM_INVALID', 'NO_DECISION_IN_USE', 'RULES_FAIL'], {
        zh: '请求有误、文件未通过检查、文件中没有自动审核使用的决策，或拟部署的规则无法完成认定',
        en: 'invalid request, files the checks refused, no decision the review uses, or candidate rules that cannot judge a filing',
      }),
      unauthenticated,
      forbidden,
      { status: 409, description: { zh: '认定规则尚未部署，或当前部署的规则无法完成认定', en: 'the rules are not deployed, or the deployed rules cannot judge a filing' } },
      ...bodyLimits,
      {
        status: 422,
        description: { zh: '检查或预览超过时间、内存上限', en: 'the checks or the preview passed their time or memory limit' },
        codes: ['CHECK_TIMEOUT', 'CHECK_MEMORY_EXCEEDED', 'PREVIEW_TIMEOUT', 'PREVIEW_MEMORY_EXCEEDED'],
      },
      { status: 429, description: { zh: '同时进行的预览过多（见 Retry-After）', en: 'too many previews at once; see Retry-After' }, codes: ['PREVIEW_BUSY'] },
      engineUnavailable,
    ],
  },
];
