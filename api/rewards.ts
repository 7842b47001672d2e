// Over-quota rewards (rewards/reward-routes.ts, docs/rewards.md): each certified unit's evaluation by the reward
// decision with its evidence and reason, the county's confirmation or exclusion and the city's approval — a county
// its own units, a city its counties, the province all — and the approved rewards of a city as the payment workbook.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import { invalidRequest, signedIn } from './common-problems.ts';
import type { RouteContract } from './route-contract.ts';

/** The reasons the over-quota reward decision may give (output `rewardReason`; words in rewards/reward-reasons.ts). */
export const REWARD_REASON_CODES = ['ELIGIBLE', 'NOT_ABOVE_QUOTA', 'RATIO_MARGIN_NOT_MET', 'TOO_FEW_EMPLOYEES', 'TOO_FEW_YEARS', 'NO_RULE'] as const;
export type RewardReasonCode = (typeof REWARD_REASON_CODES)[number];

/** County staff read their county's candidates, a city its counties', the province all. */
export const REWARD_READERS: readonly Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province'];
/** The payment workbook is a city's (and the province's) to draw. */
export const REWARD_EXPORTERS: readonly Role[] = ['city', 'province'];

export const REWARD_ROUND_STATES = ['not-started', 'starting', 'confirming', 'approving', 'approved', 'rejected', 'none'] as const;

export const rewardListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$', description: '奖励年度（年审年度）；默认为上一年开展年审的年度 / the review year; by default the one certified last year' },
    region: { type: 'string', pattern: '^33\\d{4}$', description: '330000（全省）、一个市或一个县的代码；默认为本人的辖区 / 330000, a city or a county; by default your own region' },
    eligible: { enum: ['true', 'false'], description: '只列符合条件的（true）或不符合的（false）；默认全部 / only eligible units, or only the others; all by default' },
  },
} as const;
export type RewardListQuery = FromSchema<typeof rewardListQuerySchema>;

export const rewardExportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['city'],
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$', description: '奖励年度；默认同上 / the review year; default as above' },
    city: { type: 'string', pattern: '^33\\d{2}00$', description: '市的行政区划代码，如 330100 / the city, e.g. 330100' },
  },
} as const;
export type RewardExportQuery = FromSchema<typeof rewardExportQuerySchema>;

const roundSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['cityCode', 'cityName', 'state', 'decisionVersion', 'evaluatedAt', 'decidedAt', 'decisionComment', 'candidates', 'approved', 'approvedAmount', 'exportHref'],
  properties: {
    cityCode: { type: 'string' },
    cityName: { type: 'string' },
    state: { enum: [...REWARD_ROUND_STATES], description: '未发起 / 发起中 / 县级确认中 / 市级审批中 / 已批准 / 未批准 / 无候选单位' },
    decisionVersion: { type: ['integer', 'null'], description: '判断所用奖励规则（决策表）的版本 / the decision version used' },
    evaluatedAt: { type: ['string', 'null'], format: 'date-time' },
    decidedAt: { type: ['string', 'null'], format: 'date-time' },
    decisionComment: { type: 'string' },
    candidates: { type: 'integer', description: '符合条件的候选单位数 / eligible units' },
    approved: { type: 'integer', description: '批准发放的单位数 / approved rewards' },
    approvedAmount: { type: 'number', description: '批准发放的奖励合计（元） / their total (yuan)' },
    exportHref: { type: ['string', 'null'], description: '发放表（调用者可导出时） / the payment workbook, when the caller may draw it' },
  },
} as const;

const unitSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'uscc', 'unitName', 'countyCode', 'countyName', 'cityCode', 'certifiedCount', 'requiredCount', 'surplus', 'actualRatio', 'yearsAboveQuota',
    'eligible', 'reasonCode', 'reason', 'amountPerPerson', 'amount', 'countyDecision', 'exclusionReason', 'approval', 'evaluatedAt',
  ],
  properties: {
    uscc: { type: 'string' },
    unitName: { type: 'string' },
    countyCode: { type: 'string' },
    countyName: { type: 'string' },
    cityCode: { type: 'string' },
    certifiedCount: { type: 'number', description: '认定安排残疾人数 / certified count' },
    requiredCount: { type: 'number', description: '应安排人数 / required count' },
    surplus: { type: 'number', description: '超过规定比例的人数（可为负） / above the quota by (may be negative)' },
    actualRatio: { type: 'number', description: '实际安排比例 / actual ratio' },
    yearsAboveQuota: { type: 'integer', description: '连续超比例安排的年数（含本年度） / consecutive years above the quota' },
    eligible: { type: 'boolean' },
    reasonCode: { enum: [...REWARD_REASON_CODES] },
    reason: { type: 'string', description: '原因（中文） / the reason in words' },
    amountPerPerson: { type: 'number', description: '每超 1 人奖励（元） / per person above the quota (yuan)' },
    amount: { type: 'number', description: '奖励金额（元） / the reward (yuan)' },
    countyDecision: { enum: ['confirmed', 'excluded', null], description: '县级确认 / 排除；未确认为 null' },
    exclusionReason: { type: ['string', 'null'] },
    approval: { enum: ['pending', 'approved', 'rejected'], description: '待审批 / 已批准 / 未批准' },
    evaluatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const rewardListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'region', 'regionName', 'rounds', 'items'],
  properties: {
    year: { type: 'integer' },
    region: { type: 'string' },
    regionName: { type: 'string' },
    rounds: { type: 'array', description: '辖区所在或所含各市的奖励流程 / the rounds of the cities in or above the region', items: roundSchema },
    items: { type: 'array', description: '辖区内经判断的单位，符合条件的在前 / the units evaluated in the region, eligible first', items: unitSchema },
  },
} as const;
export type RewardList = FromSchema<typeof rewardListSchema>;
export type RewardListItem = RewardList['items'][number];
export type RewardRoundItem = RewardList['rounds'][number];

export const rewardContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/rewards',
    operationId: 'listOverQuotaRewards',
    tag: 'rewards',
    summary: { zh: '超比例奖励：候选单位、依据和审批结果', en: 'Over-quota rewards: candidates, evidence and decisions' },
    description: {
      zh: '县残联看到本县、市残联看到所辖各县、省残联看到全省经奖励规则判断的单位：依据（认定人数、应安排人数、超出人数、比例、连续年数）、是否符合条件及原因、奖励金额、县级确认或排除理由、市级审批结果。',
      en: 'A county sees its own units, a city its counties’, the province all: the evidence, eligibility and reason, the amount, the county’s confirmation or exclusion and the city’s approval.',
    },
    callers: REWARD_READERS,
    request: { query: rewardListQuerySchema },
    responses: { 200: { description: { zh: '奖励情况', en: 'the rewards' }, schema: rewardListSchema } },
    problems: [invalidRequest(), ...signedIn],
  },
  {
    method: 'get',
    path: '/api/rewards/export.xlsx',
    operationId: 'exportOverQuotaRewards',
    tag: 'rewards',
    summary: { zh: '导出超比例奖励发放表（Excel）', en: 'Export the over-quota reward payment sheet (Excel)' },
    description: {
      zh: '一个市已批准的奖励：单位名称、统一社会信用代码、所在县、超出人数、每人金额、奖励金额和原因（不含银行账户）。导出留痕。',
      en: 'A city’s approved rewards: unit, USCC, county, surplus, amount per person, amount and reason (no bank details). Audited.',
    },
    callers: REWARD_EXPORTERS,
    request: { query: rewardExportQuerySchema },
    responses: { 200: { description: { zh: 'Excel 文件', en: 'The workbook' }, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
    problems: [invalidRequest(), ...signedIn],
  },
];
