// The employer's rating of the service (ratings/rating-routes.ts), and its summary for the DPF.
import type { FromSchema } from 'json-schema-to-ts';
import { invalidRequest, jsonBodyProblems, signedIn } from './common-problems.ts';
import { filingIdParams, filingNotFound } from './filings.ts';
import type { RouteContract } from './route-contract.ts';

export const ratingBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['score'],
  properties: {
    score: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: ['string', 'null'], maxLength: 500 },
  },
} as const;
export type RatingBody = FromSchema<typeof ratingBodySchema>;

export const ratingSummaryQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { type: 'string', pattern: '^\\d{4}$' },
    regionCode: { type: 'string', pattern: '^\\d{6}$', description: '在本辖区内缩小范围 / narrows the scope within your own region' },
  },
} as const;
export type RatingSummaryQuery = FromSchema<typeof ratingSummaryQuerySchema>;

export const filingRatingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['filingId', 'score', 'comment', 'ratedAt', 'updatedAt'],
  properties: {
    filingId: { type: 'string' },
    score: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: ['string', 'null'] },
    ratedAt: { type: 'string', format: 'date-time', description: '首次评价时间 / when first rated' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;
export type FilingRating = FromSchema<typeof filingRatingSchema>;

export const ratingSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['year', 'regionCode', 'count', 'average', 'distribution', 'comments'],
  properties: {
    year: { type: ['integer', 'null'] },
    regionCode: { type: ['string', 'null'] },
    count: { type: 'integer' },
    average: { type: ['number', 'null'], description: '两位小数，无人评价时为 null / two decimals, null when nobody rated' },
    distribution: {
      type: 'object',
      additionalProperties: false,
      required: ['1', '2', '3', '4', '5'],
      properties: { 1: { type: 'integer' }, 2: { type: 'integer' }, 3: { type: 'integer' }, 4: { type: 'integer' }, 5: { type: 'integer' } },
    },
    comments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['score', 'comment', 'ratedAt', 'year', 'regionCode'],
        properties: {
          score: { type: 'integer' },
          comment: { type: 'string', description: '证件号码和手机号打码 / personal and mobile numbers masked' },
          ratedAt: { type: 'string', format: 'date-time' },
          year: { type: 'integer' },
          regionCode: { type: 'string' },
        },
      },
    },
  },
} as const;
export type RatingSummary = FromSchema<typeof ratingSummarySchema>;

export const ratingContracts: readonly RouteContract[] = [
  {
    method: 'post',
    path: '/api/filings/{id}/rating',
    operationId: 'rateFiling',
    tag: 'ratings',
    summary: { zh: '评价服务', en: 'Rate the service' },
    description: { zh: '认证完成后单位评价；再次评价覆盖上次。', en: 'Once certified, the employer rates; a later rating replaces it.' },
    callers: ['employer'],
    request: { params: filingIdParams, body: ratingBodySchema },
    responses: {
      201: { description: { zh: '首次评价', en: 'Rated for the first time' }, schema: filingRatingSchema },
      200: { description: { zh: '评价已更新', en: 'The rating was changed' }, schema: filingRatingSchema },
    },
    problems: [
      ...jsonBodyProblems(),
      ...signedIn,
      filingNotFound,
      { status: 409, description: { zh: '认证完成后方可评价（filingStatus 为申报当前状态）', en: 'Rating opens once the filing is certified (filingStatus: where the filing is now)' }, codes: ['RATING_NOT_OPEN'] },
    ],
  },
  {
    method: 'get',
    path: '/api/ratings/summary',
    operationId: 'getRatingSummary',
    tag: 'ratings',
    summary: { zh: '评价汇总', en: 'Rating summary' },
    callers: ['reviewer', 'lead', 'city', 'province'],
    request: { query: ratingSummaryQuerySchema },
    responses: { 200: { description: { zh: '本辖区的评价汇总', en: 'The ratings within your region' }, schema: ratingSummarySchema } },
    problems: [invalidRequest(), ...signedIn],
  },
];
