// The filing season's API contract (season/season-routes.ts): the season in force and where today stands, its
// history, and changing it.
import type { FromSchema } from 'json-schema-to-ts';
import type { Role } from '../platform/http/identity.ts';
import type { RouteContract } from './route-contract.ts';
import { ANY_ROLE, invalidRequest, bodyLimits, unauthenticated, forbidden } from './common-problems.ts';

/** Who may change the season and read its history: policy staff and the province, who own policy changes (docs/domain.md §8). */
export const SEASON_SETTERS: readonly Role[] = ['policy', 'province'];

// Month-days are only typed here; season/filing-season.ts judges them, so its codes and the schema's never disagree.
const period = {
  type: 'object',
  required: ['start', 'end'],
  additionalProperties: false,
  properties: {
    start: { type: 'string', description: '开始月日 MM-DD / first day, MM-DD' },
    end: { type: 'string', description: '结束月日 MM-DD（含） / last day, MM-DD, inclusive' },
  },
} as const;

const seasonSchema = {
  type: 'object',
  required: ['certification', 'concentrated'],
  additionalProperties: false,
  properties: {
    certification: { ...period, description: '年审认证期 / the certification period' },
    concentrated: { ...period, description: '集中申报期（在认证期内） / the concentrated filing period, inside it' },
  },
} as const;

export const setSeasonSchema = {
  type: 'object',
  required: ['certification', 'concentrated', 'note'],
  additionalProperties: false,
  properties: {
    ...seasonSchema.properties,
    // A change of policy names its basis (the notice, the decision), as the seed names 浙残联发〔2022〕3号.
    note: { type: 'string', minLength: 1, maxLength: 500, description: '变更依据 / the basis of the change' },
  },
} as const;
export type SetSeason = FromSchema<typeof setSeasonSchema>;

const date = { type: 'string', format: 'date' } as const;

export const seasonViewSchema = {
  type: 'object',
  required: ['season', 'version', 'setAt', 'note', 'today', 'status', 'openForTraining', 'acceptingFilings'],
  additionalProperties: false,
  properties: {
    season: seasonSchema,
    version: { type: 'integer', description: '设置的版本，每次变更加一 / grows with every change' },
    setAt: { type: 'string', format: 'date-time' },
    note: { type: ['string', 'null'] },
    today: { ...date, description: '今天（北京时间） / today in China' },
    status: {
      type: 'object',
      required: [
        'inCertificationPeriod',
        'inConcentratedPeriod',
        'certificationYear',
        'reviewYear',
        'opensOn',
        'closesOn',
        'concentratedOpensOn',
        'concentratedClosesOn',
        'nextOpensOn',
      ],
      additionalProperties: false,
      properties: {
        inCertificationPeriod: { type: 'boolean' },
        inConcentratedPeriod: { type: 'boolean' },
        certificationYear: { type: 'integer' },
        reviewYear: { type: 'integer', description: '本认证年审核的年度（上一年） / the year this certification year reviews' },
        opensOn: date,
        closesOn: date,
        concentratedOpensOn: date,
        concentratedClosesOn: date,
        nextOpensOn: { type: ['string', 'null'], format: 'date', description: '认证期内为 null / null while the period is open' },
      },
    },
    openForTraining: { type: 'boolean', description: 'FILING_SEASON=open：任何一天都受理 / filings taken any day' },
    acceptingFilings: { type: 'boolean' },
  },
} as const;
export type SeasonView = FromSchema<typeof seasonViewSchema>;

export const seasonHistorySchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      description: '历次设置，最新的在前 / every setting there has been, newest first',
      items: {
        type: 'object',
        required: ['version', 'season', 'setBy', 'setAt', 'note'],
        additionalProperties: false,
        properties: {
          version: { type: 'integer' },
          season: seasonSchema,
          setBy: { type: 'string' },
          setAt: { type: 'string', format: 'date-time' },
          note: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;
export type SeasonHistory = FromSchema<typeof seasonHistorySchema>;

const seasonViewResponse = { description: { zh: '当前年审时间及今天所处的阶段', en: 'the season in force and where today stands' }, schema: seasonViewSchema };

export const seasonContracts: readonly RouteContract[] = [
  {
    method: 'get',
    path: '/api/settings/filing-season',
    operationId: 'getFilingSeason',
    tag: 'season',
    summary: { zh: '当前的年审时间设置', en: 'The filing season in force' },
    description: {
      zh: '认证期和集中申报期（每年重复的月日），今天（北京时间）是否在期内，下一次何时开始受理。',
      en: 'The certification and concentrated periods (month-days repeating each year), whether today (China) lies in them, and when filing next opens.',
    },
    callers: ANY_ROLE,
    responses: { 200: seasonViewResponse },
    problems: [unauthenticated],
  },
  {
    method: 'get',
    path: '/api/settings/filing-season/history',
    operationId: 'listFilingSeasonHistory',
    tag: 'season',
    summary: { zh: '年审时间设置的历史', en: 'The filing season’s history' },
    callers: SEASON_SETTERS,
    responses: { 200: { description: { zh: '历次设置及设置人', en: 'every setting and who made it' }, schema: seasonHistorySchema } },
    problems: [unauthenticated, forbidden],
  },
  {
    method: 'put',
    path: '/api/settings/filing-season',
    operationId: 'setFilingSeason',
    tag: 'season',
    summary: { zh: '变更年审时间', en: 'Change the filing season' },
    description: {
      zh: '期间须在同一自然年内，集中申报期须在认证期之内；变更写明依据并记入审计日志。',
      en: 'Each period lies within one calendar year and the concentrated one inside the certification period; the change names its basis and is audited.',
    },
    callers: SEASON_SETTERS,
    request: { body: setSeasonSchema },
    responses: { 200: seasonViewResponse },
    problems: [
      invalidRequest(['REQUIRED', 'FORMAT', 'UNKNOWN_FIELD', 'DATE_ORDER', 'OUTSIDE_CERTIFICATION']),
      unauthenticated,
      forbidden,
      ...bodyLimits,
    ],
  },
];
